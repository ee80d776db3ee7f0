package dev.pipelinetriage.adapter.store;

import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.domain.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit log as an insert-only table whose entries form a hash chain: each carries the hash of the entry before it
 * and its own hash over both, so an entry changed or removed later breaks the chain at the next one ({@link #verify}).
 * The database refuses updates and deletes of the table too (migration V6); the chain is what still tells when someone
 * with the power to lift that did. Entries are read back newest last.
 */
final class JdbcAuditLog implements AuditLog {
    /** Separates the fields of an entry in what is hashed; no field holds it (entries hold no control characters). */
    private static final char FIELD = '\u001f';

    private final DataSource pool;
    private final Dialect dialect;

    JdbcAuditLog(DataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    @Override
    public void append(AuditEntry entry) {
        // One process owns an H2 file, so its own lock is enough there; PostgreSQL replicas take the dialect's lock.
        synchronized (this) {
            Jdbc.inTransaction(pool, "appending to the audit log", c -> insert(c, entry));
        }
    }

    private int insert(Connection c, AuditEntry entry) throws SQLException {
        if (dialect.auditLock() != null) {
            try (Statement s = c.createStatement()) {
                s.execute(dialect.auditLock());
            }
        }
        String previous = latestHash(c);
        // Both databases keep microseconds: what is hashed is what will be read back.
        Instant at = entry.at().truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO audit_log (at, platform, workspace, user_id, channel, action, target, outcome, reason,
                  prev_hash, row_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setObject(1, Jdbc.time(at));
            s.setString(2, entry.platform());
            s.setString(3, entry.workspace());
            s.setString(4, entry.user());
            s.setString(5, entry.channel());
            s.setString(6, entry.action());
            s.setString(7, entry.target());
            s.setString(8, entry.outcome());
            s.setString(9, entry.reason());
            s.setString(10, previous);
            s.setString(11, hash(previous, at, entry));
            return s.executeUpdate();
        }
    }

    /** The hash of the newest entry; empty when there is none or it was written before the chain. */
    private static String latestHash(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT row_hash FROM audit_log ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY");
                ResultSet r = s.executeQuery()) {
            return r.next() && r.getString(1) != null ? r.getString(1) : "";
        }
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        return Jdbc.with(pool, "reading the audit log", c -> {
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT at, platform, workspace, user_id, channel, action, target, outcome, reason FROM audit_log
                    ORDER BY seq DESC FETCH FIRST ? ROWS ONLY""")) {
                s.setInt(1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.add(entry(r));
                    }
                }
            }
            Collections.reverse(entries);
            return entries;
        });
    }

    /** Walks every entry in order, recomputing each hash from the entry and its predecessor's. */
    AuditChainCheck verify() {
        return Jdbc.with(pool, "verifying the audit log", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT at, platform, workspace, user_id, channel, action, target, outcome, reason, prev_hash,
                      row_hash, seq
                    FROM audit_log ORDER BY seq""");
                    ResultSet r = s.executeQuery()) {
                long beforeChain = 0;
                long chained = 0;
                String previous = "";
                while (r.next()) {
                    long seq = r.getLong(12);
                    String prev = r.getString(10);
                    String own = r.getString(11);
                    if (own == null) {
                        if (chained > 0) {
                            return new AuditChainCheck.Broken(seq, "entry #" + seq + " has no hash, but entries before it do");
                        }
                        beforeChain++;
                        continue;
                    }
                    if (!previous.equals(prev)) {
                        return new AuditChainCheck.Broken(seq, "entry #" + seq + " does not follow the entry before it: "
                                + "an entry before it was removed or changed");
                    }
                    AuditEntry entry = entry(r);
                    if (!hash(prev, entry.at(), entry).equals(own)) {
                        return new AuditChainCheck.Broken(seq, "entry #" + seq + " was changed after it was written");
                    }
                    previous = own;
                    chained++;
                }
                return new AuditChainCheck.Intact(chained, beforeChain, previous);
            }
        });
    }

    private static AuditEntry entry(ResultSet r) throws SQLException {
        return new AuditEntry(Jdbc.instant(r.getObject(1, OffsetDateTime.class)), r.getString(2), r.getString(3),
                r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9));
    }

    /** SHA-256 over the predecessor's hash and every field of the entry, as hex. */
    static String hash(String previous, Instant at, AuditEntry e) {
        String text = String.join(String.valueOf(FIELD), previous, at.toString(), e.platform(), e.workspace(), e.user(),
                e.channel(), e.action(), e.target(), e.outcome(), e.reason());
        return Sha256.hex(text);
    }
}
