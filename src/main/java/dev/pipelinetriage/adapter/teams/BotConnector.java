package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.chat.Posted;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
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
 * {@code Retry-After} in full, up to {@link #MAX_RETRY_AFTER}; a longer one gives up); a 401 drops the cached app
 * token and retries once. A new message is sent again only after an answer that says it was refused (429, 412,
 * 503): after a lost connection, a 500, 502 or 504 the connector may have stored it, and a duplicate is worse than
 * a missing message. Updates are idempotent and retried after any of these.
 */
final class BotConnector {
    private static final Logger LOG = LoggerFactory.getLogger(BotConnector.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Duration BASE_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    /** The longest Retry-After a worker waits out; a longer one gives up rather than asking again too early. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    private final OkHttpClient http;
    private final AppTokens tokens;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final String testServiceUrl;
    private final int maxAttempts;
    private final ObjectMapper json = new ObjectMapper();

    /** @param jitter uniform in [0, 1): the share of the backoff added at random */
    BotConnector(OkHttpClient http, AppTokens tokens, Sleeper sleeper, DoubleSupplier jitter, String testServiceUrl,
            int maxAttempts) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.testServiceUrl = testServiceUrl;
        this.maxAttempts = maxAttempts;
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
        Optional<JsonNode> answer = call("send", "POST", url.build(), activity, false);
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
        return call("update", "PUT", url.addPathSegment(activityId).build(), activity, true)
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
        return call("member", "GET", url, null, true);
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

    private Optional<JsonNode> call(String what, String method, HttpUrl url, ObjectNode body, boolean idempotent) {
        boolean refreshedToken = false;
        String error = "not attempted";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration wait;
            try {
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
                        continue;
                    }
                    if (!retryable(code)) {
                        break;
                    }
                    if (!idempotent && !refused(code)) {
                        error = "HTTP " + code + "; the connector may have stored it, so it is not sent again";
                        break;
                    }
                    Optional<Duration> asked = retryAfter(response.header("Retry-After"));
                    if (asked.isPresent() && asked.get().compareTo(MAX_RETRY_AFTER) > 0) {
                        error = "HTTP " + code + ", asked to wait " + asked.get().toSeconds() + " s";
                        break;
                    }
                    wait = asked.isPresent() ? asked.get() : backoff(attempt);
                }
            } catch (AppTokens.TokenException e) {
                error = e.getMessage();
                wait = backoff(attempt);
            } catch (IOException e) {
                error = "network: " + e.getClass().getSimpleName();
                if (!idempotent) {
                    // The connector may have posted it; an update by activity id is safe, a second post is not.
                    break;
                }
                wait = backoff(attempt);
            }
            if (attempt == maxAttempts || !sleep(wait)) {
                break;
            }
        }
        LOG.warn("Bot Connector {} to {} failed: {}", what, url.host(), error);
        return Optional.empty();
    }

    static boolean retryable(int code) {
        return code == 429 || code == 412 || code == 500 || code == 502 || code == 503 || code == 504;
    }

    /** Answers that say the request was turned away before it was acted on: throttled, or not served at all. */
    private static boolean refused(int code) {
        return code == 429 || code == 412 || code == 503;
    }

    private Duration backoff(int attempt) {
        Duration base = BASE_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 5));
        Duration withJitter = base.plusMillis((long) (base.toMillis() * jitter.getAsDouble()));
        return withJitter.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : withJitter;
    }

    /**
     * Seconds only, as asked: cutting a long wait short would only earn another 429. Absent or unreadable falls
     * back to the backoff.
     */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || !header.strip().matches("[0-9]{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
    }

    private boolean sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
