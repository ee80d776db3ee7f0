package dev.pipelinetriage.app.port;

import java.util.ArrayList;
import java.util.List;

/** The audit log in memory, for tests; {@link #failing} makes every append throw, to test failing closed. */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();
    private volatile boolean failing;

    public void failing(boolean fail) {
        this.failing = fail;
    }

    @Override
    public synchronized void append(AuditEntry entry) {
        if (failing) {
            throw new IllegalStateException("audit store unavailable (test)");
        }
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> latest(int limit) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - limit), entries.size()));
    }

    public synchronized List<AuditEntry> all() {
        return List.copyOf(entries);
    }
}
