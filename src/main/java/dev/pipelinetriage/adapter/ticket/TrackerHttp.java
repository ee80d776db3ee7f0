package dev.pipelinetriage.adapter.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.pipelinetriage.app.port.TrackerResult;
import dev.pipelinetriage.net.RateLimits;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * HTTP for tracker adapters: one client per tracker derived from the shared one, the credential added by an
 * interceptor (so no request builder ever sees it and no message can contain it), JSON in and out, and every
 * status mapped to a {@link TrackerResult.Problem}. Requests are not retried here: a create must never be
 * repeated blindly, and the caller's claim decides what happens next.
 */
public final class TrackerHttp {
    public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_MESSAGE = 300;

    private final OkHttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    /** @param authorization the whole Authorization header value ({@code Basic ...} or {@code Bearer ...}) */
    public TrackerHttp(OkHttpClient shared, String authorization, Clock clock) {
        Objects.requireNonNull(authorization, "authorization");
        this.clock = Objects.requireNonNull(clock, "clock");
        Interceptor auth = chain -> chain.proceed(chain.request().newBuilder().header("Authorization", authorization)
                .header("User-Agent", "pipeline-triage").build());
        this.client = shared.newBuilder().followRedirects(false).followSslRedirects(false)
                .callTimeout(Duration.ofSeconds(30)).addInterceptor(auth).build();
    }

    public ObjectMapper json() {
        return json;
    }

    public RequestBody body(Object value) {
        try {
            return RequestBody.create(json.writeValueAsBytes(value), JSON);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a tracker request as JSON", e);
        }
    }

    /** Sends and maps: 2xx to {@code onOk} of the JSON body (a null node when empty), anything else to a failure. */
    public <T> TrackerResult<T> send(Request request, Function<JsonNode, T> onOk) {
        String what = request.method() + " " + request.url().encodedPath();
        try (Response response = client.newCall(request).execute()) {
            // Asked before the body is read: a 403 may say so only in its message.
            boolean rateLimited = RateLimits.isRateLimited(response);
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (response.isSuccessful()) {
                JsonNode node = text.isBlank() ? NullNode.getInstance() : json.readTree(text);
                try {
                    return new TrackerResult.Ok<>(onOk.apply(node));
                } catch (RuntimeException e) {
                    return new TrackerResult.Failed<>(TrackerResult.Problem.REJECTED, what + " answered "
                            + response.code() + " with an unexpected body: " + e.getMessage(), null);
                }
            }
            return failure(response, what, text, rateLimited);
        } catch (IOException e) {
            return new TrackerResult.Failed<>(TrackerResult.Problem.UNREACHABLE, what + " failed: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), null);
        }
    }

    private <T> TrackerResult<T> failure(Response response, String what, String text, boolean rateLimited) {
        int code = response.code();
        String message = what + " answered " + code + reason(text);
        Duration retryAfter = RateLimits.waitFor(response, clock.instant()).orElse(null);
        TrackerResult.Problem problem;
        if (rateLimited) {
            problem = TrackerResult.Problem.RATE_LIMITED;
        } else if (code == 401) {
            problem = TrackerResult.Problem.UNAUTHORIZED;
        } else if (code == 403) {
            problem = TrackerResult.Problem.FORBIDDEN;
        } else if (code >= 500) {
            problem = TrackerResult.Problem.SERVER_ERROR;
        } else {
            problem = TrackerResult.Problem.REJECTED;
        }
        return new TrackerResult.Failed<>(problem, message, retryAfter);
    }

    /** Jira's {@code errorMessages}/{@code errors} or GitHub's {@code message}, else nothing: bodies can be HTML. */
    private String reason(String text) {
        try {
            JsonNode node = json.readTree(text);
            StringBuilder sb = new StringBuilder();
            if (node != null && node.has("message")) {
                sb.append(node.get("message").asText());
            }
            if (node != null && node.has("errorMessages")) {
                node.get("errorMessages").forEach(m -> sb.append(sb.isEmpty() ? "" : "; ").append(m.asText()));
            }
            if (node != null && node.has("errors") && node.get("errors").isObject()) {
                node.get("errors").properties().forEach(e -> sb.append(sb.isEmpty() ? "" : "; ").append(e.getKey())
                        .append(": ").append(e.getValue().asText()));
            }
            String reason = sb.toString().replaceAll("\\s+", " ").strip();
            if (reason.isEmpty()) {
                return "";
            }
            return ": " + (reason.length() <= MAX_MESSAGE ? reason : reason.substring(0, MAX_MESSAGE) + "...");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
