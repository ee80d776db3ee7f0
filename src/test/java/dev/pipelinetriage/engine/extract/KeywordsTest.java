package dev.pipelinetriage.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordsTest {

    private final Keywords keywords = new Keywords("error", "timed out", "err", "rror!", "✗", "×");

    @ParameterizedTest(name = "\"{0}\" contains a keyword: {1}")
    @CsvSource(delimiter = ';', value = {
        "npm ERR! code E404;true",
        "Connection TIMED OUT after 30s;true",
        "  ✗ renders the header;true",
        "expected 3 × 4;true",
        "fatal: mirror;false",
        "everything is fine;false",
        "er ro;false",
        "terror!;true",
        "the timed-out job;false",
        "ééé ERROR ééé;true",
        "'';false",
    })
    void findsAnyKeywordIgnoringAsciiCase(String text, boolean expected) {
        assertThat(keywords.anyIn(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "overlapping keywords in \"{0}\"")
    @CsvSource(delimiter = ';', value = {"xxrrorx!;false", "errror!;true", "eerror;true", "eerrox;false"})
    void followsFailureLinksAcrossOverlappingPrefixes(String text, boolean expected) {
        assertThat(new Keywords("rror!", "eerror").anyIn(text)).isEqualTo(expected);
    }
}
