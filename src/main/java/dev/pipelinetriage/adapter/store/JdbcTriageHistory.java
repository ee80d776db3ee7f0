package dev.pipelinetriage.adapter.store;

import dev.pipelinetriage.app.port.TriageHistory;
import dev.pipelinetriage.app.port.TriageRecord;
import dev.pipelinetriage.domain.Verdict;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Triaged jobs in a table of their own, keyed by job attempt so a re-triage is counted once. The table is
 * created here rather than in {@link Schema} so the history can be added to any store that hands out a pool.
 */
final class JdbcTriageHistory implements TriageHistory {
    static final String DDL = """
            CREATE TABLE IF NOT EXISTS triage_history (
              job_key VARCHAR(1500) PRIMARY KEY,
              at TIMESTAMP WITH TIME ZONE NOT NULL,
              ci_instance VARCHAR(128) NOT NULL,
              project VARCHAR(1024) NOT NULL,
              run_id VARCHAR(128) NOT NULL,
              attempt INTEGER NOT NULL,
              job_id VARCHAR(128) NOT NULL,
              job_name VARCHAR(512) NOT NULL,
              verdict VARCHAR(16) NOT NULL,
              known_error VARCHAR(200),
              signature VARCHAR(200) NOT NULL,
              key_line VARCHAR(400) NOT NULL,
              link VARCHAR(2000) NOT NULL)""";
    private static final String INDEX = "CREATE INDEX IF NOT EXISTS triage_history_at ON triage_history (at)";

    private final DataSource pool;

    private JdbcTriageHistory(DataSource pool) {
        this.pool = pool;
    }

    static JdbcTriageHistory create(DataSource pool) {
        Jdbc.with(pool, "creating the triage history", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(DDL);
                s.execute(INDEX);
            }
            return null;
        });
        return new JdbcTriageHistory(pool);
    }

    @Override
    public void record(TriageRecord r) {
        Jdbc.with(pool, "recording a triage", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO triage_history (job_key, at, ci_instance, "
                    + "project, run_id, attempt, job_id, job_name, verdict, known_error, signature, key_line, link) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, cap(r.key(), 1500));
                insert.setObject(2, Jdbc.time(r.at()));
                insert.setString(3, r.instance());
                insert.setString(4, cap(r.project(), 1024));
                insert.setString(5, r.runId());
                insert.setInt(6, r.attempt());
                insert.setString(7, r.jobId());
                insert.setString(8, cap(r.jobName(), 512));
                insert.setString(9, r.verdict().wireName());
                insert.setString(10, r.knownError());
                insert.setString(11, cap(r.signature(), 200));
                insert.setString(12, cap(r.keyLine(), 400));
                insert.setString(13, cap(r.link(), 2000));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public List<TriageRecord> since(Instant from) {
        return Jdbc.with(pool, "reading the triage history", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT at, ci_instance, project, run_id, attempt, job_id, "
                    + "job_name, verdict, known_error, signature, key_line, link FROM triage_history WHERE at >= ? "
                    + "ORDER BY at, job_key")) {
                q.setObject(1, Jdbc.time(from));
                List<TriageRecord> records = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        records.add(new TriageRecord(Jdbc.instant(rs.getObject(1, OffsetDateTime.class)),
                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                                rs.getString(7), Verdict.fromWireName(rs.getString(8)), rs.getString(9),
                                rs.getString(10), rs.getString(11), rs.getString(12)));
                    }
                }
                return records;
            }
        });
    }

    private static String cap(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
