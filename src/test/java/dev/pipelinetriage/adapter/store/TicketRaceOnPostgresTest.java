package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.TicketParts;
import dev.pipelinetriage.app.TicketPolicy;
import dev.pipelinetriage.app.TicketReconciler;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.FakeTicketTracker;
import dev.pipelinetriage.app.port.MutableClock;
import dev.pipelinetriage.app.port.Occurrence;
import dev.pipelinetriage.app.port.TicketDocument;
import dev.pipelinetriage.app.port.TicketDraft;
import dev.pipelinetriage.app.port.TicketRecord;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two replicas (two stores, two services) on one real PostgreSQL, filing tickets for the same failure at once. */
@ExtendWith(PostgresDatabases.Shared.class)
class TicketRaceOnPostgresTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Signature DNS = new Signature("ke-dns-resolution-failure", "DNS lookup failed", Verdict.PLATFORM);
    private static PostgresDatabases databases;

    private final FakeTicketTracker tracker = new FakeTicketTracker();
    private final MutableClock clock = new MutableClock(NOW);
    private PostgresStore storeA;
    private PostgresStore storeB;

    @BeforeAll
    static void startServer(PostgresDatabases shared) {
        databases = shared;
    }

    @BeforeEach
    void open() {
        String url = databases.freshDatabase();
        storeA = databases.open(url);
        storeB = databases.open(url);
    }

    @AfterEach
    void close() {
        storeA.close();
        storeB.close();
    }

    private TicketParts replica(PostgresStore store) {
        return TicketParts.over(store.stateStore(), tracker, (actor, action) -> new Authorizer.Allowed("test"),
                store.auditLog(), TicketPolicy.defaults(), clock, () -> UUID.randomUUID().toString());
    }

    private Occurrence occurrence(String job) {
        return new Occurrence(DNS, "github:o/a:" + job + ":1", "o/a", "build", clock.instant(),
                "https://github.com/o/a/actions/runs/" + job, "dns-resolution-failure", "runbooks/dns.md", List.of("x"));
    }

    @Test
    void twoReplicasWithTwentyThreadsEachCrossingTheThresholdTogetherFileOneTicket() throws Exception {
        List<TicketParts> replicas = List.of(replica(storeA), replica(storeB));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(40)) {
            for (int i = 0; i < 40; i++) {
                TicketParts replica = replicas.get(i % 2);
                String job = "job" + i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return replica.automatic().triaged(occurrence(job));
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }

        assertThat(tracker.createCalls()).isEqualTo(1);
        assertThat(tracker.tickets()).hasSize(1);
        assertThat(storeB.stateStore().ticket(DNS.key())).hasValueSatisfying(t -> {
            assertThat(t.state()).isEqualTo(TicketRecord.State.FILED);
            assertThat(t.ticket().key()).isEqualTo("OPS-1");
        });
        assertThat(storeA.stateStore().signature(DNS.key()).orElseThrow().total()).isEqualTo(40);
    }

    @Test
    void aCrashAfterTheTrackerAnswered201IsRecoveredOnRestartByTheLabelWithoutASecondTicket() {
        storeA.stateStore().recordOccurrence(occurrence("1"));
        // Replica A claimed, the tracker created the ticket, then A died before recording the key.
        storeA.stateStore().claimTicket(DNS.key(), 1, "replica-a-attempt", clock.instant());
        tracker.create(new TicketDraft("DNS lookup failed", List.of(DNS.label()), new TicketDocument(List.of())));
        storeA.close();
        clock.advance(Duration.ofMinutes(6));

        TicketParts restarted = replica(storeB);
        TicketReconciler.Reconciled first = restarted.reconciler().reconcile();

        assertThat(first).isEqualTo(new TicketReconciler.Reconciled(1, 0, 0));
        assertThat(tracker.createCalls()).isEqualTo(1);
        assertThat(storeB.stateStore().ticket(DNS.key()).orElseThrow().ticket().key()).isEqualTo("OPS-1");
        storeA = databases.open(databases.freshDatabase());
    }

    @Test
    void twoReplicasReconcilingTheSameStaleClaimSearchAndCreateOnce() throws Exception {
        storeA.stateStore().recordOccurrence(occurrence("1"));
        storeA.stateStore().claimTicket(DNS.key(), 1, "crashed", clock.instant());
        clock.advance(Duration.ofMinutes(6));
        List<TicketParts> replicas = List.of(replica(storeA), replica(storeB));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TicketReconciler.Reconciled>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (TicketParts r : replicas) {
                results.add(pool.submit(() -> {
                    go.await();
                    return r.reconciler().reconcile();
                }));
            }
            go.countDown();
            int created = 0;
            for (Future<TicketReconciler.Reconciled> f : results) {
                created += f.get().created();
            }
            assertThat(created).isEqualTo(1);
        }
        assertThat(tracker.createCalls()).isEqualTo(1);
    }
}
