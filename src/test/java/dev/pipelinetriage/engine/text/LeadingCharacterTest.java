package dev.pipelinetriage.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LeadingCharacterTest {

    @ParameterizedTest(name = "{0} on \"{1}\": {2}")
    @CsvSource(delimiter = ';', value = {
        "^\\s{0,6}\\d+\\) .+:$;'  1) Array #indexOf():';true",
        "^\\s{0,6}\\d+\\) .+:$;'        1) too far in:';false",
        "^\\s{0,6}\\d+\\) .+:$;'  a) not a number:';false",
        "^\\s{1,8}\\d+:\\d+;'3:4 no leading space';false",
        "^\\s{1,8}\\d+:\\d+;'\t3:4 a tab';true",
        "^FAIL\\s+\\S+;'FAIL  pkg 0.1s';true",
        "^FAIL\\s+\\S+;'  FAIL pkg';false",
        "^ *E;'   E   assert 1 == 2';true",
        "^\\s*\\d;'';false",
    })
    void admitsOnlyLinesWhoseLeadingCharacterCanStartAMatch(String regex, String line, boolean admitted) {
        assertThat(LeadingCharacter.of(regex)).hasValueSatisfying(c -> assertThat(c.admits(line)).isEqualTo(admitted));
    }

    @ParameterizedTest(name = "{0} gets no check")
    @ValueSource(strings = {"\\d+ failed", "^\\s*(?:a|b)", "^\\d?x", "^a|b", "^\\s*\\*\\*", "^\\s*?x", "^x*y", "^ "})
    void patternsOfAnyOtherShapeGetNoCheck(String regex) {
        assertThat(LeadingCharacter.of(regex)).isEmpty();
    }

    @ParameterizedTest(name = "{0} on \"{1}\"")
    @CsvSource(delimiter = ';', value = {
        "^\\s{0,6}\\d+\\) .+:$;'  1) Array #indexOf():'",
        "^\\s{0,6}\\d+\\) .+:$;'  1) a:'",
        "^\\s{1,8}\\d+:\\d+\\s{1,4}✖\\s{1,4}.+\\s[a-z][\\w-]{0,60}$;'  3:10  ✖  Unexpected empty block  block-no-empty'",
    })
    void theCheckNeverHidesAMatchOfTheWholePattern(String regex, String line) {
        assertThat(LinePattern.compile(regex).find(line)).isTrue();
        assertThat(java.util.regex.Pattern.compile(regex).matcher(line).find()).isTrue();
    }
}
