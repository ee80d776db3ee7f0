package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** The state store in memory, for tests: the same contract as the database ones, one lock for atomicity. */
public final class InMemoryStateStore implements StateStore {
    private record Claim(String user, Instant at, String link) {
    }

    private final Map<String, Instant> events = new HashMap<>();
    private final Map<String, StoredCard> cards = new HashMap<>();
    private final Map<String, PendingRerun> pending = new HashMap<>();
    private final Map<String, Claim> reruns = new HashMap<>();
    private final Map<String, Feedback> feedback = new HashMap<>();
    private final Map<String, SignatureInfo> signatures = new HashMap<>();
    private final Map<String, Occurrence> occurrences = new LinkedHashMap<>();
    private final Map<String, TicketRecord> tickets = new HashMap<>();
    private final Map<String, AwaitedRerun> awaited = new LinkedHashMap<>();
    private final Map<String, RerunOutcome> outcomes = new HashMap<>();

    @Override
    public synchronized boolean claimEvent(String key, Instant now, Duration ttl) {
        Instant expires = events.get(key);
        if (expires != null && expires.isAfter(now)) {
            return false;
        }
        events.put(key, now.plus(ttl));
        return true;
    }

    @Override
    public synchronized void saveCard(StoredCard card) {
        cards.put(card.id(), card);
    }

    @Override
    public synchronized Optional<StoredCard> card(String id) {
        return Optional.ofNullable(cards.get(id));
    }

    @Override
    public synchronized void savePending(PendingRerun p) {
        pending.put(p.id(), p);
    }

    @Override
    public synchronized Optional<PendingRerun> pending(String id, Instant now) {
        return Optional.ofNullable(pending.get(id)).filter(p -> p.expiresAt().isAfter(now));
    }

    @Override
    public synchronized RerunClaim claimRerun(String key, String user, Instant now) {
        Claim earlier = reruns.get(key);
        if (earlier != null) {
            return new RerunClaim.AlreadyRequested(earlier.user(), earlier.at(), earlier.link());
        }
        reruns.put(key, new Claim(user, now, null));
        return new RerunClaim.Claimed();
    }

    @Override
    public synchronized void completeRerun(String key, String link) {
        reruns.computeIfPresent(key, (k, c) -> new Claim(c.user(), c.at(), link));
    }

    @Override
    public synchronized void releaseRerun(String key) {
        reruns.remove(key);
    }

    @Override
    public synchronized boolean saveFeedback(Feedback f) {
        return feedback.putIfAbsent(f.cardId() + "|" + f.from().user() + "|" + f.kind(), f) == null;
    }

    @Override
    public synchronized Map<String, Long> feedbackCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Feedback f : feedback.values()) {
            switch (f.kind()) {
                case HELPFUL -> counts.merge("helpful", 1L, Long::sum);
                case NOT_RIGHT -> {
                    counts.merge("not_right", 1L, Long::sum);
                    counts.merge("not_right:" + f.correctVerdict().wireName(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    @Override
    public synchronized boolean recordOccurrence(Occurrence o) {
        String key = o.signature().key();
        if (occurrences.putIfAbsent(key + "|" + o.jobKey(), o) != null) {
            return false;
        }
        SignatureInfo known = signatures.get(key);
        if (known != null && o.signature().verdict() == dev.pipelinetriage.domain.Verdict.FLAKY) {
            known = new SignatureInfo(new dev.pipelinetriage.domain.Signature(key, known.signature().summary(),
                    dev.pipelinetriage.domain.Verdict.FLAKY), known.knownError(), known.runbook(), known.excerpt(),
                    known.total(), known.firstSeen(), known.lastSeen());
        }
        signatures.put(key, known == null
                ? new SignatureInfo(o.signature(), o.knownError(), o.runbook(), o.excerpt(), 1, o.at(), o.at())
                : new SignatureInfo(known.signature(), known.knownError(), known.runbook(), known.excerpt(),
                        known.total() + 1, known.firstSeen(), o.at().isAfter(known.lastSeen()) ? o.at() : known.lastSeen()));
        return true;
    }

    @Override
    public synchronized Optional<SignatureInfo> signature(String signatureKey) {
        return Optional.ofNullable(signatures.get(signatureKey));
    }

    @Override
    public synchronized OccurrenceWindow occurrences(String signatureKey, Instant since, int maxLinks) {
        List<Occurrence> inWindow = occurrences.values().stream()
                .filter(o -> o.signature().key().equals(signatureKey) && !o.at().isBefore(since)).toList();
        List<String> links = inWindow.stream().filter(o -> o.link() != null)
                .sorted(Comparator.comparing(Occurrence::at).reversed().thenComparing(Occurrence::jobKey))
                .map(Occurrence::link).limit(maxLinks).toList();
        return new OccurrenceWindow(signatureKey, since, inWindow.size(),
                List.copyOf(new TreeSet<>(inWindow.stream().map(Occurrence::repository).toList())), links);
    }

    @Override
    public synchronized List<TopSignature> top(Instant since, int limit) {
        Map<String, List<Occurrence>> bySignature = new TreeMap<>();
        for (Occurrence o : occurrences.values()) {
            if (!o.at().isBefore(since)) {
                bySignature.computeIfAbsent(o.signature().key(), k -> new ArrayList<>()).add(o);
            }
        }
        return bySignature.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, List<Occurrence>>>comparingInt(e -> e.getValue().size()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> new TopSignature(signatures.get(e.getKey()).signature(), e.getValue().size(),
                        (int) e.getValue().stream().map(Occurrence::repository).distinct().count(),
                        ticket(e.getKey()).orElse(null)))
                .toList();
    }

    @Override
    public synchronized int pruneOccurrences(Instant before) {
        int size = occurrences.size();
        occurrences.values().removeIf(o -> o.at().isBefore(before));
        return size - occurrences.size();
    }

    @Override
    public synchronized TicketClaim claimTicket(String signatureKey, int generation, String attemptId, Instant now) {
        TicketRecord existing = tickets.get(signatureKey + "|" + generation);
        if (existing != null) {
            return new TicketClaim.Held(existing);
        }
        TicketRecord claimed = new TicketRecord(signatureKey, generation, TicketRecord.State.PENDING, attemptId, now, null,
                true, null);
        tickets.put(signatureKey + "|" + generation, claimed);
        return new TicketClaim.Claimed(claimed);
    }

    @Override
    public synchronized Optional<TicketRecord> ticket(String signatureKey) {
        return tickets.values().stream().filter(t -> t.signatureKey().equals(signatureKey))
                .max(Comparator.comparingInt(TicketRecord::generation));
    }

    @Override
    public synchronized boolean recordTicket(String signatureKey, int generation, String attemptId, TicketRef ticket) {
        return change(signatureKey, generation, t -> t.state() == TicketRecord.State.PENDING && t.attemptId().equals(attemptId),
                t -> new TicketRecord(t.signatureKey(), t.generation(), TicketRecord.State.FILED, t.attemptId(),
                        t.claimedAt(), ticket, t.active(), t.lastCommentAt()));
    }

    @Override
    public synchronized List<TicketRecord> pendingTickets(Instant claimedBefore) {
        return tickets.values().stream()
                .filter(t -> t.state() == TicketRecord.State.PENDING && t.claimedAt().isBefore(claimedBefore))
                .sorted(Comparator.comparing(TicketRecord::claimedAt)).toList();
    }

    @Override
    public synchronized boolean takeOverTicket(String signatureKey, int generation, String fromAttempt, String toAttempt,
            Instant now) {
        return change(signatureKey, generation,
                t -> t.state() == TicketRecord.State.PENDING && t.attemptId().equals(fromAttempt),
                t -> new TicketRecord(t.signatureKey(), t.generation(), t.state(), toAttempt, now, null, t.active(),
                        t.lastCommentAt()));
    }

    @Override
    public synchronized boolean claimComment(String signatureKey, int generation, Instant notSince, Instant now) {
        return change(signatureKey, generation, t -> t.state() == TicketRecord.State.FILED
                        && (t.lastCommentAt() == null || t.lastCommentAt().isBefore(notSince)),
                t -> new TicketRecord(t.signatureKey(), t.generation(), t.state(), t.attemptId(), t.claimedAt(),
                        t.ticket(), t.active(), now));
    }

    @Override
    public synchronized boolean setTicketActive(String signatureKey, int generation, boolean active) {
        return change(signatureKey, generation, t -> t.active() != active,
                t -> new TicketRecord(t.signatureKey(), t.generation(), t.state(), t.attemptId(), t.claimedAt(),
                        t.ticket(), active, t.lastCommentAt()));
    }

    private boolean change(String signatureKey, int generation, java.util.function.Predicate<TicketRecord> when,
            java.util.function.UnaryOperator<TicketRecord> how) {
        String key = signatureKey + "|" + generation;
        TicketRecord t = tickets.get(key);
        if (t == null || !when.test(t)) {
            return false;
        }
        tickets.put(key, how.apply(t));
        return true;
    }

    @Override
    public synchronized void awaitRerun(AwaitedRerun a) {
        if (!outcomes.containsKey(a.key())) {
            awaited.put(a.key(), a);
        }
    }

    @Override
    public synchronized List<AwaitedRerun> awaiting(dev.pipelinetriage.domain.RunRef later) {
        return awaited.values().stream()
                .filter(a -> AwaitedRerun.runKey(a.failed()).equals(AwaitedRerun.runKey(later))
                        && !outcomes.containsKey(a.key())
                        && (a.failed().attempt() < later.attempt() || later.attempt() == 0))
                .sorted(Comparator.comparing(AwaitedRerun::at).thenComparing(AwaitedRerun::key))
                .toList();
    }

    @Override
    public synchronized boolean recordRerunOutcome(RerunOutcome outcome) {
        if (!awaited.containsKey(outcome.awaited().key())) {
            return false;
        }
        return outcomes.putIfAbsent(outcome.awaited().key(), outcome) == null;
    }

    @Override
    public synchronized PassedOnRerun passedOnRerun(String signatureKey, Instant since) {
        List<Instant> passes = outcomes.values().stream()
                .filter(o -> o.passed() && o.awaited().signatureKey().equals(signatureKey) && !o.at().isBefore(since))
                .map(RerunOutcome::at).sorted().toList();
        return passes.isEmpty() ? PassedOnRerun.none(signatureKey)
                : new PassedOnRerun(signatureKey, passes.size(), passes.getFirst());
    }
}
