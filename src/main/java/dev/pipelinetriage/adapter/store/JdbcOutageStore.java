package dev.pipelinetriage.adapter.store;

import dev.pipelinetriage.app.port.OutageStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link OutageStore} over JDBC, portable between H2 and PostgreSQL: a hit is counted once by its primary key, a
 * banner generation is opened once by its primary key, and the shown count only rises through a conditional
 * UPDATE, so concurrent replicas never both think they should edit the message for the same count.
 */
final class JdbcOutageStore implements OutageStore {
    private final DataSource pool;

    JdbcOutageStore(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public boolean recordHit(String channel, String signatureKey, String jobKey, Instant at) {
        return Jdbc.with(pool, "recording an outage hit", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO outage_hit (channel_key, signature_key, job_key, hit_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, channel);
                s.setString(2, signatureKey);
                s.setString(3, jobKey);
                s.setObject(4, Jdbc.time(at));
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public Hits hits(String channel, String signatureKey, Instant since) {
        return Jdbc.with(pool, "counting outage hits", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT COUNT(*), MIN(hit_at) FROM outage_hit
                    WHERE channel_key = ? AND signature_key = ? AND hit_at >= ?""")) {
                s.setString(1, channel);
                s.setString(2, signatureKey);
                s.setObject(3, Jdbc.time(since));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new Hits(r.getLong(1), Jdbc.instant(r.getObject(2, OffsetDateTime.class)));
                }
            }
        });
    }

    @Override
    public Optional<Banner> latestBanner(String channel, String signatureKey) {
        return Jdbc.with(pool, "reading the outage banner", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT generation, since, last_hit_at, message_id, shown FROM outage_banner
                    WHERE channel_key = ? AND signature_key = ? ORDER BY generation DESC""")) {
                s.setMaxRows(1);
                s.setString(1, channel);
                s.setString(2, signatureKey);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Banner(channel, signatureKey, r.getInt(1),
                            Jdbc.instant(r.getObject(2, OffsetDateTime.class)),
                            Jdbc.instant(r.getObject(3, OffsetDateTime.class)), r.getString(4), r.getLong(5)));
                }
            }
        });
    }

    @Override
    public boolean openBanner(Banner banner) {
        return Jdbc.with(pool, "opening an outage banner", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO outage_banner (channel_key, signature_key, generation, since, last_hit_at, message_id, shown)
                    VALUES (?, ?, ?, ?, ?, NULL, ?)""")) {
                s.setString(1, banner.channel());
                s.setString(2, banner.signatureKey());
                s.setInt(3, banner.generation());
                s.setObject(4, Jdbc.time(banner.since()));
                s.setObject(5, Jdbc.time(banner.lastHit()));
                s.setLong(6, banner.shown());
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void bannerPosted(String channel, String signatureKey, int generation, String messageId) {
        update("recording the banner's message", "UPDATE outage_banner SET message_id = ? "
                + "WHERE channel_key = ? AND signature_key = ? AND generation = ?", messageId, channel, signatureKey,
                generation);
    }

    @Override
    public void touchBanner(String channel, String signatureKey, int generation, Instant at) {
        update("moving the banner's last hit", "UPDATE outage_banner SET last_hit_at = ? "
                + "WHERE channel_key = ? AND signature_key = ? AND generation = ? AND last_hit_at < ?",
                Jdbc.time(at), channel, signatureKey, generation, Jdbc.time(at));
    }

    @Override
    public boolean raiseShown(String channel, String signatureKey, int generation, long count) {
        return update("raising the banner's count", "UPDATE outage_banner SET shown = ? "
                + "WHERE channel_key = ? AND signature_key = ? AND generation = ? AND shown < ? AND message_id IS NOT NULL",
                count, channel, signatureKey, generation, count) == 1;
    }

    @Override
    public int pruneHits(Instant before) {
        return update("pruning outage hits", "DELETE FROM outage_hit WHERE hit_at < ?", Jdbc.time(before));
    }

    private int update(String what, String sql, Object... values) {
        return Jdbc.with(pool, what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    s.setObject(i + 1, values[i]);
                }
                return s.executeUpdate();
            }
        });
    }
}
