package dev.pipelinetriage.adapter.store;

import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/** The audit log as an insert-only table; entries are read back newest last. */
final class JdbcAuditLog implements AuditLog {
    private final DataSource pool;

    JdbcAuditLog(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public void append(AuditEntry e) {
        Jdbc.with(pool, "appending to the audit log", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO audit_log (at, platform, workspace, user_id, channel, action, target, outcome, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                s.setObject(1, Jdbc.time(e.at()));
                s.setString(2, e.platform());
                s.setString(3, e.workspace());
                s.setString(4, e.user());
                s.setString(5, e.channel());
                s.setString(6, e.action());
                s.setString(7, e.target());
                s.setString(8, e.outcome());
                s.setString(9, e.reason());
                return s.executeUpdate();
            }
        });
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
                        entries.add(new AuditEntry(Jdbc.instant(r.getObject(1, OffsetDateTime.class)), r.getString(2),
                                r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                                r.getString(8), r.getString(9)));
                    }
                }
            }
            Collections.reverse(entries);
            return entries;
        });
    }
}
