package dev.pipelinetriage.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints lines per second over a realistic mix: mostly ordinary CI output, one line in fifty with a secret. It
 * asserts only that the secrets went, never a time: shared CI machines make timings noise. Run alone with
 * {@code ./mvnw -B -q verify -Dtest=RedactorThroughputTest} and read
 * {@code target/surefire-reports/*RedactorThroughputTest-output.txt}.
 */
class RedactorThroughputTest {

    private static final int LINES = 50_000;

    @Test
    void printsLinesPerSecondOverARealisticLog() {
        List<String> log = realisticLog();
        long bytes = log.stream().mapToLong(String::length).sum();
        Redactor redactor = new Redactor();

        for (int i = 0; i < 3; i++) {
            redactor.redactLines(log); // warm-up: let the JIT compile the hot paths first
        }
        long start = System.nanoTime();
        List<String> out = redactor.redactLines(log);
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("Redactor: %,d lines (%.1f MB) in %.3f s = %,.0f lines/s, %.1f MB/s%n", log.size(),
                bytes / 1e6, seconds, log.size() / seconds, bytes / 1e6 / seconds);
        assertThat(out).hasSameSizeAs(log).noneMatch(line -> line.contains("ghp_") || line.contains("hunter2"));
    }

    private static List<String> realisticLog() {
        FakeSecrets fake = new FakeSecrets(7L);
        String[] ordinary = {
            "2026-05-04T09:12:33.4567890Z [INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/"
                    + "apache/commons/commons-lang3/3.14.0/commons-lang3-3.14.0.pom",
            "2026-05-04T09:12:34.0000000Z [INFO] Tests run: 42, Failures: 0, Errors: 0, Skipped: 1, Time elapsed: "
                    + "1.234 s - in com.acme.TokenServiceTest",
            "2026-05-04T09:12:35.1000000Z npm WARN deprecated inflight@1.0.6: This module is not supported",
            "2026-05-04T09:12:36.2000000Z   at com.acme.api.Handler.handle(Handler.java:87)",
            "2026-05-04T09:12:37.3000000Z #12 [build 4/7] RUN pip install -r requirements.txt",
            "2026-05-04T09:12:38.4000000Z error[E0308]: mismatched types: expected `u32`, found `&str`",
            "2026-05-04T09:12:39.5000000Z ##[group]Run actions/setup-java@v4",
            "2026-05-04T09:12:40.6000000Z HEAD is now at 3f5e2a9c1b7d4e8f0a6b2c9d1e3f5a7b9c0d2e4f Merge branch 'main'",
        };
        List<String> log = new ArrayList<>(LINES);
        for (int i = 0; i < LINES; i++) {
            if (i % 100 == 0) {
                log.add("2026-05-04T09:12:41.0000000Z GITHUB_TOKEN=ghp_" + fake.alnum(36));
            } else if (i % 100 == 50) {
                log.add("2026-05-04T09:12:41.0000000Z fetch https://deploy:hunter2" + fake.alnum(6) + "@acme.io/x");
            } else {
                log.add(ordinary[i % ordinary.length]);
            }
        }
        return log;
    }
}
