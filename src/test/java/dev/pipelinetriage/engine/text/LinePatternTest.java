package dev.pipelinetriage.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinePatternTest {

    /** The 3 KB line of issue 17 that overflowed java.util.regex's stack in the extractor. */
    private static final String STACK_OVERFLOW_LINE = " " + "a.".repeat(1500) + "Exception";

    @Test
    void findsAMatchAnywhereInTheLine() {
        var pattern = LinePattern.compile("Could not resolve host: \\S+");
        assertThat(pattern.find("curl: (6) Could not resolve host: example.org")).isTrue();
        assertThat(pattern.find("resolved host example.org")).isFalse();
    }

    @Test
    void theLineThatOverflowedTheBacktrackingEnginesStackIsMatchedWithoutRecursion() {
        // The extractor's exception rule, as java.util.regex ran it when it threw StackOverflowError.
        var exception = LinePattern.compile("(?:^|\\s|:)(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::|$)");
        assertThat(exception.find(STACK_OVERFLOW_LINE)).isFalse();
        assertThat(exception.find(" java.lang.IllegalStateException: boom")).isTrue();
    }

    @Test
    void patternsThatBacktrackExponentiallyElsewhereAnswerAtOnce() {
        String hostile = "a".repeat(100_000) + "b";
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(LinePattern.compile("^(a|aa)+$").find(hostile)).isFalse();
            assertThat(LinePattern.compile("(a+)+c").find(hostile)).isFalse();
            assertThat(LinePattern.compile("a.*a.*a.*a.*a.*c").find(hostile)).isFalse();
        });
    }

    @Test
    void caseIsFoldedWhenThePatternSaysSo() {
        var pattern = LinePattern.compile("(?i)connection reset by peer");
        assertThat(pattern.find("read: CONNECTION RESET BY PEER")).isTrue();
        assertThat(pattern.ignoresCase()).isTrue();
        assertThat(pattern.requiredLiteral()).contains("connection reset by peer");
        assertThat(pattern.findWithPrecheck("read: Connection Reset By Peer")).isTrue();
        assertThat(pattern.findWithPrecheck("read: connection closed")).isFalse();
    }

    @Test
    void anchorsMeanTheStartAndEndOfTheText() {
        var pattern = LinePattern.compile("^\\*\\* BUILD FAILED \\*\\*$");
        assertThat(pattern.find("** BUILD FAILED **")).isTrue();
        assertThat(pattern.find("note: ** BUILD FAILED **")).isFalse();
        assertThat(LinePattern.compile("(?:^|\\n)rake aborted!\\nNo Rakefile").find("x\nrake aborted!\nNo Rakefile found"))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = ';', value = {
        "Failed to connect to (?!localhost)\\S+;uses look-around",
        "(?<!\\d)\\d+ files inspected;uses look-around",
        "(?>abc)+d;uses an atomic group",
        "[^\\n]{0,200}+x;uses a possessive quantifier",
        "(ab)c\\1;uses a back-reference",
        "Could not (resolve;is not a regular expression the linear-time engine accepts",
    })
    void constructsThatNeedBacktrackingAreRefusedWithAReasonThatSaysWhatToDo(String regex, String reason) {
        assertThatThrownBy(() -> LinePattern.compile(regex))
                .isInstanceOfSatisfying(UnsupportedPatternException.class, e -> {
                    assertThat(e.reason()).startsWith(reason);
                    assertThat(e.pattern()).isEqualTo(regex);
                    assertThat(e.getMessage()).startsWith("regex /" + regex + "/ " + reason);
                });
    }
}
