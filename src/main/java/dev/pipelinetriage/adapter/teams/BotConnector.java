package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bot Connector REST calls (reply in a thread, update an activity, typing, one member) over OkHttp, to a
 * {@code serviceUrl} the inbound check has bound to a token -- and only https, unless it is the configured test
 * URL. 429, 412, 500, 502, 503 and 504 are retried with exponential backoff and jitter (honouring
 * {@code Retry-After}, seconds or an HTTP date, in full up to {@link #MAX_RETRY_AFTER}; a longer one gives up); a
 * 401 drops the cached app token and retries once. A new message is sent again only after an answer that says it
 * was refused (429, 412, 503): after a lost connection, a 500, 502 or 504 the connector may have stored it, and a
 * duplicate is worse than a missing message. Updates are idempotent and retried after any of these.
 */
final class BotConnector {
    private static final Logger LOG = LoggerFactory.getLogger(BotConnector.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** The longest Retry-After a worker waits out; a longer one gives up rather than asking again too early. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    private final OkHttpClient http;
    private final AppTokens tokens;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final String testServiceUrl;
    private final RetryPolicy retries;
    private final Pacing pacing;
    private final ObjectMapper json = new ObjectMapper();

    /** @param random draws the backoff's jitter */
    BotConnector(OkHttpClient http, AppTokens tokens, Clock clock, Sleeper sleeper, RandomGenerator random,
            String testServiceUrl, int maxAttempts) {
        this(http, tokens, clock, sleeper, random, testServiceUrl, maxAttempts, Duration.ZERO);
    }

    /**
     * @param postInterval the least time between two messages or card updates in one conversation (Teams limits a
     *     bot's posts per conversation); zero for none
     */
    BotConnector(OkHttpClient http, AppTokens tokens, Clock clock, Sleeper sleeper, RandomGenerator random,
            String testServiceUrl, int maxAttempts, Duration postInterval) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.testServiceUrl = testServiceUrl;
        this.retries = retryPolicy(maxAttempts);
        this.pacing = new Pacing(postInterval, clock, sleeper);
    }

    /**
     * 429, 412, 500, 502, 503 and 504 are retried for updates and reads, only the refusals (429, 412, 503) for a new
     * message; a network failure only for updates and reads. Waits: the {@code Retry-After} in full up to
     * {@link #MAX_RETRY_AFTER}, else 1 s doubling with jitter (each wait between once and twice its step), at most
     * 30 s.
     */
    static RetryPolicy retryPolicy(int maxAttempts) {
        return RetryPolicy.builder()
                .maxAttempts(maxAttempts)
                .backoff(Backoff.jittered(Duration.ofSeconds(2), Duration.ofSeconds(30)))
                .retryStatuses(429, 412, 500, 502, 503, 504)
                .resendStatuses(429, 412, 503)
                .networkFailures(NetworkFailures.IDEMPOTENT_ONLY)
                .longestRetryAfter(MAX_RETRY_AFTER)
                .build();
    }

    /** Posts {@code activity} in the conversation: under {@code replyToId} when given (the thread), else at its top. */
    Posted send(String serviceUrl, String conversationId, String replyToId, ObjectNode activity) {
        HttpUrl.Builder url = activities(serviceUrl, conversationId);
        if (url == null) {
            return new Posted.Undelivered("untrusted serviceUrl");
        }
        if (replyToId != null) {
            url.addPathSegment(replyToId);
            activity.put("replyToId", replyToId);
        }
        Optional<JsonNode> answer = call("send", "POST", url.build(), activity, false, conversationId);
        if (answer.isEmpty()) {
            return new Posted.Undelivered("the Bot Connector did not confirm the message");
        }
        String id = answer.get().path("id").asText("");
        // Without the new activity's id the message cannot be updated later; callers then post instead.
        return id.isBlank() ? new Posted.Undelivered("the Bot Connector returned no activity id") : new Posted.Delivered(id);
    }

    /** Replaces activity {@code activityId} (the card in place). Idempotent, so network failures are retried too. */
    Posted update(String serviceUrl, String conversationId, String activityId, ObjectNode activity) {
        HttpUrl.Builder url = activities(serviceUrl, conversationId);
        if (url == null) {
            return new Posted.Undelivered("untrusted serviceUrl");
        }
        activity.put("id", activityId);
        return call("update", "PUT", url.addPathSegment(activityId).build(), activity, true, conversationId)
                .<Posted>map(body -> new Posted.Delivered(activityId))
                .orElseGet(() -> new Posted.Undelivered("the Bot Connector did not update the card"));
    }

    /** The member's Teams account ({@code userRole}, {@code tenantId}), or empty when the connector did not say. */
    Optional<JsonNode> member(String serviceUrl, String conversationId, String userId) {
        HttpUrl base = trusted(serviceUrl);
        if (base == null) {
            return Optional.empty();
        }
        HttpUrl url = base.newBuilder().addPathSegment("v3").addPathSegment("conversations")
                .addPathSegment(conversationId).addPathSegment("members").addPathSegment(userId).build();
        return call("member", "GET", url, null, true, null);
    }

    private HttpUrl.Builder activities(String serviceUrl, String conversationId) {
        HttpUrl base = trusted(serviceUrl);
        return base == null ? null : base.newBuilder().addPathSegment("v3").addPathSegment("conversations")
                .addPathSegment(conversationId).addPathSegment("activities");
    }

    /** The connector base, when it may receive our token. */
    private HttpUrl trusted(String serviceUrl) {
        HttpUrl url = serviceUrl == null ? null : HttpUrl.parse(serviceUrl);
        if (url == null) {
            return null;
        }
        boolean test = testServiceUrl != null && (serviceUrl.toLowerCase(Locale.ROOT) + "/")
                .startsWith(testServiceUrl.toLowerCase(Locale.ROOT).replaceAll("/*$", "/"));
        if (!url.isHttps() && !test) {
            LOG.warn("refused to call a non-https serviceUrl on host {}", url.host());
            return null;
        }
        return url;
    }

    /** @param pacedIn the conversation whose posts this one is spaced from, or null for a read */
    private Optional<JsonNode> call(String what, String method, HttpUrl url, ObjectNode body, boolean idempotent,
            String pacedIn) {
        boolean refreshedToken = false;
        String error;
        Attempts attempts = retries.attempts(random);
        while (true) {
            Attempts.Next next;
            try {
                pacing.await(pacedIn);
                String token = tokens.token(AppTokens.CONNECTOR_SCOPE);
                Request.Builder request = new Request.Builder().url(url).header("Authorization", "Bearer " + token);
                request.method(method, body == null ? null : RequestBody.create(json.writeValueAsBytes(body), JSON));
                try (Response response = http.newCall(request.build()).execute()) {
                    int code = response.code();
                    if (response.isSuccessful()) {
                        String text = response.body().string();
                        return Optional.of(text.isBlank() ? json.createObjectNode() : json.readTree(text));
                    }
                    error = "HTTP " + code;
                    if (code == 401 && !refreshedToken) {
                        tokens.invalidate(AppTokens.CONNECTOR_SCOPE);
                        refreshedToken = true;
                        if (attempts.repeatAtOnce()) {
                            continue;
                        }
                        break;
                    }
                    if (!retries.retryable(code, idempotent)) {
                        if (retries.retryable(code, true)) {
                            error = "HTTP " + code + "; the connector may have stored it, so it is not sent again";
                        }
                        break;
                    }
                    Optional<Duration> asked = RetryAfter.parse(response.header("Retry-After"), clock.instant());
                    if (code == 429) {
                        asked.ifPresent(wait -> pacing.holdBack(pacedIn, wait));
                    }
                    next = attempts.next(asked);
                }
            } catch (AppTokens.TokenException e) {
                error = e.getMessage();
                next = attempts.next(Optional.empty());
            } catch (IOException e) {
                error = "network: " + e.getClass().getSimpleName();
                if (!retries.retryable(e, idempotent)) {
                    // The connector may have posted it; an update by activity id is safe, a second post is not.
                    break;
                }
                next = attempts.next(Optional.empty());
            } catch (InterruptedException e) {
                // A shutdown while waiting for the conversation's next slot: nothing was sent.
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
        LOG.warn("Bot Connector {} to {} failed: {}", what, url.host(), error);
        return Optional.empty();
    }
}
