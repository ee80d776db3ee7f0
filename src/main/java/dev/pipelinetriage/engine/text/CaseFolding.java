package dev.pipelinetriage.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which code points {@code (?i)} treats as one, as RE2/J does (Unicode simple case folding: {@code k}, {@code K} and
 * the Kelvin sign; {@code s}, {@code S} and the long s; but the Turkish dotted and dotless i each alone, and the
 * Cyrillic letter variants of Unicode 9 outside their letters' folding, as RE2/J's older table has them). Worked out
 * from {@link Character}'s case mappings, and only for code points below {@link #LIMIT}, where a test holds every
 * answer to RE2/J's; a cased code point above it is refused, and the pattern then stays with RE2/J.
 */
final class CaseFolding {

    /** Code points from here on are not folded here (RE2/J's own table and the JDK's disagree on some of them). */
    static final int LIMIT = 0x1C80;

    private CaseFolding() {
    }

    /**
     * Every code point {@code (?i)} adds to the range {@code [lo, hi]}: the case variants of each code point in it.
     *
     * @throws IllegalArgumentException when the range holds a cased code point at or above {@link #LIMIT}
     */
    static int[] partnersWithin(int lo, int hi) {
        int[] cased = Table.CASED;
        var out = new ArrayList<int[]>();
        int from = Arrays.binarySearch(cased, lo);
        for (int i = from >= 0 ? from : -from - 1; i < cased.length && cased[i] <= hi; i++) {
            if (cased[i] >= LIMIT) {
                throw new IllegalArgumentException("case folding of U+" + Integer.toHexString(cased[i])
                        + " is left to RE2/J");
            }
            out.add(Table.ORBITS[i]);
        }
        return out.stream().flatMapToInt(Arrays::stream).toArray();
    }

    /** Built on first use: every cased code point in order, and the code points folded with each. */
    private static final class Table {
        /** No code point above this one has a case mapping (the last are Adlam's, U+1E900 to U+1E943). */
        private static final int LAST_CASED = 0x1FFFF;

        static final int[] CASED;
        static final int[][] ORBITS;

        static {
            int[] parent = new int[LAST_CASED + 1];
            for (int c = 0; c < parent.length; c++) {
                parent[c] = c;
            }
            boolean[] cased = new boolean[parent.length];
            for (int c = 0; c < parent.length; c++) {
                for (int other : new int[] {Character.toLowerCase(c), Character.toUpperCase(c), Character.toTitleCase(c)}) {
                    if (other != c && !alone(c) && !alone(other)) {
                        union(parent, c, other);
                        cased[c] = true;
                        cased[other] = true;
                    }
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < parent.length; c++) {
                if (cased[c]) {
                    order.add(c);
                }
            }
            CASED = order.stream().mapToInt(Integer::intValue).toArray();
            var members = new java.util.HashMap<Integer, List<Integer>>();
            for (int c : CASED) {
                members.computeIfAbsent(find(parent, c), k -> new ArrayList<>()).add(c);
            }
            ORBITS = new int[CASED.length][];
            for (int i = 0; i < CASED.length; i++) {
                ORBITS[i] = members.get(find(parent, CASED[i])).stream().mapToInt(Integer::intValue).toArray();
            }
        }

        /** Folded by the JDK's mappings, but each alone in RE2/J's: the Turkish İ and ı, the Cyrillic ᲀ to ᲈ. */
        private static boolean alone(int c) {
            return c == 0x0130 || c == 0x0131 || (c >= 0x1C80 && c <= 0x1C88);
        }

        private static int find(int[] parent, int c) {
            while (parent[c] != c) {
                parent[c] = parent[parent[c]];
                c = parent[c];
            }
            return c;
        }

        private static void union(int[] parent, int a, int b) {
            parent[find(parent, a)] = find(parent, b);
        }
    }
}
