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
    @ValueSource(strings = {"(a)\\1", "(?<x>a)\\k<x>"})
    void backreferencesAreRejected(String pattern) {
        assertThat(RegexSafety.check(pattern)).hasValueSatisfying(reason -> assertThat(reason).contains("backreference"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Could not resolve host: \\S", "(?:GET|HEAD) '[^']+'", "(ab)+", "(a+)?", "(?>a+)+", "(a++)+", "[(a+)+]",
        "\\(a+\\)+", "x{2,3}(?:y{2})+", "\\Q(a+)+\\E", "\\p{Alpha}+(?:-\\d)+", "\\0101"})
    void linearShapesPass(String pattern) {
        assertThat(RegexSafety.check(pattern)).isEmpty();
    }
}
