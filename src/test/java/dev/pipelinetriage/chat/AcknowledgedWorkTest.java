package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.metrics.MicrometerTriageMetrics;
import dev.pipelinetriage.app.port.InMemoryPendingWork;
import dev.pipelinetriage.app.port.MutableClock;
import dev.pipelinetriage.app.port.PendingWork;
import dev.pipelinetriage.app.port.WorkItem;
import dev.pipelinetriage.testing.Await;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** This instance's share of the acknowledged work, over the in-memory store and a clock the test moves. */
class AcknowledgedWorkTest {
    private static final Duration LEASE = Duration.ofSeconds(60);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final InMemoryPendingWork store = new InMemoryPendingWork();
    private final Workers workers = new Workers(2, 10);
    private final AcknowledgedWork work = new AcknowledgedWork(store, "replica-a", clock, LEASE, workers);
    private final List<String> handled = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        workers.shutdown(10);
    }

    private void leftByACrash(String key) {
        store.enqueue("webhook", key, "{}", "crashed", clock.instant(), LEASE);
    }

    @Test
    void theSweepKeepsTheLeasesOfRunningWorkAlive() {
        WorkItem running = AcknowledgedWork.held(work.accept("webhook", "k1", "{}"));

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(15));
            work.sweep();
        }

        assertThat(store.takeOver("replica-b", clock.instant(), LEASE, 10)).isEmpty();
        assertThat(work.stillOurs(running)).isTrue();
    }

    @Test
    void workTakenOverGoesToTheHandlerOfItsKind() {
        work.handle("webhook", item -> handled.add(item.key()));
        leftByACrash("k1");
        clock.advance(LEASE);

        assertThat(work.sweep()).isEqualTo(1);

        Await.until("the handler to run", () -> handled.equals(List.of("k1")));
    }

    @Test
    void eachItemTakenOverIsCountedByItsKind() {
        var metrics = new MicrometerTriageMetrics(new MockClock());
        var counted = new AcknowledgedWork(store, "replica-c", clock, LEASE, workers, metrics);
        counted.handle("webhook", item -> handled.add(item.key()));
        leftByACrash("k1");
        leftByACrash("k2");
        clock.advance(LEASE);

        assertThat(counted.sweep()).isEqualTo(2);

        assertThat(metrics.scrape()).contains("pending_work_taken_over_total{kind=\"webhook\"} 2.0");
    }

    @Test
    void workOfAKindThisInstanceCannotHandleIsGivenBackForOneThatCan() {
        leftByACrash("k1");
        clock.advance(LEASE);

        assertThat(work.sweep()).isEqualTo(1);

        assertThat(store.takeOver("replica-b", clock.instant(), LEASE, 10)).hasSize(1);
    }

    @Test
    void workWhoseHandlerThrowsIsGivenBackAndDroppedOnceTriedTooOften() {
        work.handle("webhook", item -> {
            handled.add(item.key());
            throw new IllegalArgumentException("pending work is not a readable Delivery");
        });
        leftByACrash("k1");
        for (int i = 1; i <= AcknowledgedWork.MAX_TAKEOVERS + 1; i++) {
            clock.advance(LEASE);
            assertThat(work.sweep()).isEqualTo(1);
            int tries = i;
            Await.until("try " + i, () -> handled.size() == tries && workers.pending() == 0);
        }

        clock.advance(LEASE);
        assertThat(work.sweep()).as("dropped after its last try").isZero();
        assertThat(store.unfinished()).isZero();
    }

    @Test
    void workRefusedAsBusyIsForgottenSoTheProvidersRetryIsNew() {
        PendingWork.Enqueued enqueued = work.accept("webhook", "k1", "{}");

        work.notStarted(enqueued);

        assertThat(work.accept("webhook", "k1", "{}")).isInstanceOf(PendingWork.Added.class);
    }

    @Test
    void longKeysAreHashedToWhatTheStoreTakes() {
        String key = AcknowledgedWork.key("webhook:github:failure:", "x".repeat(400));

        assertThat(key).startsWith("webhook:github:failure:").hasSizeLessThanOrEqualTo(WorkItem.MAX_KEY);
        assertThat(AcknowledgedWork.key("webhook:github:failure:", "x".repeat(400))).isEqualTo(key);
    }
}
