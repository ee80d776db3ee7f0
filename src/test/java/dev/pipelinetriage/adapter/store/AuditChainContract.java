package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.app.port.AuditEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The audit log as an append-only hash chain, the same on both databases: the database refuses to change or remove
 * an entry, and when someone with the power to lift that does, walking the chain says where.
 */
abstract class AuditChainContract {
    protected static final Instant NOW = Instant.parse("2026-12-07T10:15:30.123456789Z");

    protected abstract JdbcStore store();

    /** A connection to the store's database as its owner, outside the bot. */
    protected abstract Connection owner() throws SQLException;

    /** Runs {@code sql} as the owner with the database's refusal lifted for it: what a tamperer with that power does. */
    protected abstract void tamper(String sql) throws SQLException;

    protected static AuditEntry entry(int n, String outcome) {
        return new AuditEntry(NOW.plusSeconds(n), "slack", "T1", "U" + n, "C1", "rerun", "github:o/r run " + n + " attempt 1",
                outcome, "entry " + n);
    }

    private long seqOf(int n) throws SQLException {
        try (Connection c = owner(); Statement s = c.createStatement();
                var r = s.executeQuery("SELECT seq FROM audit_log WHERE user_id = 'U" + n + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void entriesTheBotAppendsFormAnIntactChainEndingInTheLatestHash() {
        for (int n = 1; n <= 3; n++) {
            store().auditLog().append(entry(n, "started"));
        }

        var check = store().verifyAuditLog();

        assertThat(check).isInstanceOfSatisfying(AuditChainCheck.Intact.class, intact -> {
            assertThat(intact.chained()).isEqualTo(3);
            assertThat(intact.beforeChain()).isZero();
            assertThat(intact.latestHash()).matches("[0-9a-f]{64}");
        });
        assertThat(store().auditLog().latest(1).getFirst().at()).isEqualTo(NOW.plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void anEmptyAuditLogIsIntact() {
        assertThat(store().verifyAuditLog()).isEqualTo(new AuditChainCheck.Intact(0, 0, ""));
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveAnEntry() throws SQLException {
        store().auditLog().append(entry(1, "denied"));

        try (Connection c = owner(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET outcome = 'started'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(store().auditLog().latest(5)).extracting(AuditEntry::outcome).containsExactly("denied");
    }

    @Test
    void anEntryChangedLaterBreaksTheChainAtThatEntry() throws SQLException {
        for (int n = 1; n <= 3; n++) {
            store().auditLog().append(entry(n, "denied"));
        }

        tamper("UPDATE audit_log SET outcome = 'started' WHERE user_id = 'U2'");

        assertThat(store().verifyAuditLog()).isInstanceOfSatisfying(AuditChainCheck.Broken.class, broken -> {
            assertThat(broken.entry()).isEqualTo(seqOrFail(2));
            assertThat(broken.problem()).contains("was changed after it was written");
        });
    }

    @Test
    void anEntryRemovedLaterBreaksTheChainAtTheEntryAfterIt() throws SQLException {
        for (int n = 1; n <= 3; n++) {
            store().auditLog().append(entry(n, "denied"));
        }
        long third = seqOf(3);

        tamper("DELETE FROM audit_log WHERE user_id = 'U2'");

        assertThat(store().verifyAuditLog()).isInstanceOfSatisfying(AuditChainCheck.Broken.class, broken -> {
            assertThat(broken.entry()).isEqualTo(third);
            assertThat(broken.problem()).contains("an entry before it was removed or changed");
        });
    }

    @Test
    void entriesWrittenBeforeTheChainAreCountedApartAndTheChainStartsAfterThem() throws SQLException {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO audit_log (at, platform, workspace, user_id, channel, action, target, outcome, reason)"
                    + " VALUES (CURRENT_TIMESTAMP, 'slack', 'T1', 'U0', 'C1', 'rerun', 'github:o/r run 0', 'started', 'old')");
        }
        store().auditLog().append(entry(1, "started"));
        store().auditLog().append(entry(2, "started"));

        assertThat(store().verifyAuditLog()).isInstanceOfSatisfying(AuditChainCheck.Intact.class, intact -> {
            assertThat(intact.chained()).isEqualTo(2);
            assertThat(intact.beforeChain()).isEqualTo(1);
        });
    }

    private long seqOrFail(int n) {
        try {
            return seqOf(n);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
