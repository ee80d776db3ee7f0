package dev.pipelinetriage.engine.text;

import dev.pipelinetriage.engine.text.RegexNode.Alternate;
import dev.pipelinetriage.engine.text.RegexNode.Assertion;
import dev.pipelinetriage.engine.text.RegexNode.Chars;
import dev.pipelinetriage.engine.text.RegexNode.Concat;
import dev.pipelinetriage.engine.text.RegexNode.Empty;
import dev.pipelinetriage.engine.text.RegexNode.Repeat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A Thompson automaton of a {@link RegexNode}: instructions that read one code point, branch, assert a position or
 * accept. The code points are grouped into classes that no instruction tells apart (few dozen for a pattern), which
 * is what a {@link LazyDfa} steps on. Immutable once built.
 */
final class Nfa {

    /** Bounded repetitions are written out; past this many instructions the pattern is left to RE2/J. */
    static final int MAX_INSTRUCTIONS = 20_000;

    static final byte READ = 0;
    static final byte SPLIT = 1;
    static final byte ASSERT = 2;
    static final byte MATCH = 3;

    final byte[] op;
    /** READ: the next instruction; SPLIT: the first branch; ASSERT: the next instruction. */
    final int[] out;
    /** SPLIT: the second branch; ASSERT: the {@link Assertion.Kind} ordinal. */
    final int[] arg;
    /** READ: which classes the instruction reads (instructions reading the same set share the array). */
    final boolean[][] reads;
    final int start;
    /** Every match starts at the beginning of the text: the start is not tried again further on. */
    final boolean anchored;
    /** Whether any instruction asserts a word boundary: only then does a state remember the last character's kind. */
    final boolean wordAssertions;
    /** Class boundaries: class {@code k} holds the code points from {@code boundaries[k]} up to the next one. */
    final int[] boundaries;
    final boolean[] wordClass;
    /** The class of each ASCII character, the common case read without a search. */
    final int[] asciiClass;

    private Nfa(Builder b) {
        int n = b.op.size();
        this.op = new byte[n];
        this.out = new int[n];
        this.arg = new int[n];
        for (int i = 0; i < n; i++) {
            op[i] = b.op.get(i);
            out[i] = b.out.get(i);
            arg[i] = b.arg.get(i);
        }
        this.start = b.start;
        var bounds = new TreeSet<Integer>();
        bounds.add(0);
        CharRanges.WORD.addBoundariesTo(bounds);
        b.sets.forEach(set -> set.addBoundariesTo(bounds));
        this.boundaries = bounds.stream().mapToInt(Integer::intValue).toArray();
        this.wordClass = new boolean[boundaries.length];
        for (int k = 0; k < boundaries.length; k++) {
            wordClass[k] = CharRanges.WORD.contains(boundaries[k]);
        }
        this.reads = new boolean[n][];
        var shared = new java.util.HashMap<CharRanges, boolean[]>(); // x{0,200} writes out one set 200 times
        for (int i = 0; i < n; i++) {
            if (op[i] == READ) {
                reads[i] = shared.computeIfAbsent(b.sets.get(arg[i]), set -> {
                    boolean[] classes = new boolean[boundaries.length];
                    for (int k = 0; k < boundaries.length; k++) {
                        classes[k] = set.contains(boundaries[k]);
                    }
                    return classes;
                });
            }
        }
        this.asciiClass = new int[128];
        for (int c = 0; c < 128; c++) {
            asciiClass[c] = classOf(c);
        }
        boolean words = false;
        for (int i = 0; i < n; i++) {
            words |= op[i] == ASSERT && (arg[i] == Assertion.Kind.WORD_BOUNDARY.ordinal()
                    || arg[i] == Assertion.Kind.NOT_WORD_BOUNDARY.ordinal());
        }
        this.wordAssertions = words;
        this.anchored = !reachesWithoutBeginning(start);
    }

    /** The automaton of {@code node}; throws IllegalArgumentException past {@link #MAX_INSTRUCTIONS}. */
    static Nfa of(RegexNode node) {
        var b = new Builder();
        int match = b.add(MATCH, -1, -1);
        b.start = b.compile(node, match);
        return new Nfa(b);
    }

    int classes() {
        return boundaries.length;
    }

    /** The class of a code point outside ASCII. */
    int classOf(int codePoint) {
        int i = Arrays.binarySearch(boundaries, codePoint);
        return i >= 0 ? i : -i - 2;
    }

    /** Whether a READ or MATCH instruction can be reached from {@code from} without asserting the text's start. */
    private boolean reachesWithoutBeginning(int from) {
        boolean[] seen = new boolean[op.length];
        var stack = new ArrayList<Integer>(List.of(from));
        while (!stack.isEmpty()) {
            int i = stack.removeLast();
            if (seen[i]) {
                continue;
            }
            seen[i] = true;
            switch (op[i]) {
                case READ, MATCH -> {
                    return true;
                }
                case SPLIT -> {
                    stack.add(out[i]);
                    stack.add(arg[i]);
                }
                default -> {
                    if (arg[i] != Assertion.Kind.BEGIN_TEXT.ordinal()) {
                        stack.add(out[i]);
                    }
                }
            }
        }
        return false;
    }

    /** Instructions as lists while compiling, right to left: each piece is compiled knowing what follows it. */
    private static final class Builder {
        final List<Byte> op = new ArrayList<>();
        final List<Integer> out = new ArrayList<>();
        final List<Integer> arg = new ArrayList<>();
        final List<CharRanges> sets = new ArrayList<>();
        int start;

        int add(byte kind, int next, int argument) {
            if (op.size() >= MAX_INSTRUCTIONS) {
                throw new IllegalArgumentException("more than " + MAX_INSTRUCTIONS + " instructions");
            }
            op.add(kind);
            out.add(next);
            arg.add(argument);
            return op.size() - 1;
        }

        /** Compiles {@code node} so that it continues at {@code next}; returns its entry. */
        int compile(RegexNode node, int next) {
            return switch (node) {
                case Chars c -> {
                    sets.add(c.set());
                    yield add(READ, next, sets.size() - 1);
                }
                case Concat c -> {
                    int entry = next;
                    for (int i = c.parts().size() - 1; i >= 0; i--) {
                        entry = compile(c.parts().get(i), entry);
                    }
                    yield entry;
                }
                case Alternate a -> {
                    int entry = compile(a.options().getLast(), next);
                    for (int i = a.options().size() - 2; i >= 0; i--) {
                        entry = add(SPLIT, compile(a.options().get(i), next), entry);
                    }
                    yield entry;
                }
                case Repeat r -> repeat(r, next);
                case Assertion a -> add(ASSERT, next, a.kind().ordinal());
                case Empty e -> next;
            };
        }

        private int repeat(Repeat r, int next) {
            int tail;
            if (r.max() == Repeat.UNBOUNDED) {
                // a loop: a split whose first branch runs the node and comes back to it
                int loop = add(SPLIT, -1, next);
                out.set(loop, compile(r.node(), loop));
                tail = loop;
            } else {
                // x{0,3} as (x(x(x)?)?)?
                tail = next;
                for (int i = r.min(); i < r.max(); i++) {
                    tail = add(SPLIT, compile(r.node(), tail), next);
                }
            }
            for (int i = 0; i < r.min(); i++) {
                tail = compile(r.node(), tail);
            }
            return tail;
        }
    }
}
