package dev.pipelinetriage.engine.match;

import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Gathers a scan's hits per known error, keeping a bounded number of evidence lines each: the first ones,
 * and in the last slot always the latest, because where an error last showed tells whether the job ended
 * on it.
 */
public final class HitCollector implements Consumer<IndicationHit> {

    private static final int MAX_EVIDENCE_LINES = 5;

    private static final class Entry {
        final KnownError knownError;
        final List<LogLine> lines = new ArrayList<>();
        int hits;

        Entry(KnownError knownError) {
            this.knownError = knownError;
        }
    }

    private final Map<String, Entry> byId = new LinkedHashMap<>();

    @Override
    public void accept(IndicationHit hit) {
        Entry entry = byId.computeIfAbsent(hit.knownError().id(), id -> new Entry(hit.knownError()));
        entry.hits++;
        for (LogLine line : hit.lines()) {
            if (entry.lines.stream().anyMatch(l -> l.number() == line.number())) {
                continue;
            }
            if (entry.lines.size() < MAX_EVIDENCE_LINES) {
                entry.lines.add(line);
            } else {
                entry.lines.set(MAX_EVIDENCE_LINES - 1, line);
            }
        }
    }

    public List<RegexEvidence> evidence() {
        return byId.values().stream().map(e -> new RegexEvidence(e.knownError, e.hits, e.lines)).toList();
    }
}
