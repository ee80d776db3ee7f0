package dev.pipelinetriage.engine.text;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory the DFAs of a group of patterns may take together, counted in table entries (4 bytes each): a knowledge
 * base of hundreds of patterns is bounded as a whole, whatever the logs make its automata grow to. A DFA that gets no
 * more stops growing, and its pattern's matches are then found by RE2/J's engine (linear too, only slower).
 * Thread-safe.
 */
public final class DfaMemory {

    private final AtomicLong left;

    /** @param entries table entries (ints) the group may hold, at least 1 */
    public DfaMemory(long entries) {
        if (entries < 1) {
            throw new IllegalArgumentException("DFA memory must be at least 1 entry, got " + entries);
        }
        this.left = new AtomicLong(entries);
    }

    /** Takes {@code entries} if that many are left; false (and nothing taken) otherwise. */
    boolean take(long entries) {
        long now;
        do {
            now = left.get();
            if (now < entries) {
                return false;
            }
        } while (!left.compareAndSet(now, now - entries));
        return true;
    }

    /** Entries not taken yet; for tests. */
    long left() {
        return left.get();
    }
}
