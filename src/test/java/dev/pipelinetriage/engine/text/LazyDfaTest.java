package dev.pipelinetriage.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.engine.match.CraftedLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link LinePattern} finds matches with a lazy DFA and keeps RE2/J as the reference: on every pattern and line here,
 * the DFA must answer what RE2/J's own engine answers.
 */
class LazyDfaTest {

    /** Each pattern with lines that probe one corner of the syntax, matching or not. */
    private static final List<List<String>> CORNERS = List.of(
            List.of("\\berror\\b", "error", "an error.", "errors", "_error", "éerror", "terror", "error_"),
            List.of("\\Berr", "terror", "err", " err"),
            List.of("^abc$", "abc", "abc\n", "xabc", "abcx", ""),
            List.of("a.c", "abc", "a\nc", "a\rc", "a\u2028c", "a\uD83D\uDE00c", "ac"),
            List.of("(?s)a.c", "a\nc", "abc"),
            List.of("a[^b]c", "a\nc", "abc", "axc", "a\uD83D\uDE00c"),
            List.of("^.{2}$", "\uD83D\uDE00\uD83D\uDE00", "\uD83D\uDE00", "ab", "\uD800a", "a\uDC00"),
            List.of("x^y", "x^y", "xy"),
            List.of("a$b", "a$b", "ab"),
            List.of("(?i)kelvin", "KELVIN", "\u212Aelvin", "kelvin"),
            List.of("(?i)ss", "SS", "\u017F\u017F", "sS"),
            List.of("(?i)i", "I", "\u0130", "\u0131", "i"),
            List.of("(?i)\\W", "k", "\u212A", "\u017F", "-", "K"),
            List.of("(?i)[^k]", "k", "K", "\u212A", "x"),
            List.of("(?i)[a-c]x", "BX", "bx", "dx"),
            List.of("(?i)straße", "STRASSE", "strasse", "STRAẞE", "straße"),
            List.of("a(?i)b|c", "aB", "C", "Ab"),
            List.of("(?i:a)b", "Ab", "AB"),
            List.of("(?i)a(?-i:b)c", "AbC", "ABC"),
            List.of("(?i)a(?-i)b", "Ab", "AB"),
            List.of("a{,3}", "a{,3}", "aaa"),
            List.of("a{2,3}b", "ab", "aab", "aaaab"),
            List.of("a{0}b", "b", "ab"),
            List.of("x{2,}y", "xy", "xxy", "xxxxxxy"),
            List.of("(?:ab)*?c", "c", "ababc", "abac"),
            List.of("(?P<name>ab)+c", "ababc", "ac"),
            List.of("(?<n>a|)b", "b", "ab"),
            List.of("a||b", "", "x"),
            List.of("\\Qa.b\\E", "a.b", "axb"),
            List.of("\\x41\\x{1F600}", "A\uD83D\uDE00", "A"),
            List.of("[]a]", "]", "a", "b"),
            List.of("[a-]", "-", "a", "b"),
            List.of("[\\w-]x", "-x", "_x", " x"),
            List.of("[\\d.]+ ?s\\b", "1.5 s", "12s ", "s"),
            List.of("\\s\\S\\d\\D\\w\\W", " a1b_-", "\u000Ba1b_-"),
            List.of("(a*)*b", "aaab", "aaa"),
            List.of("(a|ab)(c|bcd)(d*)", "abcd", "abc"),
            List.of("\\bKilled(?:[^\\w-]|$)", "Killed", "Killed-", "Killed.", "xKilled"),
            List.of("^\\s*(?:ok|✓)\\b", "✓ ok", "✓x", "ok", "  ok!"),
            List.of("(?i)✖ \\d+ problem", "✖ 2 problems", "x 2 problem"));

    @Test
    void theDfaAnswersAsRe2jDoesInEveryCornerOfTheSyntax() {
        var wrong = new ArrayList<String>();
        for (List<String> corner : CORNERS) {
            var pattern = LinePattern.compile(corner.getFirst());
            assertThat(pattern.runsOnDfa()).as("runs on the DFA: %s", pattern).isTrue();
            for (String line : corner.subList(1, corner.size())) {
                expectSameAnswer(pattern, line, wrong);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyStockPatternRunsOnTheDfaAndAnswersAsRe2jOnLinesCraftedFromIt() {
        var load = (KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.empty());
        List<String> regexes = load.knownErrors().stream().flatMap(e -> e.indications().stream())
                .flatMap(i -> switch (i) {
                    case Indication.LineRegex r -> java.util.stream.Stream.of(r.pattern());
                    case Indication.MultiLineRegex r -> java.util.stream.Stream.of(r.pattern());
                    case Indication.Phrase ignored -> java.util.stream.Stream.empty();
                })
                .distinct().toList();
        var notOnDfa = new ArrayList<String>();
        var wrong = new ArrayList<String>();
        for (String regex : regexes) {
            var pattern = LinePattern.compile(regex);
            if (!pattern.runsOnDfa()) {
                notOnDfa.add(regex);
            }
            List<String> lines = CraftedLines.forRegex(regex);
            for (int i = 0; i < lines.size(); i += 4) {
                // crafted lines are 4 KB; the start of each holds the near-misses too
                expectSameAnswer(pattern, lines.get(i).substring(0, 300), wrong);
            }
        }
        assertThat(regexes).hasSizeGreaterThan(500);
        assertThat(notOnDfa).isEmpty();
        assertThat(wrong).isEmpty();
    }

    @Test
    void caseFoldingMatchesRe2jForEveryCasedCodePointItFolds() {
        var wrong = new ArrayList<String>();
        for (int c = 0; c < CaseFolding.LIMIT; c++) {
            int[] partners = CaseFolding.partnersWithin(c, c);
            if (partners.length == 0) {
                continue;
            }
            var pattern = LinePattern.compile("(?i)\\x{" + Integer.toHexString(c) + "}");
            for (int other : partners) {
                expectSameAnswer(pattern, new String(Character.toChars(other)), wrong);
            }
            for (int other : new int[] {Character.toLowerCase(c), Character.toUpperCase(c), Character.toTitleCase(c)}) {
                expectSameAnswer(pattern, new String(Character.toChars(other)), wrong);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noCodePointAboveTheFoldingTablesEndHasACaseMapping() {
        for (int c = 0x20000; c <= Character.MAX_CODE_POINT; c++) {
            assertThat(Character.toLowerCase(c) == c && Character.toUpperCase(c) == c && Character.toTitleCase(c) == c)
                    .as("U+%X has no case mapping", c).isTrue();
        }
    }

    @Test
    void aPatternWhoseAutomatonOutgrowsItsBoundIsAnsweredByRe2j() {
        // "an a 21 characters before the end": a DFA needs 2^21 states to run it
        var pattern = LinePattern.compile("a[ab]{20}$");
        var random = new Random(17);
        var wrong = new ArrayList<String>();
        for (int n = 0; n < 20; n++) {
            var text = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                text.append(random.nextBoolean() ? 'a' : 'b');
            }
            expectSameAnswer(pattern, text.toString(), wrong);
            expectSameAnswer(pattern, text + "a".repeat(20), wrong);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void patternsSharingMemoryStopGrowingTogetherAndStillAnswerRight() {
        var memory = new DfaMemory(2_000);
        var first = LinePattern.compile("(?i)(?:timed? ?out|connection (?:reset|refused))[^\\n]{0,30}\\d{2,}", memory);
        var second = LinePattern.compile("a[ab]{12}$", memory);
        var random = new Random(11);
        var wrong = new ArrayList<String>();
        for (int n = 0; n < 400; n++) {
            var text = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                text.append("ab tmeoucnrs12".charAt(random.nextInt(14)));
            }
            expectSameAnswer(first, "Connection reset " + text, wrong);
            expectSameAnswer(second, text.toString(), wrong);
        }
        assertThat(wrong).isEmpty();
        assertThat(memory.left()).as("entries left once the automata ran out: less than one more table doubling")
                .isBetween(0L, 500L);
    }

    @Test
    void threadsSharingAPatternGetTheAnswersOneThreadGets() throws Exception {
        var pattern = LinePattern.compile("(?i)(?:\\berror\\b|fail(?:ed|ure)|exit code [1-9]\\d*|\\d+ problems? \\()");
        var random = new Random(3);
        String[] words = {"error", "Failed", "exit code 3", "exit code 0", "12 problems (", "errors", "ok", " ", "x"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            var line = new StringBuilder();
            for (int w = random.nextInt(6); w >= 0; w--) {
                line.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
            }
            lines.add(line.toString());
        }
        var reference = com.google.re2j.Pattern.compile(pattern.regex());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var results = new ArrayList<Future<Long>>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> lines.stream()
                        .filter(l -> pattern.find(l) != reference.matcher(l).find()).count()));
            }
            for (Future<Long> result : results) {
                assertThat(result.get()).as("lines answered differently").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void expectSameAnswer(LinePattern pattern, String line, List<String> wrong) {
        boolean expected = com.google.re2j.Pattern.compile(pattern.regex()).matcher(line).find();
        if (pattern.find(line) != expected) {
            wrong.add(pattern + " on \"" + line + "\": RE2/J says " + expected);
        }
    }
}
