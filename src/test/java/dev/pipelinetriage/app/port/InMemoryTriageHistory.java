package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The triage history in memory, for tests: one record per job attempt, like the store's unique key. */
public final class InMemoryTriageHistory implements TriageHistory {
    private final ConcurrentMap<String, TriageRecord> records = new ConcurrentHashMap<>();

    @Override
    public void record(TriageRecord record) {
        records.putIfAbsent(record.key(), record);
    }

    @Override
    public List<TriageRecord> since(Instant from) {
        return records.values().stream().filter(r -> !r.at().isBefore(from))
                .sorted(Comparator.comparing(TriageRecord::at).thenComparing(TriageRecord::key)).toList();
    }

    public int size() {
        return records.size();
    }
}
