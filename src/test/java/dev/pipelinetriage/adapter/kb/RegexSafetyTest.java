package dev.pipelinetriage.adapter.kb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexSafetyTest {

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+b", "(\\w*\\s?)*$", "(?:x|y+)*z", "((ab)+c)+", "(a{1,9})*", "(?:[a-z]+\\.){2,}com"})
    void aRepeatedGroupWhoseBodyRepeatsIsRejected(String pattern) {
        assertThat(RegexSafety.check(pattern)).hasValueSatisfying(reason -> assertThat(reason).contains("nests"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a{1,30}){1,30}$", "(?:\\s{0,5}\\w{1,20}){2,10}x", "(a?b{0,3}){1,4}"})
    void nestedBoundedRepetitionIsRejected(String pattern) {
        assertThat(RegexSafety.check(pattern)).hasValueSatisfying(reason -> assertThat(reason).contains("nests repetition"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(.*a){12}", "(?:.+,){2}x", "(?:x(?:.*y)?){3}", "(?:a.{3,}b){2}"})
    void aRepeatedGroupHoldingDotStarIsRejected(String pattern) {
        assertThat(RegexSafety.check(pattern)).hasValueSatisfying(reason -> assertThat(reason).contains(".*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a)\\1", "(?<x>a)\\k<x>"})
    void backreferencesAreRejected(String pattern) {
        assertThat(RegexSafety.check(pattern)).hasValueSatisfying(reason -> assertThat(reason).contains("backreference"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Could not resolve host: \\S", "(?:GET|HEAD) '[^']+'", "(ab)+", "(a+)?", "(?>a+)+", "(a++)+", "[(a+)+]",
        "\\(a+\\)+", "x{2,3}(?:y{2})+", "(?:.*a)?b", "(\\.*a){3}", "(?:a{2}b){1,5}", "(?:[.*]x){3}", "\\Q(a+)+\\E", "\\p{Alpha}+(?:-\\d)+", "\\0101"})
    void linearShapesPass(String pattern) {
        assertThat(RegexSafety.check(pattern)).isEmpty();
    }
}
