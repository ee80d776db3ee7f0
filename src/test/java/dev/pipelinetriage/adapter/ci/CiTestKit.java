package dev.pipelinetriage.adapter.ci;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.net.HttpClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/** Builds instance clients for tests: a fixed clock, a recording sleeper, a seeded random, fixtures on disk. */
public final class CiTestKit {
    public static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    public static final String TOKEN = "t0ken-s3cret-value";

    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final OkHttpClient shared = HttpClients.newShared();

    /** Fast enough for tests that wait for a deadline on purpose; retries from a 1 s base (never slept for real). */
    public static HttpPolicy policy(Duration callTimeout) {
        return new HttpPolicy(callTimeout, 4, 2, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public InstanceHttp http(String instance, HostPolicy hosts, ApiAuth auth) {
        return http(instance, hosts, auth, policy(Duration.ofSeconds(5)), Dns.SYSTEM);
    }

    public InstanceHttp http(String instance, HostPolicy hosts, ApiAuth auth, HttpPolicy policy, Dns dns) {
        return InstanceHttp.create(shared, dns, instance, hosts, auth, policy, clock, sleeps::add, new Random(7));
    }

    public static String fixture(String path) {
        try {
            return Files.readString(Path.of("src/test/resources/fixtures", path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CiCaches caches() {
        return new CiCaches(8L * 1024 * 1024, 1024 * 1024, Duration.ofHours(1), com.github.benmanes.caffeine.cache.Ticker.systemTicker());
    }

    /** The problem an answer with this HTTP status (and no rate-limit headers) is reported as. */
    public static Class<? extends CiProblem> problemFor(int status) {
        return switch (status) {
            case 401 -> CiProblem.Unauthorized.class;
            case 403 -> CiProblem.Forbidden.class;
            case 404 -> CiProblem.NotFound.class;
            default -> status >= 500 ? CiProblem.ServerError.class : CiProblem.Rejected.class;
        };
    }

    /**
     * Runs {@code calls} with the base URL of another server ({@code http://127.0.0.1:PORT}), to be written into the
     * answers' links; then checks that no request reached it.
     */
    public static void neverCalled(Consumer<String> calls) {
        var elsewhere = new WireMockServer(options().dynamicPort());
        elsewhere.start();
        try {
            calls.accept("http://127.0.0.1:" + elsewhere.port());
            elsewhere.verify(0, anyRequestedFor(anyUrl()));
        } finally {
            elsewhere.stop();
        }
    }
}
