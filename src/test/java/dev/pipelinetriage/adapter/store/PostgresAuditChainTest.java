package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit chain on PostgreSQL, with two replicas on one database: a trigger refuses updates, deletes and truncation,
 * and an advisory lock keeps replicas that audit at the same moment on one chain.
 */
@ExtendWith(PostgresDatabases.Shared.class)
class PostgresAuditChainTest extends AuditChainContract {
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
    protected JdbcStore store() {
        return replicas.a();
    }

    @Override
    protected Connection owner() throws SQLException {
        return DriverManager.getConnection(replicas.url(), "postgres", "postgres");
    }

    /** The table's owner can disable its triggers; the chain is what still tells. */
    @Override
    protected void tamper(String sql) throws SQLException {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
            s.executeUpdate(sql);
            s.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
        }
    }

    @Test
    void truncatingTheAuditLogIsRefusedToo() throws SQLException {
        replicas.a().auditLog().append(entry(1, "started"));

        try (Connection c = owner(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("TRUNCATE audit_log")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void twoReplicasAuditingAtTheSameMomentKeepOneChain() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                JdbcStore replica = w % 2 == 0 ? replicas.a() : replicas.b();
                int writer = w;
                writers.add(pool.submit((Callable<Void>) () -> {
                    for (int n = 0; n < 15; n++) {
                        replica.auditLog().append(entry(writer * 100 + n, "started"));
                    }
                    return null;
                }));
            }
            for (Future<Void> f : writers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(replicas.b().verifyAuditLog()).isInstanceOfSatisfying(AuditChainCheck.Intact.class,
                intact -> assertThat(intact.chained()).isEqualTo(60));
    }
}
