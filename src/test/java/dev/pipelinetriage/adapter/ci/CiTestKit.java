package dev.pipelinetriage.adapter.ci;

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
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/** Builds instance clients for tests: a fixed clock, a recording sleeper, a seeded random, fixtures on disk. */
public final class CiTestKit {
    public static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    public static final String TOKEN = "t0ken-s3cret-value";

    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final OkHttpClient shared = CiHttpClients.newSharedClient();

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
}
