package dev.pipelinetriage.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequiredLiteralTest {

    @ParameterizedTest(name = "{0} requires \"{1}\"")
    @CsvSource(delimiter = ';', value = {
        "No space left on device;No space left on device",
        "Could not resolve host: \\S+;'Could not resolve host: '",
        "error\\[E\\d{4}\\]: mismatched types;]: mismatched types",
        "(?i)killed;killed",
        "timeouts?;timeout",
        "(?:foo|bar)bazz;bazz",
        "(?:^|\\n)rake aborted!\\nNo Rakefile found;No Rakefile found ",
        "(?<!\\d)\\d+ files? inspected, [1-9]\\d* offenses?;' inspected, '",
        "(?:Process completed with|Job failed:) exit code 124\\b;' exit code 124'",
    })
    void aRequiredLiteralIsOnlyWhatEveryMatchContains(String regex, String literal) {
        assertThat(RequiredLiteral.of(regex)).contains(literal);
    }

    @ParameterizedTest(name = "{0} has no provable literal")
    @CsvSource(delimiter = ';', value = {
        "ENOSPC|EACCES",
        "(?:foo|bar)ba",
        "(?s)a.b literal",
        "(?i:abc)def",
        "ab?",
        "abc(?i)def",
        "[abc]+",
    })
    void noLiteralIsClaimedWhenAMatchMightNotContainIt(String regex) {
        assertThat(RequiredLiteral.of(regex)).isEmpty();
    }
}
