package dev.pipelinetriage.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundedRegexTest {

    @Test
    void findsAMatchAnywhereInTheLine() {
        var regex = BoundedRegex.compile("No space left on device");
        assertThat(regex.find("write /var/lib/docker: No space left on device (errno 28)")).isTrue();
        assertThat(regex.find("plenty of space left")).isFalse();
    }

    @Test
    void catastrophicBacktrackingIsStoppedByTheBudgetInsteadOfHanging() {
        // Polynomial backtracking of degree 12: without a budget this runs for minutes.
        var regex = BoundedRegex.compile("(.*a){12}$", 100_000);
        String hostile = "a".repeat(40) + "b";
        assertThatThrownBy(() -> regex.find(hostile))
                .isInstanceOf(RegexBudgetExceededException.class)
                .hasMessageContaining("(.*a){12}$");
    }

    @Test
    void aLinearPatternOnALongLineStaysWithinTheDefaultBudget() {
        var regex = BoundedRegex.compile("error: .*mismatched");
        assertThat(regex.find("x".repeat(4000) + " error: types mismatched")).isTrue();
    }

    @Test
    void caseInsensitivePatternsUseTheLowerCasedLiteral() {
        var regex = BoundedRegex.compile("(?i)connection reset by peer");
        assertThat(regex.requiredLiteral()).contains("connection reset by peer");
        assertThat(regex.find("read: CONNECTION RESET BY PEER")).isTrue();
    }

    @Test
    void aSyntaxErrorSaysWhere() {
        assertThatThrownBy(() -> BoundedRegex.compile("Could not (resolve"))
                .isInstanceOf(PatternSyntaxException.class);
    }
}
