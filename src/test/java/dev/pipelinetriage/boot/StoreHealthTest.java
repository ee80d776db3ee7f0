package dev.pipelinetriage.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.TestKnowledgeBase;
import dev.pipelinetriage.app.Readiness;
import dev.pipelinetriage.app.port.MutableClock;
import dev.pipelinetriage.boot.config.OpsSection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database outage is reported, in readiness's detail and a gauge, without taking the replica out of its Service. */
class StoreHealthTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    /** Longer than any test: the tests ask the store themselves instead of waiting for the timer. */
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final AtomicBoolean answers = new AtomicBoolean(true);

    @Test
    void itRemembersWhenTheStoreStoppedAnswering() {
        try (StoreHealth health = StoreHealth.watch(answers::get, NEVER, clock)) {
            assertThat(health.state().up()).isTrue();

            answers.set(false);
            clock.advance(Duration.ofSeconds(5));
            health.check();
            clock.advance(Duration.ofSeconds(5));
            health.check();

            assertThat(health.state()).isEqualTo(new StoreHealth.State(false, START.plusSeconds(10), START.plusSeconds(5)));
            assertThat(health.state().detail()).contains("does not answer").contains("down since " + START.plusSeconds(5))
                    .contains("runbooks/operations/store-unavailable.md");
        }
    }

    @Test
    void aCheckThatThrowsCountsAsNotAnswering() {
        try (StoreHealth health = StoreHealth.watch(() -> {
            throw new IllegalStateException("pool closed");
        }, NEVER, clock)) {
            assertThat(health.state().up()).isFalse();
        }
    }

    @Test
    void aReplicaWhoseStoreDoesNotAnswerStaysReadyAndSaysSoInTheDetailAndTheGauge() throws Exception {
        Path kb = TestKnowledgeBase.copyEntriesInto(dir, "connection-reset");
        OpsWiring ops = OpsWiring.start(new OpsSection(kb, false, Duration.ofSeconds(5), null), clock,
                new dev.pipelinetriage.engine.redact.Redactor());
        try (StoreHealth health = StoreHealth.watch(answers::get, NEVER, clock)) {
            ops.servlets(health::state, "slack over HTTP events");
            answers.set(false);
            health.check();

            Readiness.Report report = ops.readiness();

            assertThat(report.ready()).isTrue();
            assertThat(report.checks()).filteredOn(c -> c.name().equals("store")).singleElement()
                    .satisfies(store -> assertThat(store.detail()).contains("does not answer"));
            assertThat(ops.metrics.scrape()).contains("store_reachable 0.0");

            answers.set(true);
            health.check();
            assertThat(ops.metrics.scrape()).contains("store_reachable 1.0");
        } finally {
            ops.close();
        }
    }
}
