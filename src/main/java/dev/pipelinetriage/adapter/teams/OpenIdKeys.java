package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bot Framework's signing keys, from its OpenID metadata document, with their endorsements (the channels a
 * key may sign for). Cached: refreshed when a day old, and on an unknown {@code kid} at most once per interval (a
 * flood of forged tokens cannot turn into a flood of metadata requests). When the metadata endpoint is down the
 * cached keys keep working; with no keys at all, lookups say so (503, never anonymous).
 */
final class OpenIdKeys {
    private static final Logger LOG = LoggerFactory.getLogger(OpenIdKeys.class);
    private static final Duration MAX_AGE = Duration.ofDays(1);
    /** With no keys at all, a first load is retried sooner than the unknown-kid interval. */
    private static final Duration RETRY_WITHOUT_KEYS = Duration.ofSeconds(30);

    private final OkHttpClient http;
    private final HttpUrl metadataUrl;
    private final Clock clock;
    private final Duration refreshInterval;
    private final ObjectMapper json = new ObjectMapper();

    private Map<String, SigningKey> keys = Map.of();
    private Instant fetchedAt;
    private Instant lastLoad;
    private Instant lastKidRefresh;

    OpenIdKeys(OkHttpClient http, URI metadataUrl, Clock clock, Duration refreshInterval) {
        this.http = Objects.requireNonNull(http, "http");
        this.metadataUrl = Objects.requireNonNull(HttpUrl.get(metadataUrl.toString()), "metadataUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
    }

    /** A signing key and the channel ids it is endorsed for. */
    record SigningKey(String kid, RSAKey key, Set<String> endorsements) {
        SigningKey {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(key, "key");
            endorsements = Set.copyOf(endorsements);
        }
    }

    sealed interface Lookup {
    }

    record Found(SigningKey key) implements Lookup {
    }

    /** The metadata does not list this key (after the one refresh the interval allows). */
    record Unknown() implements Lookup {
    }

    /** No keys could be loaded at all. */
    record Unavailable() implements Lookup {
    }

    synchronized Lookup key(String kid) {
        Instant now = clock.instant();
        boolean due = keys.isEmpty()
                ? lastLoad == null || !now.isBefore(lastLoad.plus(RETRY_WITHOUT_KEYS))
                : now.isAfter(fetchedAt.plus(MAX_AGE)) && !now.isBefore(lastLoad.plus(refreshInterval));
        if (due) {
            refresh(now);
        }
        SigningKey key = keys.get(kid);
        // Keys rotate: an unknown kid may be a new key, but only one such refresh per interval.
        if (key == null && !keys.isEmpty() && (lastKidRefresh == null || !now.isBefore(lastKidRefresh.plus(refreshInterval)))) {
            lastKidRefresh = now;
            refresh(now);
            key = keys.get(kid);
        }
        if (key != null) {
            return new Found(key);
        }
        return keys.isEmpty() ? new Unavailable() : new Unknown();
    }

    private void refresh(Instant now) {
        lastLoad = now;
        try {
            Map<String, SigningKey> loaded = load();
            if (loaded.isEmpty()) {
                LOG.warn("the Bot Framework key document lists no RSA keys; keeping {} cached keys", keys.size());
            } else {
                keys = Map.copyOf(loaded);
                fetchedAt = now;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Bot Framework OpenID metadata refresh failed ({}); keeping {} cached keys", e.getMessage(), keys.size());
        }
    }

    private Map<String, SigningKey> load() throws IOException {
        JsonNode metadata = get(metadataUrl);
        HttpUrl jwks = HttpUrl.parse(metadata.path("jwks_uri").asText(""));
        // The key document must come from where the metadata came from: a tampered document cannot point elsewhere.
        if (jwks == null || !jwks.scheme().equals(metadataUrl.scheme()) || !jwks.host().equals(metadataUrl.host())
                || jwks.port() != metadataUrl.port()) {
            throw new IOException("jwks_uri is missing or not on " + metadataUrl.host());
        }
        Map<String, SigningKey> loaded = new HashMap<>();
        for (JsonNode k : get(jwks).path("keys")) {
            String kid = k.path("kid").asText("");
            if (!"RSA".equals(k.path("kty").asText()) || kid.isEmpty() || !k.hasNonNull("n") || !k.hasNonNull("e")) {
                continue;
            }
            Set<String> endorsements = new HashSet<>();
            k.path("endorsements").forEach(e -> endorsements.add(e.asText()));
            RSAKey key = new RSAKey.Builder(new Base64URL(k.get("n").asText()), new Base64URL(k.get("e").asText()))
                    .keyID(kid).build();
            loaded.put(kid, new SigningKey(kid, key, endorsements));
        }
        return loaded;
    }

    private JsonNode get(HttpUrl url) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code() + " from " + url.host() + url.encodedPath());
            }
            return json.readTree(response.body().byteStream());
        }
    }
}
