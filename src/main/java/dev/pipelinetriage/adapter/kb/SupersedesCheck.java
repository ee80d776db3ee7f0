package dev.pipelinetriage.adapter.kb;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Entry;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks on {@code supersedes:} that need the whole knowledge base: every id it names exists, and no chain
 * of refinements leads back to where it started (then neither entry would be the more specific one).
 */
final class SupersedesCheck {

    private SupersedesCheck() {
    }

    static void check(List<Entry> entries, List<Problem> problems) {
        Map<String, Entry> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.knownError().id(), e));
        for (Entry entry : entries) {
            for (String other : entry.knownError().supersedes()) {
                if (!byId.containsKey(other)) {
                    problems.add(new Problem(entry.file(), entry.line(), "supersedes '" + other
                            + "', but no entry has that id; name an existing, more generic entry"));
                }
            }
        }
        Set<String> reported = new HashSet<>();
        for (Entry entry : entries) {
            List<String> cycle = cycleFrom(entry.knownError().id(), byId);
            if (!cycle.isEmpty() && reported.add(String.join(",", new java.util.TreeSet<>(cycle)))) {
                problems.add(new Problem(entry.file(), entry.line(), "supersedes forms a cycle ("
                        + String.join(" -> ", cycle) + "); an entry can only refine entries more generic than itself"));
            }
        }
    }

    /** The ids of a cycle through {@code start}, start first and last, or empty when there is none. */
    private static List<String> cycleFrom(String start, Map<String, Entry> byId) {
        List<String> path = new ArrayList<>();
        path.add(start);
        return walk(start, start, byId, path, new HashSet<>()) ? path : List.of();
    }

    private static boolean walk(String start, String current, Map<String, Entry> byId, List<String> path,
            Set<String> seen) {
        Entry entry = byId.get(current);
        if (entry == null || !seen.add(current)) {
            return false;
        }
        for (String next : entry.knownError().supersedes()) {
            path.add(next);
            if (next.equals(start) || walk(start, next, byId, path, seen)) {
                return true;
            }
            path.removeLast();
        }
        return false;
    }
}
