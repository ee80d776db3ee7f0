package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.StateStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PostgreSQL store on a real server, against the same contract as the embedded one, plus what only a
 * shared database can show: two store instances (two replicas) on one database.
 */
@ExtendWith(PostgresDatabases.Shared.class)
class PostgresStoreTest extends StateStoreContract {
    private static PostgresDatabases databases;

    private String url;
    private PostgresStore replicaA;
    private PostgresStore replicaB;

    @BeforeAll
    static void startServer(PostgresDatabases shared) {
        databases = shared;
    }

    @BeforeEach
    void open() {
        url = databases.freshDatabase();
        replicaA = databases.open(url);
        replicaB = databases.open(url);
    }

    @AfterEach
    void close() {
        replicaA.close();
        replicaB.close();
    }

    @Override
    protected StateStore store() {
        return replicaA.stateStore();
    }

    @Test
    void afterTheServerDropsEveryConnectionTheNextRequestStillSucceeds() throws Exception {
        assertThat(replicaA.stateStore().claimEvent("slack:EvBefore", NOW, Duration.ofHours(1))).isTrue();

        assertThat(databases.dropConnections(url)).isPositive();
        // the pool checks a connection it has not used for half a second before handing it out (HikariCP's
        // aliveBypassWindowMs): wait that long, as a real failover does
        Thread.sleep(600);

        assertThat(replicaA.stateStore().claimEvent("slack:EvAfter", NOW, Duration.ofHours(1))).isTrue();
        assertThat(replicaA.reachable()).isTrue();
    }

    @Override
    protected AuditLog audit() {
        return replicaA.auditLog();
    }

    @Test
    void twoReplicasShareEventDeduplication() {
        assertThat(replicaA.stateStore().claimEvent("slack:Ev1", NOW, Duration.ofHours(26))).isTrue();
        assertThat(replicaB.stateStore().claimEvent("slack:Ev1", NOW.plusSeconds(60), Duration.ofHours(26))).isFalse();
    }

    @Test
    void aThousandConcurrentOccurrencesFromTwoReplicasAreCountedExactly() throws Exception {
        AtomicInteger job = new AtomicInteger();
        List<Integer> recorded = race(20, () -> {
            int n = 0;
            for (int i = 0; i < 50; i++) {
                int id = job.incrementAndGet();
                StateStore replica = id % 2 == 0 ? replicaA.stateStore() : replicaB.stateStore();
                n += replica.recordOccurrence(occurrence(DNS, "job" + id, "o/r" + id % 7, NOW)) ? 1 : 0;
            }
            return n;
        });

        assertThat(recorded.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
        assertThat(replicaB.stateStore().signature(DNS.key()).orElseThrow().total()).isEqualTo(1000);
        assertThat(replicaA.stateStore().occurrences(DNS.key(), NOW, 5).count()).isEqualTo(1000);
        assertThat(replicaA.stateStore().occurrences(DNS.key(), NOW, 5).repositories()).hasSize(7);
    }

    @Test
    void theSameJobTriagedOnBothReplicasAtOnceCountsOnce() throws Exception {
        List<Boolean> results = race(20, () -> (Thread.currentThread().threadId() % 2 == 0 ? replicaA : replicaB)
                .stateStore().recordOccurrence(occurrence(DNS, "same", "o/a", NOW)));

        assertThat(results).containsOnlyOnce(true);
        assertThat(replicaA.stateStore().signature(DNS.key()).orElseThrow().total()).isEqualTo(1);
    }

    @Test
    void migrationsAreRecordedAndNotAppliedTwice() throws Exception {
        try (PostgresStore third = databases.open(url);
                Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            assertThat(third.stateStore().claimEvent("slack:Ev9", NOW, Duration.ofMinutes(1))).isTrue();
            List<Integer> versions = new java.util.ArrayList<>();
            while (r.next()) {
                versions.add(r.getInt(1));
            }
            assertThat(versions).containsExactlyElementsOf(Migrations.SCRIPTS.stream().map(Migrations::version).toList());
        }
    }

    @Test
    void aRefusedLoginFailsWithTheUrlButNotThePassword() {
        assertThatThrownBy(() -> PostgresStore.open(url, "nobody", "s3cret-wrong", 2))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(url)
                .hasMessageNotContaining("s3cret-wrong");
    }
}
