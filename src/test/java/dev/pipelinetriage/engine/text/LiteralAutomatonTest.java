package dev.pipelinetriage.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LiteralAutomatonTest {

    @Test
    void findsEveryLiteralThatOccursIncludingOverlappingAndNestedOnes() {
        var automaton = new LiteralAutomaton(List.of("error", "rror:", "err", "no space left", "space"));
        assertThat(automaton.find("npm ERR! error: no space left on device")).containsExactly(0, 1, 2, 3, 4);
        assertThat(automaton.occursIn("npm ERR! error: no space left on device")).isTrue();
        assertThat(automaton.find("all good")).isEmpty();
        assertThat(automaton.occursIn("all good")).isFalse();
        assertThat(automaton.find("")).isEmpty();
    }

    @Test
    void collectListsEachLiteralOnceInTheOrderFirstSeenWithoutClearingBetweenLines() {
        var automaton = new LiteralAutomaton(List.of("error", "space", "err"));
        int[] seen = new int[automaton.literalCount()];
        int[] out = new int[automaton.literalCount()];
        int count = automaton.collect("no space left: error, error, space", seen, 1, out);
        assertThat(java.util.Arrays.copyOf(out, count)).containsExactly(1, 2, 0);
        assertThat(automaton.collect("all good", seen, 2, out)).isZero();
        count = automaton.collect("ERR again", seen, 3, out);
        assertThat(java.util.Arrays.copyOf(out, count)).containsExactly(2);
    }

    @Test
    void foldsAsciiLettersOnlyAsRegexCaseInsensitivityDoes() {
        var automaton = new LiteralAutomaton(List.of("kotlin", "über"));
        assertThat(automaton.find("KOTLIN daemon")).containsExactly(0);
        // KELVIN SIGN lower-cases to 'k' in Unicode, but (?i) without UNICODE_CASE does not match it either.
        assertThat(automaton.find("\u212Aotlin daemon")).isEmpty();
        assertThat(automaton.find("ÜBER")).isEmpty();
        assertThat(automaton.find("über")).containsExactly(1);
    }

    @Test
    void anEmptyLiteralIsRefused() {
        assertThatThrownBy(() -> new LiteralAutomaton(List.of("ok", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agreesWithContainsOnRandomLinesAndLiterals() {
        var random = new Random(42);
        String alphabet = "abAB: -é\t";
        for (int round = 0; round < 200; round++) {
            var literals = new ArrayList<String>();
            for (int i = 0; i < 1 + random.nextInt(12); i++) {
                literals.add(randomText(random, alphabet, 1 + random.nextInt(4)));
            }
            var automaton = new LiteralAutomaton(literals);
            for (int line = 0; line < 20; line++) {
                String text = randomText(random, alphabet, random.nextInt(40));
                String folded = LiteralAutomaton.fold(text);
                int[] expected = IntStream.range(0, literals.size())
                        .filter(id -> folded.contains(LiteralAutomaton.fold(literals.get(id))))
                        .toArray();
                assertThat(automaton.find(text)).as("%s in %s", literals, text).containsExactly(expected);
                assertThat(automaton.occursIn(text)).isEqualTo(expected.length > 0);
            }
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        var out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
