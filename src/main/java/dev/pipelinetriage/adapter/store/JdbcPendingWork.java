package dev.pipelinetriage.adapter.store;

import dev.pipelinetriage.app.port.PendingWork;
import dev.pipelinetriage.app.port.WorkItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link PendingWork} over JDBC with portable SQL (H2 and PostgreSQL). Each take of an item is one conditional
 * {@code UPDATE} whose condition says the lease is free ("no owner, or the lease ran out"): the database re-checks
 * it under the row's lock, so of two owners racing for an item exactly one updates a row.
 */
final class JdbcPendingWork implements PendingWork {
    private static final String COLUMNS = "work_id, kind, work_key, payload, placeholder, takeovers, accepted_at";
    /** Free to take: unfinished, and nobody's or its lease ran out. */
    private static final String FREE = "done_at IS NULL AND (owner IS NULL OR lease_until <= ?)";

    private final DataSource pool;

    JdbcPendingWork(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Enqueued enqueue(String kind, String key, String payload, String owner, Instant now, Duration lease) {
        if (key.length() > WorkItem.MAX_KEY) {
            throw new IllegalArgumentException("work keys have at most " + WorkItem.MAX_KEY + " characters, got "
                    + key.length());
        }
        return Jdbc.with(pool, "recording acknowledged work", c -> {
            try (PreparedStatement forget = c.prepareStatement(
                    "DELETE FROM pending_work WHERE work_key = ? AND done_at IS NOT NULL AND forget_at <= ?")) {
                forget.setString(1, key);
                forget.setObject(2, Jdbc.time(now));
                forget.executeUpdate();
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO pending_work (work_id, work_key, kind, payload, owner, lease_until, takeovers, accepted_at)
                    VALUES (?, ?, ?, ?, ?, ?, 0, ?)""")) {
                insert.setString(1, id);
                insert.setString(2, key);
                insert.setString(3, kind);
                insert.setString(4, payload);
                insert.setString(5, owner);
                insert.setObject(6, Jdbc.time(now.plus(lease)));
                insert.setObject(7, Jdbc.time(now));
                insert.executeUpdate();
                return new Added(new WorkItem(id, kind, key, payload, null, 0, now));
            } catch (SQLException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
            String existing = idOf(c, key);
            if (existing == null) {
                // Forgotten between our insert and this read: as good as finished long ago; the caller may ask again.
                return new Finished();
            }
            if (take(c, existing, owner, now, lease)) {
                return new Resumed(read(c, existing).orElseThrow());
            }
            return finished(c, existing) ? new Finished() : new InProgress();
        });
    }

    @Override
    public List<WorkItem> takeOver(String owner, Instant now, Duration lease, int max) {
        return Jdbc.with(pool, "taking over pending work", c -> {
            try (PreparedStatement forget = c.prepareStatement(
                    "DELETE FROM pending_work WHERE done_at IS NOT NULL AND forget_at <= ?")) {
                forget.setObject(1, Jdbc.time(now));
                forget.executeUpdate();
            }
            List<String> candidates = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT work_id FROM pending_work WHERE " + FREE + " ORDER BY accepted_at LIMIT ?")) {
                s.setObject(1, Jdbc.time(now));
                s.setInt(2, max);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        candidates.add(r.getString(1));
                    }
                }
            }
            List<WorkItem> taken = new ArrayList<>();
            for (String id : candidates) {
                if (take(c, id, owner, now, lease)) {
                    read(c, id).ifPresent(taken::add);
                }
            }
            return taken;
        });
    }

    /** The one place an item changes hands: true for the one caller whose update found the lease free. */
    private static boolean take(Connection c, String id, String owner, Instant now, Duration lease) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE pending_work SET owner = ?, lease_until = ?, "
                + "takeovers = takeovers + 1 WHERE work_id = ? AND " + FREE)) {
            s.setString(1, owner);
            s.setObject(2, Jdbc.time(now.plus(lease)));
            s.setString(3, id);
            s.setObject(4, Jdbc.time(now));
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public int renew(String owner, Instant now, Duration lease) {
        return Jdbc.with(pool, "renewing work leases", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE pending_work SET lease_until = ? WHERE owner = ? AND done_at IS NULL")) {
                s.setObject(1, Jdbc.time(now.plus(lease)));
                s.setString(2, owner);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void placeholder(String id, String messageId) {
        Jdbc.with(pool, "recording a placeholder", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pending_work SET placeholder = ? WHERE work_id = ?")) {
                s.setString(1, messageId);
                s.setString(2, id);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean holds(String id, String owner) {
        return Jdbc.with(pool, "checking a work lease", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM pending_work WHERE work_id = ? AND owner = ? AND done_at IS NULL")) {
                s.setString(1, id);
                s.setString(2, owner);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    @Override
    public boolean complete(String id, String owner, Instant now, Instant forgetAt) {
        return Jdbc.with(pool, "finishing work", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pending_work SET done_at = ?, forget_at = ?, owner = NULL "
                    + "WHERE work_id = ? AND owner = ? AND done_at IS NULL")) {
                s.setObject(1, Jdbc.time(now));
                s.setObject(2, Jdbc.time(forgetAt));
                s.setString(3, id);
                s.setString(4, owner);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(String id, String owner, Instant now) {
        Jdbc.with(pool, "giving work back", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pending_work SET owner = NULL, lease_until = ? "
                    + "WHERE work_id = ? AND owner = ? AND done_at IS NULL")) {
                s.setObject(1, Jdbc.time(now));
                s.setString(2, id);
                s.setString(3, owner);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int releaseAll(String owner, Instant now) {
        return Jdbc.with(pool, "giving work back", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE pending_work SET owner = NULL, lease_until = ? WHERE owner = ? AND done_at IS NULL")) {
                s.setObject(1, Jdbc.time(now));
                s.setString(2, owner);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void abandon(String id, String owner) {
        Jdbc.with(pool, "forgetting refused work", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM pending_work WHERE work_id = ? AND owner = ? AND done_at IS NULL")) {
                s.setString(1, id);
                s.setString(2, owner);
                return s.executeUpdate();
            }
        });
    }

    private static String idOf(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT work_id FROM pending_work WHERE work_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static boolean finished(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT done_at FROM pending_work WHERE work_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return !r.next() || r.getObject(1, OffsetDateTime.class) != null;
            }
        }
    }

    private static Optional<WorkItem> read(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM pending_work WHERE work_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new WorkItem(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getInt(6), Jdbc.instant(r.getObject(7, OffsetDateTime.class))));
            }
        }
    }
}
