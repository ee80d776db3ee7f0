package dev.pipelinetriage.adapter.store;

import dev.pipelinetriage.app.port.AwaitedRerun;
import dev.pipelinetriage.app.port.PassedOnRerun;
import dev.pipelinetriage.app.port.RerunOutcome;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.domain.Sha256;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Awaited failures and their rerun outcomes over portable SQL: one row per failure, its outcome set by one
 * conditional UPDATE ({@code outcome IS NULL}) whose row count says which replica won.
 */
final class RerunOutcomeTable {
    private static final int MAX_KEY = 1500;
    /** Longer than the longest flaky window ({@code windowDays} up to 365): older rows no longer count. */
    static final java.time.Duration RETENTION = java.time.Duration.ofDays(400);
    private static final int PURGE_EVERY = 500;

    private final DataSource pool;
    private final java.util.concurrent.atomic.AtomicLong awaits = new java.util.concurrent.atomic.AtomicLong();

    RerunOutcomeTable(DataSource pool) {
        this.pool = pool;
    }

    void await(AwaitedRerun a) {
        Jdbc.with(pool, "remembering a failure for its rerun", c -> {
            if (awaits.incrementAndGet() % PURGE_EVERY == 0) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM rerun_outcome WHERE awaited_at < ?")) {
                    s.setObject(1, Jdbc.time(a.at().minus(RETENTION)));
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO rerun_outcome (awaited_key, run_key, ci_instance, ci_kind, project, run_id, attempt,
                      job_name, signature_key, card_id, awaited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                RunRef run = a.failed();
                s.setString(1, key(a.key()));
                s.setString(2, key(AwaitedRerun.runKey(run)));
                s.setString(3, run.instance());
                s.setString(4, run.kind().wireName());
                s.setString(5, run.project());
                s.setString(6, run.runId());
                s.setInt(7, run.attempt());
                s.setString(8, cap(a.job(), 512));
                s.setString(9, a.signatureKey());
                s.setString(10, a.cardId());
                s.setObject(11, Jdbc.time(a.at()));
                return s.executeUpdate();
            } catch (SQLException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
            // Shown again on a newer card: that card is the one people look at now.
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE rerun_outcome SET card_id = ? WHERE awaited_key = ? AND outcome IS NULL")) {
                s.setString(1, a.cardId());
                s.setString(2, key(a.key()));
                return s.executeUpdate();
            }
        });
    }

    List<AwaitedRerun> awaiting(RunRef later) {
        return Jdbc.with(pool, "reading failures awaiting a rerun", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT ci_instance, ci_kind, project, run_id, attempt, job_name, signature_key, card_id, awaited_at
                    FROM rerun_outcome WHERE run_key = ? AND outcome IS NULL AND (attempt < ? OR ? = 0)
                    ORDER BY awaited_at, awaited_key""")) {
                s.setString(1, key(AwaitedRerun.runKey(later)));
                s.setInt(2, later.attempt());
                s.setInt(3, later.attempt());
                List<AwaitedRerun> awaited = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        RunRef run = new RunRef(r.getString(1), CiKind.fromWireName(r.getString(2)), r.getString(3),
                                r.getString(4), r.getInt(5));
                        // Another run whose long key hashed alike is not this one.
                        if (run.project().equals(later.project()) && run.runId().equals(later.runId())) {
                            awaited.add(new AwaitedRerun(run, r.getString(6), r.getString(7), r.getString(8),
                                    Jdbc.instant(r.getObject(9, OffsetDateTime.class))));
                        }
                    }
                }
                return awaited;
            }
        });
    }

    boolean record(RerunOutcome o) {
        return Jdbc.with(pool, "recording a rerun outcome", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE rerun_outcome SET outcome = ?, outcome_link = ?, outcome_at = ?
                    WHERE awaited_key = ? AND outcome IS NULL""")) {
                s.setString(1, o.passed() ? "passed" : "failed");
                s.setString(2, cap(o.link(), 2000));
                s.setObject(3, Jdbc.time(o.at()));
                s.setString(4, key(o.awaited().key()));
                return s.executeUpdate() == 1;
            }
        });
    }

    PassedOnRerun passed(String signatureKey, Instant since) {
        return Jdbc.with(pool, "counting passes on rerun", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT COUNT(*), MIN(outcome_at) FROM rerun_outcome
                    WHERE signature_key = ? AND outcome = 'passed' AND outcome_at >= ?""")) {
                s.setString(1, signatureKey);
                s.setObject(2, Jdbc.time(since));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    long count = r.getLong(1);
                    return count == 0 ? PassedOnRerun.none(signatureKey)
                            : new PassedOnRerun(signatureKey, count, Jdbc.instant(r.getObject(2, OffsetDateTime.class)));
                }
            }
        });
    }

    /** Keys longer than the column are hashed; the rows keep the ids themselves. */
    private static String key(String key) {
        if (key.length() <= MAX_KEY) {
            return key;
        }
        return "sha256:" + Sha256.hex(key);
    }

    private static String cap(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
