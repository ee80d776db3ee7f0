package dev.pipelinetriage.app.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.PendingWork.Added;
import dev.pipelinetriage.app.port.PendingWork.Finished;
import dev.pipelinetriage.app.port.PendingWork.InProgress;
import dev.pipelinetriage.app.port.PendingWork.Resumed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link PendingWork} must do; the in-memory fake and both databases run it. */
public abstract class PendingWorkContract {
    protected static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(60);
    private static final String PAYLOAD = "{\"link\":{\"instance\":\"github\"}}";

    /** A store; two calls in one test share the same data, as two replicas on one database do. */
    protected abstract PendingWork store();

    private WorkItem added(String key, String owner, Instant at) {
        return ((Added) store().enqueue("webhook", key, PAYLOAD, owner, at, LEASE)).item();
    }

    @Test
    void newWorkIsLeasedToWhoAcknowledgedItAndNotTakenWhileTheLeaseRuns() {
        WorkItem item = added("k1", "replica-a", T0);

        assertThat(item.payload()).isEqualTo(PAYLOAD);
        assertThat(item.takeovers()).isZero();
        assertThat(store().holds(item.id(), "replica-a")).isTrue();
        assertThat(store().takeOver("replica-b", T0.plusSeconds(59), LEASE, 10)).isEmpty();
    }

    @Test
    void workWhoseLeaseRanOutIsTakenOverByAnotherOwnerWithItsPlaceholder() {
        WorkItem item = added("k1", "replica-a", T0);
        store().placeholder(item.id(), "1700000000.000200");

        List<WorkItem> taken = store().takeOver("replica-b", T0.plus(LEASE), LEASE, 10);

        assertThat(taken).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(item.id());
            assertThat(t.placeholder()).isEqualTo("1700000000.000200");
            assertThat(t.takeovers()).isEqualTo(1);
        });
        assertThat(store().holds(item.id(), "replica-a")).isFalse();
        assertThat(store().holds(item.id(), "replica-b")).isTrue();
        assertThat(store().complete(item.id(), "replica-a", T0.plusSeconds(61), T0)).isFalse();
    }

    @Test
    void aRenewedLeaseIsNotTakenOver() {
        added("k1", "replica-a", T0);

        assertThat(store().renew("replica-a", T0.plusSeconds(50), LEASE)).isEqualTo(1);

        assertThat(store().takeOver("replica-b", T0.plus(LEASE), LEASE, 10)).isEmpty();
        assertThat(store().takeOver("replica-b", T0.plusSeconds(110), LEASE, 10)).hasSize(1);
    }

    @Test
    void workGivenBackOnShutdownIsTakenOverAtOnce() {
        WorkItem one = added("k1", "replica-a", T0);
        added("k2", "replica-a", T0);
        added("k3", "replica-c", T0);

        assertThat(store().releaseAll("replica-a", T0.plusSeconds(1))).isEqualTo(2);

        assertThat(store().takeOver("replica-b", T0.plusSeconds(1), LEASE, 10)).hasSize(2)
                .anySatisfy(t -> assertThat(t.id()).isEqualTo(one.id()));
    }

    @Test
    void finishedWorkIsNeverTakenOverAndItsKeyIsAnsweredFinishedUntilForgotten() {
        WorkItem item = added("k1", "replica-a", T0);

        assertThat(store().complete(item.id(), "replica-a", T0.plusSeconds(5), T0.plus(Duration.ofDays(8)))).isTrue();

        assertThat(store().takeOver("replica-b", T0.plus(Duration.ofHours(1)), LEASE, 10)).isEmpty();
        assertThat(store().enqueue("webhook", "k1", PAYLOAD, "replica-b", T0.plus(Duration.ofDays(1)), LEASE))
                .isInstanceOf(Finished.class);
        assertThat(store().enqueue("webhook", "k1", PAYLOAD, "replica-b", T0.plus(Duration.ofDays(9)), LEASE))
                .isInstanceOf(Added.class);
    }

    @Test
    void aSecondEnqueueOfUnfinishedWorkIsInProgressWhileLeasedAndResumedOnceFree() {
        WorkItem item = added("k1", "replica-a", T0);

        assertThat(store().enqueue("webhook", "k1", PAYLOAD, "replica-b", T0.plusSeconds(10), LEASE))
                .isInstanceOf(InProgress.class);
        store().release(item.id(), "replica-a", T0.plusSeconds(20));
        var again = store().enqueue("webhook", "k1", PAYLOAD, "replica-b", T0.plusSeconds(30), LEASE);

        assertThat(again).isInstanceOfSatisfying(Resumed.class, r -> assertThat(r.item().id()).isEqualTo(item.id()));
        assertThat(store().holds(item.id(), "replica-b")).isTrue();
    }

    @Test
    void abandonedWorkIsGone() {
        WorkItem item = added("k1", "replica-a", T0);

        store().abandon(item.id(), "replica-a");

        assertThat(store().takeOver("replica-b", T0.plus(Duration.ofHours(1)), LEASE, 10)).isEmpty();
        assertThat(store().enqueue("webhook", "k1", PAYLOAD, "replica-b", T0, LEASE)).isInstanceOf(Added.class);
    }

    @Test
    void takeOverTakesTheOldestFirstAndAtMostMax() {
        added("k2", "replica-a", T0.plusSeconds(2));
        WorkItem oldest = added("k1", "replica-a", T0);
        added("k3", "replica-a", T0.plusSeconds(3));

        List<WorkItem> taken = store().takeOver("replica-b", T0.plus(Duration.ofHours(1)), LEASE, 2);

        assertThat(taken).hasSize(2);
        assertThat(taken.getFirst().id()).isEqualTo(oldest.id());
    }

    @Test
    void twoOwnersRacingForOneExpiredItemOneGetsIt() throws Exception {
        for (int round = 0; round < 10; round++) {
            added("race-" + round, "crashed", T0);
            Instant later = T0.plus(LEASE).plusSeconds(round);
            List<List<WorkItem>> results = race(List.of(
                    () -> store().takeOver("replica-a", later, LEASE, 10),
                    () -> store().takeOver("replica-b", later, LEASE, 10),
                    () -> store().takeOver("replica-c", later, LEASE, 10),
                    () -> store().takeOver("replica-d", later, LEASE, 10)));

            assertThat(results.stream().mapToInt(List::size).sum()).as("takers of round %d", round).isEqualTo(1);
        }
    }

    @Test
    void twoRedeliveriesOfFreedWorkResumeItOnce() throws Exception {
        WorkItem item = added("k1", "crashed", T0);
        Instant later = T0.plus(LEASE);

        List<PendingWork.Enqueued> results = race(List.of(
                () -> store().enqueue("webhook", "k1", PAYLOAD, "replica-a", later, LEASE),
                () -> store().enqueue("webhook", "k1", PAYLOAD, "replica-b", later, LEASE),
                () -> store().enqueue("webhook", "k1", PAYLOAD, "replica-c", later, LEASE)));

        assertThat(results).filteredOn(r -> r instanceof Resumed).singleElement()
                .satisfies(r -> assertThat(((Resumed) r).item().id()).isEqualTo(item.id()));
        assertThat(results).filteredOn(r -> r instanceof InProgress).hasSize(2);
    }

    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<T>> gated = calls.stream().<Callable<T>>map(call -> () -> {
            start.await();
            return call.call();
        }).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
            List<Future<T>> futures = new ArrayList<>();
            gated.forEach(call -> futures.add(pool.submit(call)));
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
