package dev.pipelinetriage.engine.extract;

/**
 * How often each 64-bit line shape occurs, in an open-addressing table of primitive arrays (no boxing, a few
 * MB at most). Bounded: once {@code maxKeys} distinct shapes are held, new shapes are no longer counted and
 * read as seen once, which errs towards calling a line rare -- never towards hiding it.
 */
final class ShapeCounts {

    private static final long EMPTY = 0L;
    /** Stands for a real hash of 0, so that 0 can mark empty slots. */
    private static final long ZERO_KEY = 0x9e3779b97f4a7c15L;

    private final int maxKeys;
    private long[] keys;
    private int[] counts;
    private int size;

    ShapeCounts(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive, got " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.keys = new long[64];
        this.counts = new int[64];
    }

    /** Counts one more occurrence of the shape. */
    void add(long shape) {
        long key = shape == EMPTY ? ZERO_KEY : shape;
        int slot = slot(keys, key);
        if (keys[slot] == key) {
            if (counts[slot] < Integer.MAX_VALUE) {
                counts[slot]++;
            }
            return;
        }
        if (size >= maxKeys) {
            return;
        }
        keys[slot] = key;
        counts[slot] = 1;
        size++;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    /** How often the shape was counted; 0 when never (or not counted once the table was full). */
    int count(long shape) {
        long key = shape == EMPTY ? ZERO_KEY : shape;
        int slot = slot(keys, key);
        return keys[slot] == key ? counts[slot] : 0;
    }

    boolean contains(long shape) {
        return count(shape) > 0;
    }

    int size() {
        return size;
    }

    private static int slot(long[] table, long key) {
        int mask = table.length - 1;
        int i = (int) (key ^ (key >>> 32)) * 0x9E3779B1 & mask;
        while (table[i] != EMPTY && table[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }
}
