package dev.pipelinetriage.engine.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Secrets found in one line, in any order, each to become its kind's marker. Where two overlap, the marker of the
 * one starting first (or, from one start, the longer) stands for both, so the output never holds a piece of either.
 */
final class Spans {

    private record Span(int start, int end, String kind) {
    }

    private final List<Span> spans = new ArrayList<>();

    void add(int start, int end, String kind) {
        if (end > start) {
            spans.add(new Span(start, end, kind));
        }
    }

    String applyTo(String line) {
        if (spans.isEmpty()) {
            return line;
        }
        spans.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        StringBuilder out = new StringBuilder(line.length());
        int copied = 0;
        for (Span span : spans) {
            if (span.start() < copied) {
                copied = Math.max(copied, span.end()); // overlapping: the marker before stands for both
                continue;
            }
            out.append(line, copied, span.start()).append(Markers.of(span.kind()));
            copied = span.end();
        }
        return out.append(line, copied, line.length()).toString();
    }
}
