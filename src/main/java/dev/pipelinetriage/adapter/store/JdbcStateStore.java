package dev.pipelinetriage.adapter.store;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AwaitedRerun;
import dev.pipelinetriage.app.port.PassedOnRerun;
import dev.pipelinetriage.app.port.RerunOutcome;
import dev.pipelinetriage.app.port.ChatRef;
import dev.pipelinetriage.app.port.Feedback;
import dev.pipelinetriage.app.port.Occurrence;
import dev.pipelinetriage.app.port.OccurrenceWindow;
import dev.pipelinetriage.app.port.SignatureInfo;
import dev.pipelinetriage.app.port.TicketClaim;
import dev.pipelinetriage.app.port.TicketRecord;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.app.port.TopSignature;
import dev.pipelinetriage.app.port.PendingRerun;
import dev.pipelinetriage.app.port.RerunClaim;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.domain.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * {@link StateStore} over JDBC with portable SQL (H2 and PostgreSQL): plain INSERT/UPDATE/DELETE/SELECT, and "only
 * once" from primary keys (a unique violation means someone else got there first). Recurrence lives in
 * {@link RecurrenceTables}, rerun outcomes in {@link RerunOutcomeTable}.
 */
final class JdbcStateStore implements StateStore {
    private static final int PURGE_EVERY = 500;

    private final DataSource pool;
    private final AtomicLong claims = new AtomicLong();
    private final RecurrenceTables recurrence;
    private final RerunOutcomeTable outcomes;

    JdbcStateStore(DataSource pool) {
        this.pool = pool;
        this.recurrence = new RecurrenceTables(pool);
        this.outcomes = new RerunOutcomeTable(pool);
    }

    @Override
    public boolean claimEvent(String key, Instant now, Duration ttl) {
        return Jdbc.with(pool, "claiming event", c -> {
            if (claims.incrementAndGet() % PURGE_EVERY == 0) {
                purgeExpired(c, now);
            }
            try (PreparedStatement expired = c.prepareStatement(
                    "DELETE FROM processed_event WHERE event_key = ? AND expires_at <= ?")) {
                expired.setString(1, key);
                expired.setObject(2, Jdbc.time(now));
                expired.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO processed_event (event_key, expires_at) VALUES (?, ?)")) {
                insert.setString(1, key);
                insert.setObject(2, Jdbc.time(now.plus(ttl)));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static void purgeExpired(Connection c, Instant now) throws SQLException {
        for (String sql : List.of("DELETE FROM processed_event WHERE expires_at <= ?",
                "DELETE FROM pending_rerun WHERE expires_at <= ?")) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setObject(1, Jdbc.time(now));
                s.executeUpdate();
            }
        }
    }

    @Override
    public void saveCard(StoredCard card) {
        Jdbc.with(pool, "saving card " + card.id(), c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE triage_card SET document = ? WHERE card_id = ?")) {
                update.setString(1, card.document());
                update.setString(2, card.id());
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO triage_card (card_id, platform, workspace, channel, message_id, ci_instance, ci_kind,
                      project, run_id, attempt, verdict, failed_jobs, document, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ChatRef m = card.message();
                RunRef run = card.run();
                insert.setString(1, card.id());
                insert.setString(2, m.platform());
                insert.setString(3, m.workspace());
                insert.setString(4, m.channel());
                insert.setString(5, m.message());
                insert.setString(6, run.instance());
                insert.setString(7, run.kind().wireName());
                insert.setString(8, run.project());
                insert.setString(9, run.runId());
                insert.setInt(10, run.attempt());
                insert.setString(11, card.verdict().wireName());
                insert.setString(12, String.join("\n", card.failedJobs().stream().map(j -> j.replace('\n', ' ')).toList()));
                insert.setString(13, card.document());
                insert.setObject(14, Jdbc.time(card.createdAt()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<StoredCard> card(String id) {
        return Jdbc.with(pool, "reading card " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT platform, workspace, channel, message_id, ci_instance, ci_kind, project, run_id, attempt,
                      verdict, failed_jobs, document, created_at FROM triage_card WHERE card_id = ?""")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    String jobs = r.getString(11);
                    return Optional.of(new StoredCard(id,
                            new ChatRef(r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
                            new RunRef(r.getString(5), CiKind.fromWireName(r.getString(6)), r.getString(7), r.getString(8),
                                    r.getInt(9)),
                            Verdict.fromWireName(r.getString(10)),
                            jobs.isEmpty() ? List.of() : Arrays.asList(jobs.split("\n")),
                            r.getString(12), Jdbc.instant(r.getObject(13, OffsetDateTime.class))));
                }
            }
        });
    }

    @Override
    public void savePending(PendingRerun p) {
        Jdbc.with(pool, "saving a pending rerun", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO pending_rerun (pending_id, platform, workspace, user_id, external_user, card_id, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                s.setString(1, p.id());
                s.setString(2, p.proposedTo().platform());
                s.setString(3, p.proposedTo().workspace());
                s.setString(4, p.proposedTo().user());
                s.setBoolean(5, p.proposedTo().external());
                s.setString(6, p.cardId());
                s.setObject(7, Jdbc.time(p.expiresAt()));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<PendingRerun> pending(String id, Instant now) {
        return Jdbc.with(pool, "reading a pending rerun", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT platform, workspace, user_id, external_user, card_id, expires_at FROM pending_rerun
                    WHERE pending_id = ? AND expires_at > ?""")) {
                s.setString(1, id);
                s.setObject(2, Jdbc.time(now));
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new PendingRerun(id, new Actor(r.getString(1), r.getString(2), r.getString(3),
                            r.getBoolean(4)), r.getString(5), Jdbc.instant(r.getObject(6, OffsetDateTime.class))));
                }
            }
        });
    }

    @Override
    public RerunClaim claimRerun(String key, String user, Instant now) {
        return Jdbc.with(pool, "claiming a rerun", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO rerun_claim (claim_key, user_id, claimed_at) VALUES (?, ?, ?)")) {
                s.setString(1, key);
                s.setString(2, user);
                s.setObject(3, Jdbc.time(now));
                s.executeUpdate();
                return new RerunClaim.Claimed();
            } catch (SQLException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT user_id, claimed_at, link FROM rerun_claim WHERE claim_key = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        // Released between our insert and this read: the caller may simply ask again.
                        return new RerunClaim.AlreadyRequested(user, now, null);
                    }
                    return new RerunClaim.AlreadyRequested(r.getString(1),
                            Jdbc.instant(r.getObject(2, OffsetDateTime.class)), r.getString(3));
                }
            }
        });
    }

    @Override
    public void completeRerun(String key, String link) {
        update("recording a started rerun", "UPDATE rerun_claim SET link = ? WHERE claim_key = ?", link, key);
    }

    @Override
    public void releaseRerun(String key) {
        update("releasing a rerun claim", "DELETE FROM rerun_claim WHERE claim_key = ?", key);
    }

    @Override
    public boolean saveFeedback(Feedback f) {
        return Jdbc.with(pool, "saving feedback", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO feedback (card_id, user_id, kind, platform, workspace, correct_verdict, known_error, note,
                      given_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                s.setString(1, f.cardId());
                s.setString(2, f.from().user());
                s.setString(3, kind(f.kind()));
                s.setString(4, f.from().platform());
                s.setString(5, f.from().workspace());
                s.setString(6, f.correctVerdict() == null ? null : f.correctVerdict().wireName());
                s.setString(7, f.knownError());
                s.setString(8, f.note());
                s.setObject(9, Jdbc.time(f.at()));
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
    public Map<String, Long> feedbackCounts() {
        return Jdbc.with(pool, "counting feedback", c -> {
            Map<String, Long> counts = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT kind, correct_verdict, COUNT(*) FROM feedback GROUP BY kind, correct_verdict");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.merge(r.getString(1), r.getLong(3), Long::sum);
                    if (r.getString(2) != null) {
                        counts.merge(r.getString(1) + ":" + r.getString(2), r.getLong(3), Long::sum);
                    }
                }
            }
            return counts;
        });
    }

    private static String kind(Feedback.Kind kind) {
        return switch (kind) {
            case HELPFUL -> "helpful";
            case NOT_RIGHT -> "not_right";
        };
    }

    private void update(String what, String sql, String... values) {
        Jdbc.with(pool, what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    s.setString(i + 1, values[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean recordOccurrence(Occurrence occurrence) {
        return recurrence.recordOccurrence(occurrence);
    }

    @Override
    public Optional<SignatureInfo> signature(String signatureKey) {
        return recurrence.signature(signatureKey);
    }

    @Override
    public OccurrenceWindow occurrences(String signatureKey, Instant since, int maxLinks) {
        return recurrence.occurrences(signatureKey, since, maxLinks);
    }

    @Override
    public List<TopSignature> top(Instant since, int limit) {
        return recurrence.top(since, limit);
    }

    @Override
    public int pruneOccurrences(Instant before) {
        return recurrence.pruneOccurrences(before);
    }

    @Override
    public TicketClaim claimTicket(String signatureKey, int generation, String attemptId, Instant now) {
        return recurrence.claimTicket(signatureKey, generation, attemptId, now);
    }

    @Override
    public Optional<TicketRecord> ticket(String signatureKey) {
        return recurrence.ticket(signatureKey);
    }

    @Override
    public boolean recordTicket(String signatureKey, int generation, String attemptId, TicketRef ticket) {
        return recurrence.recordTicket(signatureKey, generation, attemptId, ticket);
    }

    @Override
    public List<TicketRecord> pendingTickets(Instant claimedBefore) {
        return recurrence.pendingTickets(claimedBefore);
    }

    @Override
    public boolean takeOverTicket(String signatureKey, int generation, String fromAttempt, String toAttempt, Instant now) {
        return recurrence.takeOverTicket(signatureKey, generation, fromAttempt, toAttempt, now);
    }

    @Override
    public boolean claimComment(String signatureKey, int generation, Instant notSince, Instant now) {
        return recurrence.claimComment(signatureKey, generation, notSince, now);
    }

    @Override
    public boolean setTicketActive(String signatureKey, int generation, boolean active) {
        return recurrence.setTicketActive(signatureKey, generation, active);
    }

    @Override
    public void awaitRerun(AwaitedRerun awaited) {
        outcomes.await(awaited);
    }

    @Override
    public List<AwaitedRerun> awaiting(RunRef later) {
        return outcomes.awaiting(later);
    }

    @Override
    public boolean recordRerunOutcome(RerunOutcome outcome) {
        return outcomes.record(outcome);
    }

    @Override
    public PassedOnRerun passedOnRerun(String signatureKey, Instant since) {
        return outcomes.passed(signatureKey, since);
    }
}
