package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Acknowledged work in memory, for tests: the same contract as the database stores, one lock for atomicity. */
public final class InMemoryPendingWork implements PendingWork {
    private static final class Row {
        WorkItem item;
        String owner;
        Instant leaseUntil;
        Instant doneAt;
        Instant forgetAt;

        boolean free(Instant now) {
            return doneAt == null && (owner == null || !leaseUntil.isAfter(now));
        }
    }

    private final Map<String, Row> byId = new LinkedHashMap<>();

    @Override
    public synchronized Enqueued enqueue(String kind, String key, String payload, String owner, Instant now,
            Duration lease) {
        if (key.length() > WorkItem.MAX_KEY) {
            throw new IllegalArgumentException("work keys have at most " + WorkItem.MAX_KEY + " characters");
        }
        byId.values().removeIf(r -> r.item.key().equals(key) && r.doneAt != null && !r.forgetAt.isAfter(now));
        Row existing = byId.values().stream().filter(r -> r.item.key().equals(key)).findFirst().orElse(null);
        if (existing == null) {
            Row row = new Row();
            row.item = new WorkItem(UUID.randomUUID().toString(), kind, key, payload, null, 0, now);
            row.owner = owner;
            row.leaseUntil = now.plus(lease);
            byId.put(row.item.id(), row);
            return new Added(row.item);
        }
        if (existing.free(now)) {
            return new Resumed(take(existing, owner, now, lease));
        }
        return existing.doneAt != null ? new Finished() : new InProgress();
    }

    private static WorkItem take(Row row, String owner, Instant now, Duration lease) {
        row.owner = owner;
        row.leaseUntil = now.plus(lease);
        WorkItem i = row.item;
        row.item = new WorkItem(i.id(), i.kind(), i.key(), i.payload(), i.placeholder(), i.takeovers() + 1,
                i.acceptedAt());
        return row.item;
    }

    @Override
    public synchronized List<WorkItem> takeOver(String owner, Instant now, Duration lease, int max) {
        byId.values().removeIf(r -> r.doneAt != null && !r.forgetAt.isAfter(now));
        List<WorkItem> taken = new ArrayList<>();
        byId.values().stream().filter(r -> r.free(now)).sorted(Comparator.comparing(r -> r.item.acceptedAt())).limit(max)
                .toList().forEach(r -> taken.add(take(r, owner, now, lease)));
        return taken;
    }

    @Override
    public synchronized int renew(String owner, Instant now, Duration lease) {
        int n = 0;
        for (Row r : byId.values()) {
            if (owner.equals(r.owner) && r.doneAt == null) {
                r.leaseUntil = now.plus(lease);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized void placeholder(String id, String messageId) {
        Row r = byId.get(id);
        if (r != null) {
            r.item = r.item.withPlaceholder(messageId);
        }
    }

    @Override
    public synchronized boolean holds(String id, String owner) {
        Row r = byId.get(id);
        return r != null && owner.equals(r.owner) && r.doneAt == null;
    }

    @Override
    public synchronized boolean complete(String id, String owner, Instant now, Instant forgetAt) {
        if (!holds(id, owner)) {
            return false;
        }
        Row r = byId.get(id);
        r.doneAt = now;
        r.forgetAt = forgetAt;
        r.owner = null;
        return true;
    }

    @Override
    public synchronized void release(String id, String owner, Instant now) {
        if (holds(id, owner)) {
            byId.get(id).owner = null;
            byId.get(id).leaseUntil = now;
        }
    }

    @Override
    public synchronized int releaseAll(String owner, Instant now) {
        List<String> held = byId.keySet().stream().filter(id -> holds(id, owner)).toList();
        held.forEach(id -> release(id, owner, now));
        return held.size();
    }

    @Override
    public synchronized void abandon(String id, String owner) {
        if (holds(id, owner)) {
            byId.remove(id);
        }
    }

    /** Items not finished, for tests' assertions. */
    public synchronized int unfinished() {
        return (int) byId.values().stream().filter(r -> r.doneAt == null).count();
    }
}
