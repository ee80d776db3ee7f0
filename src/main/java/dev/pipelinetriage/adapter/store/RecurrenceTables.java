package dev.pipelinetriage.adapter.store;

import dev.pipelinetriage.app.port.Occurrence;
import dev.pipelinetriage.app.port.OccurrenceWindow;
import dev.pipelinetriage.app.port.SignatureInfo;
import dev.pipelinetriage.app.port.TicketClaim;
import dev.pipelinetriage.app.port.TicketRecord;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.app.port.TopSignature;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Occurrences, signatures and ticket claims over portable SQL. Every "only once" is a primary key (a unique
 * violation means another replica got there first) and every change of shared state is one conditional UPDATE
 * whose row count says who won -- never a read followed by a write.
 */
final class RecurrenceTables {
    private static final String TICKET_COLUMNS = """
            signature_key, generation, state, attempt_id, claimed_at, ticket_key, ticket_url, active, last_comment_at""";

    private final DataSource pool;

    RecurrenceTables(DataSource pool) {
        this.pool = pool;
    }

    boolean recordOccurrence(Occurrence o) {
        Signature sig = o.signature();
        Jdbc.with(pool, "registering signature " + sig.key(), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO failure_signature (signature_key, summary, verdict, known_error, runbook, excerpt, total,
                      first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)""")) {
                s.setString(1, sig.key());
                s.setString(2, cap(sig.summary(), 1000));
                s.setString(3, sig.verdict().wireName());
                s.setString(4, o.knownError());
                s.setString(5, o.runbook());
                s.setString(6, String.join("\n", o.excerpt().stream().map(l -> l.replace('\n', ' ')).toList()));
                s.setObject(7, Jdbc.time(o.at()));
                s.setObject(8, Jdbc.time(o.at()));
                return s.executeUpdate();
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return 0;
                }
                throw e;
            }
        });
        if (sig.verdict() == Verdict.FLAKY) {
            // Judged flaky from its rerun history: the signature is flaky from now on, so its tickets are too.
            Jdbc.with(pool, "marking signature " + sig.key() + " flaky", c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE failure_signature SET verdict = ? WHERE signature_key = ? AND verdict <> ?")) {
                    s.setString(1, Verdict.FLAKY.wireName());
                    s.setString(2, sig.key());
                    s.setString(3, Verdict.FLAKY.wireName());
                    return s.executeUpdate();
                }
            });
        }
        return Jdbc.inTransaction(pool, "recording an occurrence of " + sig.key(), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO occurrence (signature_key, job_key, repository, job_name, link, seen_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                s.setString(1, sig.key());
                s.setString(2, cap(o.jobKey(), 1500));
                s.setString(3, cap(o.repository(), 1024));
                s.setString(4, cap(o.job(), 512));
                s.setString(5, o.link() == null ? null : cap(o.link(), 2000));
                s.setObject(6, Jdbc.time(o.at()));
                s.executeUpdate();
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
            // Atomic in the database, so concurrent replicas never lose an increment.
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE failure_signature SET total = total + 1,
                      last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END WHERE signature_key = ?""")) {
                s.setObject(1, Jdbc.time(o.at()));
                s.setObject(2, Jdbc.time(o.at()));
                s.setString(3, sig.key());
                s.executeUpdate();
            }
            return true;
        });
    }

    Optional<SignatureInfo> signature(String key) {
        return Jdbc.with(pool, "reading signature " + key, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT summary, verdict, known_error, runbook, excerpt, total, first_seen, last_seen
                    FROM failure_signature WHERE signature_key = ?""")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    String excerpt = r.getString(5);
                    return Optional.of(new SignatureInfo(new Signature(key, r.getString(1), Verdict.fromWireName(r.getString(2))),
                            r.getString(3), r.getString(4), excerpt.isEmpty() ? List.of() : Arrays.asList(excerpt.split("\n")),
                            r.getLong(6), Jdbc.instant(r.getObject(7, OffsetDateTime.class)),
                            Jdbc.instant(r.getObject(8, OffsetDateTime.class))));
                }
            }
        });
    }

    OccurrenceWindow occurrences(String key, Instant since, int maxLinks) {
        return Jdbc.with(pool, "counting occurrences of " + key, c -> {
            long count;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM occurrence WHERE signature_key = ? AND seen_at >= ?")) {
                s.setString(1, key);
                s.setObject(2, Jdbc.time(since));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    count = r.getLong(1);
                }
            }
            List<String> repositories = strings(c, """
                    SELECT DISTINCT repository FROM occurrence WHERE signature_key = ? AND seen_at >= ?
                    ORDER BY repository""", key, since, Integer.MAX_VALUE);
            List<String> links = strings(c, """
                    SELECT link FROM occurrence WHERE signature_key = ? AND seen_at >= ? AND link IS NOT NULL
                    ORDER BY seen_at DESC, job_key""", key, since, maxLinks);
            return new OccurrenceWindow(key, since, count, repositories, links);
        });
    }

    private static List<String> strings(Connection c, String sql, String key, Instant since, int limit) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            s.setObject(2, Jdbc.time(since));
            s.setMaxRows(limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next() && values.size() < limit) {
                    values.add(r.getString(1));
                }
            }
        }
        return values;
    }

    List<TopSignature> top(Instant since, int limit) {
        return Jdbc.with(pool, "listing top signatures", c -> {
            record Row(String key, long count, int repositories) {
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT signature_key, COUNT(*) AS n, COUNT(DISTINCT repository) FROM occurrence WHERE seen_at >= ?
                    GROUP BY signature_key ORDER BY n DESC, signature_key""")) {
                s.setObject(1, Jdbc.time(since));
                s.setMaxRows(limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next() && rows.size() < limit) {
                        rows.add(new Row(r.getString(1), r.getLong(2), r.getInt(3)));
                    }
                }
            }
            List<TopSignature> top = new ArrayList<>();
            for (Row row : rows) {
                Optional<SignatureInfo> info = signature(row.key());
                if (info.isPresent()) {
                    top.add(new TopSignature(info.get().signature(), row.count(), row.repositories(),
                            ticket(c, row.key()).orElse(null)));
                }
            }
            return top;
        });
    }

    int pruneOccurrences(Instant before) {
        return Jdbc.with(pool, "pruning occurrences", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM occurrence WHERE seen_at < ?")) {
                s.setObject(1, Jdbc.time(before));
                return s.executeUpdate();
            }
        });
    }

    TicketClaim claimTicket(String key, int generation, String attemptId, Instant now) {
        return Jdbc.with(pool, "claiming the ticket of " + key, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO ticket_claim (signature_key, generation, state, attempt_id, claimed_at, active)
                    VALUES (?, ?, 'PENDING', ?, ?, TRUE)""")) {
                s.setString(1, key);
                s.setInt(2, generation);
                s.setString(3, attemptId);
                s.setObject(4, Jdbc.time(now));
                s.executeUpdate();
                return new TicketClaim.Claimed(new TicketRecord(key, generation, TicketRecord.State.PENDING, attemptId,
                        now, null, true, null));
            } catch (SQLException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT " + TICKET_COLUMNS
                    + " FROM ticket_claim WHERE signature_key = ? AND generation = ?")) {
                s.setString(1, key);
                s.setInt(2, generation);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new StoreException("ticket claim " + key + "/" + generation + " vanished after a conflict", null);
                    }
                    return new TicketClaim.Held(ticketRow(r));
                }
            }
        });
    }

    Optional<TicketRecord> ticket(String key) {
        return Jdbc.with(pool, "reading the ticket of " + key, c -> ticket(c, key));
    }

    private static Optional<TicketRecord> ticket(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + TICKET_COLUMNS
                + " FROM ticket_claim WHERE signature_key = ? ORDER BY generation DESC")) {
            s.setString(1, key);
            s.setMaxRows(1);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(ticketRow(r)) : Optional.empty();
            }
        }
    }

    boolean recordTicket(String key, int generation, String attemptId, TicketRef ticket) {
        return update("recording the ticket of " + key, """
                UPDATE ticket_claim SET state = 'FILED', ticket_key = ?, ticket_url = ?
                WHERE signature_key = ? AND generation = ? AND attempt_id = ? AND state = 'PENDING'""",
                s -> {
                    s.setString(1, ticket.key());
                    s.setString(2, ticket.url());
                    s.setString(3, key);
                    s.setInt(4, generation);
                    s.setString(5, attemptId);
                });
    }

    List<TicketRecord> pendingTickets(Instant claimedBefore) {
        return Jdbc.with(pool, "listing pending tickets", c -> {
            List<TicketRecord> pending = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + TICKET_COLUMNS
                    + " FROM ticket_claim WHERE state = 'PENDING' AND claimed_at < ? ORDER BY claimed_at")) {
                s.setObject(1, Jdbc.time(claimedBefore));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        pending.add(ticketRow(r));
                    }
                }
            }
            return pending;
        });
    }

    boolean takeOverTicket(String key, int generation, String fromAttempt, String toAttempt, Instant now) {
        return update("taking over the ticket claim of " + key, """
                UPDATE ticket_claim SET attempt_id = ?, claimed_at = ?
                WHERE signature_key = ? AND generation = ? AND attempt_id = ? AND state = 'PENDING'""",
                s -> {
                    s.setString(1, toAttempt);
                    s.setObject(2, Jdbc.time(now));
                    s.setString(3, key);
                    s.setInt(4, generation);
                    s.setString(5, fromAttempt);
                });
    }

    boolean claimComment(String key, int generation, Instant notSince, Instant now) {
        return update("claiming a summary comment on " + key, """
                UPDATE ticket_claim SET last_comment_at = ?
                WHERE signature_key = ? AND generation = ? AND state = 'FILED'
                  AND (last_comment_at IS NULL OR last_comment_at < ?)""",
                s -> {
                    s.setObject(1, Jdbc.time(now));
                    s.setString(2, key);
                    s.setInt(3, generation);
                    s.setObject(4, Jdbc.time(notSince));
                });
    }

    boolean setTicketActive(String key, int generation, boolean active) {
        return update("changing the activity of " + key, """
                UPDATE ticket_claim SET active = ? WHERE signature_key = ? AND generation = ? AND active <> ?""",
                s -> {
                    s.setBoolean(1, active);
                    s.setString(2, key);
                    s.setInt(3, generation);
                    s.setBoolean(4, active);
                });
    }

    private static TicketRecord ticketRow(ResultSet r) throws SQLException {
        String ticketKey = r.getString(6);
        return new TicketRecord(r.getString(1), r.getInt(2), TicketRecord.State.valueOf(r.getString(3)), r.getString(4),
                Jdbc.instant(r.getObject(5, OffsetDateTime.class)),
                ticketKey == null ? null : new TicketRef(ticketKey, r.getString(7)), r.getBoolean(8),
                Jdbc.instant(r.getObject(9, OffsetDateTime.class)));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private boolean update(String what, String sql, Binder binder) {
        return Jdbc.with(pool, what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static String cap(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
