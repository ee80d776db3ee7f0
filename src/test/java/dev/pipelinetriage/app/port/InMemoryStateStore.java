package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The state store in memory, for tests: the same contract as the database ones, one lock for atomicity. */
public final class InMemoryStateStore implements StateStore {
    private record Claim(String user, Instant at, String link) {
    }

    private final Map<String, Instant> events = new HashMap<>();
    private final Map<String, StoredCard> cards = new HashMap<>();
    private final Map<String, PendingRerun> pending = new HashMap<>();
    private final Map<String, Claim> reruns = new HashMap<>();
    private final Map<String, Feedback> feedback = new HashMap<>();

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
}
