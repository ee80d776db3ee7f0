package dev.pipelinetriage.engine.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Answers "does this line contain any of these keywords, ignoring ASCII case?" in one pass over the line,
 * without allocating: an Aho-Corasick automaton over bytes, with upper-case ASCII folded as it reads.
 * Every log line goes through it, so it replaces a lower-cased copy plus one {@code contains} per keyword.
 * Keywords with characters beyond Latin-1 (such as a test runner's ✗) are looked up with {@code contains}.
 */
final class Keywords {

    private static final int ALPHABET = 256;

    private final int[][] next;
    private final boolean[] accepts;

    Keywords(String... keywords) {
        List<int[]> transitions = new ArrayList<>();
        List<Boolean> accepting = new ArrayList<>();
        transitions.add(newState());
        accepting.add(false);
        List<String> nonAscii = new ArrayList<>();
        for (String keyword : keywords) {
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("empty keyword");
            }
            int state = 0;
            for (int i = 0; i < keyword.length(); i++) {
                int c = fold(keyword.charAt(i));
                if (c < 0) {
                    nonAscii.add(keyword);
                    state = -1;
                    break;
                }
                int target = transitions.get(state)[c];
                if (target <= 0) {
                    transitions.add(newState());
                    accepting.add(false);
                    target = transitions.size() - 1;
                    transitions.get(state)[c] = target;
                }
                state = target;
            }
            if (state > 0) {
                accepting.set(state, true);
            }
        }
        this.nonAsciiKeywords = List.copyOf(nonAscii);
        int states = transitions.size();
        this.next = new int[states][];
        this.accepts = new boolean[states];
        for (int s = 0; s < states; s++) {
            next[s] = transitions.get(s);
            accepts[s] = accepting.get(s);
        }
        buildFailureLinks();
    }

    private final List<String> nonAsciiKeywords;

    private static int[] newState() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    /** Breadth-first: turns the trie into a full automaton (every state has a move for every byte). */
    private void buildFailureLinks() {
        int[] fail = new int[next.length];
        var queue = new ArrayDeque<Integer>();
        for (int c = 0; c < ALPHABET; c++) {
            int target = next[0][c];
            if (target <= 0) {
                next[0][c] = 0;
            } else {
                fail[target] = 0;
                queue.add(target);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            accepts[state] |= accepts[fail[state]];
            for (int c = 0; c < ALPHABET; c++) {
                int target = next[state][c];
                if (target <= 0) {
                    next[state][c] = next[fail[state]][c];
                } else {
                    fail[target] = next[fail[state]][c];
                    queue.add(target);
                }
            }
        }
    }

    /** True when {@code text} contains any keyword, ASCII letters compared without case. */
    boolean anyIn(String text) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            int c = fold(text.charAt(i));
            state = c < 0 ? 0 : next[state][c];
            if (accepts[state]) {
                return true;
            }
        }
        for (String keyword : nonAsciiKeywords) {
            if (text.contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** ASCII upper case folded to lower case; anything beyond Latin-1 is -1 (handled separately). */
    private static int fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c + ('a' - 'A');
        }
        return c < ALPHABET ? c : -1;
    }
}
