package dev.pipelinetriage.engine.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Aho-Corasick over many literals: one pass over a line says which of them occur in it, where a
 * {@code contains} per literal would read the line once per literal (a knowledge base has hundreds).
 *
 * <p>ASCII letters are folded to lower case, as java.util.regex's {@code (?i)} does without UNICODE_CASE; a
 * caller that needs an exact-case literal confirms a hit with {@code contains}. Immutable and thread-safe.
 */
public final class LiteralAutomaton {

    /** Symbol 0 stands for every character no literal contains: it always leads back to the root. */
    private final char[] symbolOf = new char[Character.MAX_VALUE + 1];
    private final int symbols;
    /** log2 of a row's width in {@link #step}: rows are padded to a power of two, so an offset's state is a shift. */
    private final int shift;
    /**
     * Full transition table, no failure links to follow while scanning: at {@code state * symbols + symbol}, the next
     * state's own offset ({@code next * symbols}), bit-inverted (negative) when literals end in it -- one read and one
     * sign test per character.
     */
    private final int[] step;
    /** Per state, the ids of the literals that end there (directly or through a suffix), or null. */
    private final int[][] ends;
    private final int literalCount;

    /** Literal {@code i} gets id {@code i}; literals must not be empty. */
    public LiteralAutomaton(List<String> literals) {
        this.literalCount = literals.size();
        int symbolCount = 1;
        for (String literal : literals) {
            if (literal.isEmpty()) {
                throw new IllegalArgumentException("an empty literal occurs everywhere; leave it out");
            }
            for (int i = 0; i < literal.length(); i++) {
                char c = fold(literal.charAt(i));
                if (symbolOf[c] == 0) {
                    symbolOf[c] = (char) symbolCount++;
                }
            }
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            symbolOf[c] = symbolOf[fold(c)];
        }
        this.shift = 32 - Integer.numberOfLeadingZeros(Math.max(1, symbolCount - 1));
        this.symbols = 1 << shift;

        // The trie, as child maps while building.
        List<Map<Integer, Integer>> children = new ArrayList<>();
        List<List<Integer>> own = new ArrayList<>();
        children.add(new HashMap<>());
        own.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            String literal = literals.get(id);
            int state = 0;
            for (int i = 0; i < literal.length(); i++) {
                int symbol = symbolOf[literal.charAt(i)];
                Integer child = children.get(state).get(symbol);
                if (child == null) {
                    child = children.size();
                    children.add(new HashMap<>());
                    own.add(new ArrayList<>());
                    children.get(state).put(symbol, child);
                }
                state = child;
            }
            own.get(state).add(id);
        }

        // Breadth first, so a state's failure target is complete before the state itself.
        int states = children.size();
        int[] next = new int[Math.multiplyExact(states, symbols)];
        int[] failure = new int[states];
        List<List<Integer>> allEnds = new ArrayList<>(own);
        var queue = new ArrayDeque<Integer>();
        for (int symbol = 0; symbol < symbols; symbol++) {
            Integer child = children.getFirst().get(symbol);
            if (child != null) {
                next[symbol] = child;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            List<Integer> inherited = allEnds.get(failure[state]);
            if (!inherited.isEmpty()) {
                var merged = new ArrayList<>(allEnds.get(state));
                merged.addAll(inherited);
                allEnds.set(state, merged);
            }
            for (int symbol = 0; symbol < symbols; symbol++) {
                Integer child = children.get(state).get(symbol);
                int viaFailure = next[failure[state] * symbols + symbol];
                if (child == null) {
                    next[state * symbols + symbol] = viaFailure;
                } else {
                    next[state * symbols + symbol] = child;
                    failure[child] = viaFailure;
                    queue.add(child);
                }
            }
        }
        this.ends = new int[states][];
        for (int state = 0; state < states; state++) {
            List<Integer> e = allEnds.get(state);
            ends[state] = e.isEmpty() ? null : e.stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        this.step = new int[next.length];
        for (int i = 0; i < next.length; i++) {
            int target = next[i];
            step[i] = ends[target] == null ? target * symbols : ~(target * symbols);
        }
    }

    /** The literals that end in the state at {@code offset}. */
    private int[] endsAt(int offset) {
        return ends[offset >>> shift];
    }

    public int literalCount() {
        return literalCount;
    }

    /**
     * For {@link #union}: per state, the union of {@code bitsOf[id]} over the literals that end there. A caller that
     * groups up to 64 things (rules, patterns) by the literals they need builds it once.
     */
    public long[] unionByState(long[] bitsOf) {
        if (bitsOf.length != literalCount) {
            throw new IllegalArgumentException("bits for " + bitsOf.length + " literals, the automaton has " + literalCount);
        }
        long[] byState = new long[ends.length];
        for (int state = 0; state < ends.length; state++) {
            if (ends[state] != null) {
                for (int id : ends[state]) {
                    byState[state] |= bitsOf[id];
                }
            }
        }
        return byState;
    }

    /**
     * The union of the bits of the literals that occur in {@code text} ({@code byState} from {@link #unionByState}):
     * which of the caller's things the text may concern, in one pass and without scratch arrays.
     */
    public long union(String text, long[] byState) {
        long bits = 0;
        int offset = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            offset = step[offset + symbolOf[text.charAt(i)]];
            if (offset < 0) {
                offset = ~offset;
                bits |= byState[offset >>> shift];
            }
        }
        return bits;
    }

    /**
     * Lists in {@code out} (from index 0) the ids of the literals that occur in {@code text}, each once, in the order
     * they are first seen, and answers how many there are. {@code seen} is per-caller scratch of
     * {@link #literalCount()} entries: an id is listed when {@code seen[id] != stamp}, so a caller that passes a new
     * stamp per text never clears it. {@code out} needs room for {@link #literalCount()} ids.
     */
    public int collect(String text, int[] seen, int stamp, int[] out) {
        int count = 0;
        int offset = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            offset = step[offset + symbolOf[text.charAt(i)]];
            if (offset < 0) {
                offset = ~offset;
                for (int id : endsAt(offset)) {
                    if (seen[id] != stamp) {
                        seen[id] = stamp;
                        out[count++] = id;
                    }
                }
            }
        }
        return count;
    }

    /** Whether any literal occurs in {@code text} (ASCII case folded); stops at the first. */
    public boolean occursIn(String text) {
        int offset = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            offset = step[offset + symbolOf[text.charAt(i)]];
            if (offset < 0) {
                return true;
            }
        }
        return false;
    }

    /** The ids of the literals that occur in {@code text}, in id order; for one-off checks and tests. */
    public int[] find(String text) {
        int[] ids = new int[literalCount];
        int count = collect(text, new int[literalCount], 1, ids);
        return IntStream.of(ids).limit(count).sorted().toArray();
    }

    public static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    public static String fold(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = fold(chars[i]);
        }
        return new String(chars);
    }

    @Override
    public String toString() {
        return "LiteralAutomaton[" + literalCount + " literals, " + ends.length + " states, " + symbols + " symbols]";
    }
}
