package dev.pipelinetriage.app;

import java.util.function.Supplier;

/**
 * Bounds how many logs are analyzed at once (the CPU-bound part of a triage) without bounding the waiting around
 * it: fetching a log, looking up the last green run, posting a card. A slow CI then delays only the triage that
 * waits on it, never another channel's.
 */
public interface AnalysisSlots {

    /** No bound: for one-off use (a command line, a test) where nothing else competes for the cores. */
    AnalysisSlots UNBOUNDED = new AnalysisSlots() {
        @Override
        public <T> T run(Supplier<T> analysis) {
            return analysis.get();
        }
    };

    /** Runs {@code analysis} when a slot is free, holding the slot only while it runs. */
    <T> T run(Supplier<T> analysis);
}
