package dev.pipelinetriage.engine.text;

import dev.pipelinetriage.engine.text.RegexNode.Assertion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds whether an {@link Nfa} matches somewhere in a text by running the deterministic automaton built from it as
 * the text asks for states (a lazy DFA, as RE2 does): each character costs one table read once its transition is
 * known, and a transition is worked out once, in time bounded by the NFA's size. A state is the set of NFA
 * instructions a match may be at, with whether the text's start is still here and whether the last character was
 * a word character (for {@code \b}). Nothing backtracks, so the time is linear in the text whatever it holds.
 *
 * <p>Memory is bounded: past {@link #MAX_ENTRIES} table entries and state sets of its own, or once the group's
 * {@link DfaMemory} has none left, the automaton stops growing and answers {@link Answer#UNKNOWN}, and the caller asks
 * the NFA engine instead (also linear, only slower).
 *
 * <p>Thread-safe: the transition table is read without locking (a transition not yet visible reads as unknown), and
 * is extended under the automaton's lock.
 */
final class LazyDfa {

    /** Table entries and state-set instructions one automaton holds at most (ints): 1 MB. */
    static final int MAX_ENTRIES = 1 << 18;

    enum Answer {
        MATCH, NO_MATCH, UNKNOWN
    }

    /**
     * Table entries: 0 not known yet, then these, then the next state's own offset in the table ({@code state *
     * classes}) plus {@link #FIRST_STATE}: one read per character.
     */
    private static final int MATCHED = 1;
    private static final int DEAD = 2;
    private static final int FIRST_STATE = 3;
    /** Per state: whether the text may end there. */
    private static final byte END_UNKNOWN = 0;
    private static final byte END_REJECTS = 1;
    private static final byte END_ACCEPTS = 2;

    private static final Assertion.Kind[] KINDS = Assertion.Kind.values();
    private static final int AT_START = 1;
    private static final int AFTER_WORD = 2;

    /** The transitions and end answers known so far; replaced by a larger copy when full. */
    private static final class Table {
        final int[] next;
        final byte[] atEnd;

        Table(int states, int classes) {
            this.next = new int[states * classes];
            this.atEnd = new byte[states];
        }
    }

    /** A DFA state as the NFA sees it: the instructions to continue from, and the context flags. */
    private record State(int[] targets, int flags) {
        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.flags == flags && Arrays.equals(s.targets, targets);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(targets) + flags;
        }
    }

    private final Nfa nfa;
    private final int classes;
    private final int maxStates;
    /** Shared with the other patterns of a group, or null. */
    private final DfaMemory memory;
    private volatile Table table;
    private volatile boolean full;
    /** Entries this automaton holds: its table's and its states' instruction sets (guarded by this). */
    private long held;

    // Guarded by this; the closure's scratch is allocated when the first transition is worked out.
    private final List<State> states = new ArrayList<>();
    private final Map<State, Integer> ids = new HashMap<>();
    private int[] mark;
    private int markStamp;
    /** Instructions still to follow in a closure: the state's, the start, and two per branch followed. */
    private int[] pending;
    /** The instructions a closure reached. */
    private int[] reached;

    /** @param memory what the automaton takes its memory from besides its own bound, or null for its bound alone */
    LazyDfa(Nfa nfa, DfaMemory memory) {
        this.nfa = nfa;
        this.classes = nfa.classes();
        this.maxStates = Math.max(2, MAX_ENTRIES / classes);
        this.memory = memory;
        this.table = new Table(1, classes);
        this.held = classes;
        intern(new State(new int[0], AT_START));
    }

    /** Whether the pattern matches somewhere in {@code text}; {@link Answer#UNKNOWN} once the automaton is full. */
    Answer find(CharSequence text) {
        Table t = table;
        int offset = 0;
        int n = text.length();
        int[] ascii = nfa.asciiClass;
        for (int i = 0; i < n; ) {
            int c = text.charAt(i++);
            int k;
            if (c < 128) {
                k = ascii[c];
            } else {
                if (Character.isHighSurrogate((char) c) && i < n && Character.isLowSurrogate(text.charAt(i))) {
                    c = Character.toCodePoint((char) c, text.charAt(i++));
                }
                k = nfa.classOf(c);
            }
            int x = t.next[offset + k];
            if (x < FIRST_STATE) {
                if (x == 0) {
                    x = transition(offset / classes, k);
                    t = table;
                    if (x == 0) {
                        return Answer.UNKNOWN;
                    }
                }
                if (x == MATCHED) {
                    return Answer.MATCH;
                }
                if (x == DEAD) {
                    return Answer.NO_MATCH;
                }
            }
            offset = x - FIRST_STATE;
        }
        int state = offset / classes;
        byte end = t.atEnd[state];
        if (end == END_UNKNOWN) {
            end = endAnswer(state);
        }
        return end == END_ACCEPTS ? Answer.MATCH : Answer.NO_MATCH;
    }

    /** Works out (or finds, if another thread did) the transition; 0 when the automaton is full. */
    private synchronized int transition(int state, int k) {
        int known = table.next[state * classes + k];
        if (known != 0 || full) {
            return known;
        }
        State from = states.get(state);
        boolean nextWord = nfa.wordClass[k];
        int count = closure(from, nextWord, false);
        int result;
        if (count < 0) {
            result = MATCHED;
        } else {
            int[] targets = new int[count];
            int read = 0;
            for (int j = 0; j < count; j++) {
                int i = reached[j];
                if (nfa.op[i] == Nfa.READ && nfa.reads[i][k]) {
                    targets[read++] = nfa.out[i];
                }
            }
            targets = Arrays.copyOf(targets, read);
            Arrays.sort(targets);
            targets = Arrays.stream(targets).distinct().toArray();
            if (targets.length == 0 && nfa.anchored) {
                result = DEAD;
            } else {
                int id = intern(new State(targets, nfa.wordAssertions && nextWord ? AFTER_WORD : 0));
                if (id < 0) {
                    full = true;
                    return 0;
                }
                result = id * classes + FIRST_STATE;
            }
        }
        table.next[state * classes + k] = result;
        return result;
    }

    private synchronized byte endAnswer(int state) {
        byte answer = closure(states.get(state), false, true) < 0 ? END_ACCEPTS : END_REJECTS;
        table.atEnd[state] = answer;
        return answer;
    }

    /**
     * Follows branches and assertions from the state's instructions (and from the start, where a match may begin),
     * given whether the next character is a word character or the text ends. Leaves the READ instructions reached in
     * {@code reached[0, n)} and returns n, or -1 as soon as the match instruction is reached.
     */
    private int closure(State from, boolean nextWord, boolean atEnd) {
        if (mark == null) {
            mark = new int[nfa.op.length];
            pending = new int[nfa.op.length * 3 + 2];
            reached = new int[nfa.op.length];
        }
        boolean atStart = (from.flags() & AT_START) != 0;
        boolean afterWord = (from.flags() & AFTER_WORD) != 0;
        int stamp = ++markStamp;
        int found = 0;
        int top = 0;
        for (int i = from.targets().length - 1; i >= 0; i--) {
            pending[top++] = from.targets()[i];
        }
        if (atStart || !nfa.anchored) {
            pending[top++] = nfa.start;
        }
        while (top > 0) {
            int i = pending[--top];
            if (mark[i] == stamp) {
                continue;
            }
            mark[i] = stamp;
            switch (nfa.op[i]) {
                case Nfa.MATCH -> {
                    return -1;
                }
                case Nfa.READ -> reached[found++] = i;
                case Nfa.SPLIT -> {
                    pending[top++] = nfa.arg[i];
                    pending[top++] = nfa.out[i];
                }
                default -> {
                    if (holds(KINDS[nfa.arg[i]], atStart, afterWord, nextWord, atEnd)) {
                        pending[top++] = nfa.out[i];
                    }
                }
            }
        }
        return found;
    }

    private static boolean holds(Assertion.Kind kind, boolean atStart, boolean afterWord, boolean nextWord, boolean atEnd) {
        return switch (kind) {
            case BEGIN_TEXT -> atStart;
            case END_TEXT -> atEnd;
            case WORD_BOUNDARY -> afterWord != nextWord;
            case NOT_WORD_BOUNDARY -> afterWord == nextWord;
        };
    }

    /** The state's id, adding it (and room for its transitions) if new; -1 when the automaton is full. */
    private int intern(State state) {
        Integer id = ids.get(state);
        if (id != null) {
            return id;
        }
        int added = states.size();
        Table t = table;
        int capacity = added < t.atEnd.length ? t.atEnd.length : Math.min(maxStates, t.atEnd.length * 2);
        long cost = state.targets().length + (long) (capacity - t.atEnd.length) * classes;
        if (added >= capacity || held + cost > MAX_ENTRIES || (memory != null && !memory.take(cost))) {
            return -1;
        }
        held += cost;
        states.add(state);
        ids.put(state, added);
        if (capacity > t.atEnd.length) {
            var larger = new Table(capacity, classes);
            System.arraycopy(t.next, 0, larger.next, 0, t.next.length);
            System.arraycopy(t.atEnd, 0, larger.atEnd, 0, t.atEnd.length);
            table = larger;
        }
        return added;
    }
}
