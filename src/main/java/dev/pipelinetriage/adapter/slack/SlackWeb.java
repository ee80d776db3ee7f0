package dev.pipelinetriage.adapter.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.auth.AuthTestRequest;
import com.slack.api.methods.request.chat.ChatPostEphemeralRequest;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.request.conversations.ConversationsHistoryRequest;
import com.slack.api.methods.request.conversations.ConversationsRepliesRequest;
import com.slack.api.methods.request.files.FilesUploadV2Request;
import com.slack.api.methods.request.reactions.ReactionsAddRequest;
import com.slack.api.methods.request.usergroups.users.UsergroupsUsersListRequest;
import com.slack.api.methods.request.views.ViewsOpenRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.pipelinetriage.app.port.GroupDirectory;
import dev.pipelinetriage.chat.Posted;
import dev.pipelinetriage.net.Attempts;
import dev.pipelinetriage.net.Backoff;
import dev.pipelinetriage.net.NetworkFailures;
import dev.pipelinetriage.net.Pacing;
import dev.pipelinetriage.net.RetryAfter;
import dev.pipelinetriage.net.RetryPolicy;
import dev.pipelinetriage.net.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web API calls the bot makes, with what the SDK's synchronous client leaves out: a 429 waits its
 * {@code Retry-After} (seconds or an HTTP date; a missing or unreadable one waits a default), posts to one channel
 * are paced, 5xx and network failures are retried a bounded number of times ({@link #retryPolicy}; a new message
 * after a lost answer only when reading back shows it was not posted), and a call that finally fails is logged with
 * the method, channel and Slack's error -- never the token -- and answered as {@link Posted.Undelivered}.
 */
final class SlackWeb {
    private static final Logger LOG = LoggerFactory.getLogger(SlackWeb.class);
    /** What a 429 without a readable {@code Retry-After} waits. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    /** The longest wait a worker may hold; asking again before a longer one is over earns another 429. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);
    /** How far back a lost post is looked for: the time the post took, and clock differences with Slack. */
    private static final Duration LOOKBACK = Duration.ofMinutes(1);

    private final MethodsClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Pacing pacing;
    private final RetryPolicy retries;
    private final AtomicReference<OwnIds> own = new AtomicReference<>();

    SlackWeb(MethodsClient client, Clock clock, Sleeper sleeper, Duration postInterval, int maxAttempts) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
        this.pacing = new Pacing(postInterval, clock, sleeper);
        this.retries = retryPolicy(maxAttempts);
    }

    /**
     * 429 and any 5xx are retried for every method. A network failure repeats a call that may be sent twice (reads,
     * updates), and any call when no connection was made. Waits: the {@code Retry-After} in full up to
     * {@link #MAX_RETRY_AFTER}, else 1 s doubling.
     */
    static RetryPolicy retryPolicy(int maxAttempts) {
        int[] statuses = IntStream.concat(IntStream.of(429), IntStream.rangeClosed(500, 599)).toArray();
        return RetryPolicy.builder()
                .maxAttempts(maxAttempts)
                .backoff(Backoff.doubling(Duration.ofSeconds(1), MAX_RETRY_AFTER))
                .retryStatuses(statuses)
                .resendStatuses(statuses)
                .networkFailures(NetworkFailures.IDEMPOTENT_OR_NEVER_SENT)
                .longestRetryAfter(MAX_RETRY_AFTER)
                .build();
    }

    @FunctionalInterface
    private interface Call<R extends SlackApiTextResponse> {
        R call() throws IOException, SlackApiException;
    }

    /**
     * A finished call: Slack's answer, or why there is none.
     *
     * @param unknown the connection failed after the request may have reached Slack: whether it acted is unknown
     */
    private record Answer<R>(R response, String error, boolean unknown) {
        Answer(R response, String error) {
            this(response, error, false);
        }

        boolean ok() {
            return response != null;
        }
    }

    /**
     * Posts a message. A new message is never sent twice blindly: when the connection fails after the request may
     * have reached Slack (the answer was lost), the channel or thread is read back for the bot's own message with
     * this text, posted since just before; found, it is the post (so a card replaces it rather than leaving it
     * behind); not found, the message is sent again; when it cannot be read back, nothing more is sent.
     */
    Posted postMessage(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        Instant since = clock.instant().minus(LOOKBACK);
        String error = "not attempted";
        for (int send = 0; send < 2; send++) {
            Answer<ChatPostMessageResponse> a = call("chat.postMessage", channel, true, false, () -> client.chatPostMessage(
                    ChatPostMessageRequest.builder().channel(channel).threadTs(threadTs).text(text).blocks(blocks)
                            .unfurlLinks(false).unfurlMedia(false).build()));
            if (a.ok()) {
                return new Posted.Delivered(a.response().getTs());
            }
            error = a.error();
            if (!a.unknown()) {
                break;
            }
            Optional<Optional<String>> found = findOwnPost(channel, threadTs, text, since);
            if (found.isEmpty()) {
                return new Posted.Undelivered(error + "; whether Slack posted it is unknown");
            }
            if (found.get().isPresent()) {
                LOG.info("Slack chat.postMessage answer lost for channel {}; the message was posted", channel);
                return new Posted.Delivered(found.get().get());
            }
        }
        return new Posted.Undelivered(error);
    }

    /**
     * The ts of the bot's own message with {@code text} posted at or after {@code since} in the thread (or the
     * channel), empty inside when there is none, or empty outside when Slack could not be asked.
     */
    private Optional<Optional<String>> findOwnPost(String channel, String threadTs, String text, Instant since) {
        Optional<OwnIds> me = ownIds();
        if (me.isEmpty()) {
            return Optional.empty();
        }
        String oldest = since.getEpochSecond() + ".000000";
        List<com.slack.api.model.Message> messages;
        if (threadTs != null) {
            var a = call("conversations.replies", channel, false, () -> client.conversationsReplies(
                    ConversationsRepliesRequest.builder().channel(channel).ts(threadTs).oldest(oldest).limit(100).build()));
            if (!a.ok()) {
                return Optional.empty();
            }
            messages = a.response().getMessages();
        } else {
            var a = call("conversations.history", channel, false, () -> client.conversationsHistory(
                    ConversationsHistoryRequest.builder().channel(channel).oldest(oldest).limit(100).build()));
            if (!a.ok()) {
                return Optional.empty();
            }
            messages = a.response().getMessages();
        }
        return Optional.of((messages == null ? List.<com.slack.api.model.Message>of() : messages).stream()
                .filter(m -> me.get().botId().equals(m.getBotId()) && text.equals(m.getText()))
                .map(com.slack.api.model.Message::getTs).findFirst());
    }

    Posted update(String channel, String ts, String text, List<LayoutBlock> blocks) {
        Answer<ChatUpdateResponse> a = call("chat.update", channel, false, () -> client.chatUpdate(
                ChatUpdateRequest.builder().channel(channel).ts(ts).text(text).blocks(blocks).build()));
        return a.ok() ? new Posted.Delivered(ts) : new Posted.Undelivered(a.error());
    }

    Posted postEphemeral(String channel, String user, String threadTs, String text) {
        var a = call("chat.postEphemeral", channel, false, false, () -> client.chatPostEphemeral(
                ChatPostEphemeralRequest.builder().channel(channel).user(user).threadTs(threadTs).text(text).build()));
        return a.ok() ? new Posted.Delivered(a.response().getMessageTs()) : new Posted.Undelivered(a.error());
    }

    /** Adds the bot's reaction {@code name} to message {@code ts}; one the bot already added counts as added. */
    Posted addReaction(String channel, String ts, String name) {
        var a = call("reactions.add", channel, false, true, () -> client.reactionsAdd(
                ReactionsAddRequest.builder().channel(channel).timestamp(ts).name(name).build()));
        return a.ok() || "already_reacted".equals(a.error()) ? new Posted.Delivered(ts) : new Posted.Undelivered(a.error());
    }

    /** Uploads a file to {@code channel} (Slack's external upload flow, which the SDK drives in three calls). */
    Posted uploadFile(String channel, String title, String fileName, byte[] data) {
        try {
            var a = call("files.uploadV2", channel, true, false, () -> client.filesUploadV2(FilesUploadV2Request.builder()
                    .channel(channel).title(title).filename(fileName).fileData(data).build()));
            return a.ok() ? new Posted.Delivered(a.response().getFile() == null ? fileName : a.response().getFile().getId())
                    : new Posted.Undelivered(a.error());
        } catch (RuntimeException e) {
            // The SDK reports a failed step of the upload flow as an unchecked exception.
            LOG.warn("Slack files.uploadV2 failed for channel {}: {}", channel, e.getClass().getSimpleName());
            return new Posted.Undelivered("upload failed: " + e.getClass().getSimpleName());
        }
    }

    Optional<String> openView(String triggerId, View view) {
        var a = call("views.open", null, false, () -> client.viewsOpen(
                ViewsOpenRequest.builder().triggerId(triggerId).view(view).build()));
        return a.ok() ? Optional.empty() : Optional.of(a.error());
    }

    /** Whether {@code user} is in {@code group} ({@code MemberOf} that group or none), or why Slack did not say. */
    GroupDirectory.Membership groupMembership(String team, String group, String user) {
        Answer<UsergroupsUsersListResponse> a = call("usergroups.users.list", null, false, () -> client.usergroupsUsersList(
                UsergroupsUsersListRequest.builder().usergroup(group).teamId(team).build()));
        if (!a.ok()) {
            return new GroupDirectory.LookupFailed("Slack answered " + a.error() + " for user group " + group);
        }
        List<String> users = a.response().getUsers();
        return new GroupDirectory.MemberOf(users != null && users.contains(user) ? java.util.Set.of(group) : java.util.Set.of());
    }

    /** The bot's own bot id and user id, as {@code auth.test} names them. */
    record OwnIds(String botId, String userId) {
    }

    /** The bot's own ids, asked once and remembered; empty while Slack has not answered. */
    Optional<OwnIds> ownIds() {
        OwnIds known = own.get();
        if (known != null) {
            return Optional.of(known);
        }
        var a = call("auth.test", null, false, () -> client.authTest(AuthTestRequest.builder().build()));
        if (!a.ok() || a.response().getBotId() == null) {
            return Optional.empty();
        }
        own.compareAndSet(null, new OwnIds(a.response().getBotId(), a.response().getUserId()));
        return Optional.of(own.get());
    }

    private <R extends SlackApiTextResponse> Answer<R> call(String method, String channel, boolean paced, Call<R> call) {
        return call(method, channel, paced, true, call);
    }

    /** @param repeatable whether a request that may have reached Slack can be sent again (reads, updates) */
    private <R extends SlackApiTextResponse> Answer<R> call(String method, String channel, boolean paced,
            boolean repeatable, Call<R> call) {
        String error;
        Attempts attempts = retries.attempts();
        while (true) {
            Attempts.Next next;
            try {
                if (paced) {
                    pacing.await(channel);
                }
                R response = call.call();
                if (response.isOk()) {
                    return new Answer<>(response, null);
                }
                // ok=false is Slack's considered answer (not_in_channel, invalid_auth...): repeating will not help.
                error = response.getError();
                break;
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                error = "HTTP " + status + (e.getError() != null && e.getError().getError() != null
                        ? " " + e.getError().getError() : "");
                if (!retries.retryable(status, repeatable)) {
                    break;
                }
                Optional<Duration> asked = Optional.empty();
                if (status == 429) {
                    Duration wait = RetryAfter.parse(e.getResponse().header("Retry-After"), clock.instant())
                            .orElse(DEFAULT_RETRY_AFTER);
                    pacing.holdBack(channel, wait);
                    asked = Optional.of(wait);
                }
                next = attempts.next(asked);
            } catch (IOException e) {
                error = "network: " + e.getClass().getSimpleName();
                // A connection that was never made carried nothing; any other failure may have delivered the request.
                if (!retries.retryable(e, repeatable)) {
                    LOG.warn("Slack {} failed for channel {}: {}", method, channel == null ? "-" : channel, error);
                    return new Answer<>(null, error, true);
                }
                next = attempts.next(Optional.empty());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
                break;
            }
            if (next instanceof Attempts.Next.AskedTooLong tooLong) {
                error += ", asked to wait " + tooLong.asked().toSeconds() + " s";
            }
            if (!(next instanceof Attempts.Next.Retry retry) || !sleeper.sleepUninterrupted(retry.delay())) {
                break;
            }
        }
        LOG.warn("Slack {} failed for channel {}: {}", method, channel == null ? "-" : channel, error);
        return new Answer<>(null, error);
    }
}
