package dev.pipelinetriage.engine.text;

import java.util.Arrays;

/**
 * A set of code points as sorted, disjoint, non-adjacent inclusive ranges {@code [lo0, hi0, lo1, hi1, ...]}: what one
 * step of a {@link LazyDfa} reads. Immutable.
 */
final class CharRanges {

    static final int MAX = Character.MAX_CODE_POINT;
    static final CharRanges NONE = new CharRanges(new int[0]);
    static final CharRanges ALL = new CharRanges(new int[] {0, MAX});
    /** {@code \d} as RE2/J reads it: ASCII digits only. */
    static final CharRanges DIGIT = of('0', '9');
    /** {@code \w}: ASCII letters, digits and '_'; also what {@code \b} takes for a word character. */
    static final CharRanges WORD = of('0', '9', 'A', 'Z', '_', '_', 'a', 'z');
    /** {@code \s} as RE2/J reads it: tab, line feed, form feed, carriage return and space (no vertical tab). */
    static final CharRanges SPACE = of('\t', '\n', '\f', '\r', ' ', ' ');

    private final int[] bounds;

    private CharRanges(int[] bounds) {
        this.bounds = bounds;
    }

    /** The ranges {@code lo0, hi0, lo1, hi1, ...}, in any order, overlapping or not. */
    static CharRanges of(int... loHi) {
        return new CharRanges(new int[0]).union(loHi);
    }

    static CharRanges single(int c) {
        return new CharRanges(new int[] {c, c});
    }

    boolean contains(int c) {
        int i = Arrays.binarySearch(bounds, c);
        // an exact hit on a bound is inside; otherwise inside when the insertion point falls inside a [lo, hi] pair
        return i >= 0 || (-i - 1) % 2 == 1;
    }

    boolean isEmpty() {
        return bounds.length == 0;
    }

    CharRanges union(CharRanges other) {
        return union(other.bounds);
    }

    private CharRanges union(int[] loHi) {
        int[] all = Arrays.copyOf(bounds, bounds.length + loHi.length);
        System.arraycopy(loHi, 0, all, bounds.length, loHi.length);
        int pairs = all.length / 2;
        long[] sorted = new long[pairs];
        for (int p = 0; p < pairs; p++) {
            int lo = Math.min(all[2 * p], all[2 * p + 1]);
            int hi = Math.max(all[2 * p], all[2 * p + 1]);
            sorted[p] = ((long) lo << 32) | hi;
        }
        Arrays.sort(sorted);
        int[] out = new int[all.length];
        int n = 0;
        for (long range : sorted) {
            int lo = (int) (range >>> 32);
            int hi = (int) range;
            if (n > 0 && lo <= out[n - 1] + 1) {
                out[n - 1] = Math.max(out[n - 1], hi);
            } else {
                out[n++] = lo;
                out[n++] = hi;
            }
        }
        return new CharRanges(Arrays.copyOf(out, n));
    }

    /** Every code point not in this set. */
    CharRanges negate() {
        int[] out = new int[bounds.length + 2];
        int n = 0;
        int next = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] > next) {
                out[n++] = next;
                out[n++] = bounds[i] - 1;
            }
            next = bounds[i + 1] + 1;
        }
        if (next <= MAX) {
            out[n++] = next;
            out[n++] = MAX;
        }
        return new CharRanges(Arrays.copyOf(out, n));
    }

    /** This set with every code point's case variants ({@link CaseFolding}), as {@code (?i)} reads a class. */
    CharRanges folded() {
        var extra = new int[16];
        int n = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            for (int c : CaseFolding.partnersWithin(bounds[i], bounds[i + 1])) {
                if (n == extra.length) {
                    extra = Arrays.copyOf(extra, n * 2);
                }
                extra[n++] = c;
                extra[n++] = c;
            }
        }
        return n == 0 ? this : union(Arrays.copyOf(extra, n));
    }

    /** Each range's first code point: where the membership of a set may change. */
    void addBoundariesTo(java.util.TreeSet<Integer> boundaries) {
        for (int i = 0; i < bounds.length; i += 2) {
            boundaries.add(bounds[i]);
            if (bounds[i + 1] < MAX) {
                boundaries.add(bounds[i + 1] + 1);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharRanges other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        var out = new StringBuilder("[");
        for (int i = 0; i < bounds.length; i += 2) {
            out.append(Integer.toHexString(bounds[i]));
            if (bounds[i + 1] != bounds[i]) {
                out.append('-').append(Integer.toHexString(bounds[i + 1]));
            }
            out.append(i + 2 < bounds.length ? " " : "");
        }
        return out.append(']').toString();
    }
}
