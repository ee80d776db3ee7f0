package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * App-only tokens from the Microsoft identity platform (client credentials), one per scope: the Bot Connector's
 * ({@code https://api.botframework.com/.default}) and Graph's. Cached until five minutes before expiry, so a call
 * never starts with a token about to lapse; {@link #invalidate} drops one the API refused.
 */
final class AppTokens {
    static final String CONNECTOR_SCOPE = "https://api.botframework.com/.default";
    static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final OkHttpClient http;
    private final HttpUrl tokenUrl;
    private final String appId;
    private final String appPassword;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String token, Instant refreshAt) {
    }

    /** Why no token: the identity platform's error code (never the credential). */
    static final class TokenException extends IOException {
        TokenException(String message) {
            super(message);
        }
    }

    AppTokens(OkHttpClient http, URI loginBase, String tenant, String appId, String appPassword, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokenUrl = HttpUrl.get(loginBase.toString()).newBuilder().addPathSegment(tenant)
                .addPathSegments("oauth2/v2.0/token").build();
        this.appId = Objects.requireNonNull(appId, "appId");
        this.appPassword = Objects.requireNonNull(appPassword, "appPassword");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    String token(String scope) throws IOException {
        Cached cached = cache.get(scope);
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return cached.token();
        }
        synchronized (this) {
            cached = cache.get(scope);
            if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
                return cached.token();
            }
            Cached fresh = fetch(scope);
            cache.put(scope, fresh);
            return fresh.token();
        }
    }

    void invalidate(String scope) {
        cache.remove(scope);
    }

    private Cached fetch(String scope) throws IOException {
        Request request = new Request.Builder().url(tokenUrl).post(new FormBody.Builder()
                .add("grant_type", "client_credentials").add("client_id", appId).add("client_secret", appPassword)
                .add("scope", scope).build()).build();
        Instant asked = clock.instant();
        try (Response response = http.newCall(request).execute()) {
            JsonNode body = json.readTree(response.body().byteStream());
            if (!response.isSuccessful() || !body.hasNonNull("access_token")) {
                throw new TokenException("token endpoint answered HTTP " + response.code() + " "
                        + body.path("error").asText("without an error code"));
            }
            Duration life = Duration.ofSeconds(body.path("expires_in").asLong(0));
            Duration usable = life.compareTo(REFRESH_BEFORE.multipliedBy(2)) > 0 ? life.minus(REFRESH_BEFORE) : life.dividedBy(2);
            return new Cached(body.get("access_token").asText(), asked.plus(usable));
        } catch (TokenException e) {
            throw e;
        } catch (IOException e) {
            // A token that did not arrive: nothing was sent to the connector yet, so the caller may safely try again.
            throw new TokenException("token endpoint unreachable (" + e.getClass().getSimpleName() + ")");
        }
    }
}
