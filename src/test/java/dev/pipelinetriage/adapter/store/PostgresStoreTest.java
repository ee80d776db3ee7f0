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

    private PostgresDatabases.Replicas replicas;

    @BeforeAll
    static void startServer(PostgresDatabases shared) {
        databases = shared;
    }

    @BeforeEach
    void open() {
        replicas = databases.twoReplicas();
    }

    @AfterEach
    void close() {
        replicas.close();
    }

    @Override
    protected StateStore store() {
        return replicas.a().stateStore();
    }

    @Test
    void afterTheServerDropsEveryConnectionTheNextRequestStillSucceeds() throws Exception {
        assertThat(replicas.a().stateStore().claimEvent("slack:EvBefore", NOW, Duration.ofHours(1))).isTrue();

        assertThat(databases.dropConnections(replicas.url())).isPositive();
        // the pool checks a connection it has not used for half a second before handing it out (HikariCP's
        // aliveBypassWindowMs): wait that long, as a real failover does
        Thread.sleep(600);

        assertThat(replicas.a().stateStore().claimEvent("slack:EvAfter", NOW, Duration.ofHours(1))).isTrue();
        assertThat(replicas.a().reachable()).isTrue();
    }

    @Override
    protected AuditLog audit() {
        return replicas.a().auditLog();
    }

    @Test
    void twoReplicasShareEventDeduplication() {
        assertThat(replicas.a().stateStore().claimEvent("slack:Ev1", NOW, Duration.ofHours(26))).isTrue();
        assertThat(replicas.b().stateStore().claimEvent("slack:Ev1", NOW.plusSeconds(60), Duration.ofHours(26))).isFalse();
    }

    @Test
    void aThousandConcurrentOccurrencesFromTwoReplicasAreCountedExactly() throws Exception {
        AtomicInteger job = new AtomicInteger();
        List<Integer> recorded = race(20, () -> {
            int n = 0;
            for (int i = 0; i < 50; i++) {
                int id = job.incrementAndGet();
                StateStore replica = id % 2 == 0 ? replicas.a().stateStore() : replicas.b().stateStore();
                n += replica.recordOccurrence(occurrence(DNS, "job" + id, "o/r" + id % 7, NOW)) ? 1 : 0;
            }
            return n;
        });

        assertThat(recorded.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
        assertThat(replicas.b().stateStore().signature(DNS.key()).orElseThrow().total()).isEqualTo(1000);
        assertThat(replicas.a().stateStore().occurrences(DNS.key(), NOW, 5).count()).isEqualTo(1000);
        assertThat(replicas.a().stateStore().occurrences(DNS.key(), NOW, 5).repositories()).hasSize(7);
    }

    @Test
    void theSameJobTriagedOnBothReplicasAtOnceCountsOnce() throws Exception {
        List<Boolean> results = race(20, () -> (Thread.currentThread().threadId() % 2 == 0 ? replicas.a() : replicas.b())
                .stateStore().recordOccurrence(occurrence(DNS, "same", "o/a", NOW)));

        assertThat(results).containsOnlyOnce(true);
        assertThat(replicas.a().stateStore().signature(DNS.key()).orElseThrow().total()).isEqualTo(1);
    }

    @Test
    void migrationsAreRecordedAndNotAppliedTwice() throws Exception {
        try (PostgresStore third = databases.open(replicas.url());
                Connection c = DriverManager.getConnection(replicas.url(), "postgres", "postgres");
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
        assertThatThrownBy(() -> PostgresStore.open(replicas.url(), "nobody", "s3cret-wrong", 2))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(replicas.url())
                .hasMessageNotContaining("s3cret-wrong");
    }
}
