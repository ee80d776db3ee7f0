package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KnowledgeBaseBreadthTest {

    @ParameterizedTest(name = "/{0}/ pins down {1} characters")
    @CsvSource(delimiter = ';', value = {
        "e;1",
        "(?i)error;5",
        "a?b;1",
        "(?:GET|HEAD) x;5",
        "\\bMD\\d{3}/[\\w-]+;7",
        "\\.py::(?:(?!\\.py::)\\S){1,300} FAILED\\b;12",
        "ENOSPC|EACCES;6",
        "x(?:abc)?y;2",
    })
    void specificityCountsWhatEveryMatchMustContain(String pattern, int expected) {
        assertThat(KnowledgeBaseBreadth.specificCharacters(pattern)).isEqualTo(expected);
    }

    @Test
    void aRegexMatchingManyLinesOfPassingBuildsIsTooBroadEvenWithLongLiterals() {
        var breadth = new KnowledgeBaseBreadth(List.of("Downloading artifact a", "Downloading artifact b",
                "Compiling module c", "Job succeeded"));
        assertThat(breadth.why("Downloading artifact")).hasValueSatisfying(r -> assertThat(r).contains("2 of 4"));
        assertThat(breadth.why("Downloading artifact .* failed: 503")).isEmpty();
    }

    @Test
    void anAnchoredShortRegexIsNotJudgedByItsLengthAlone() {
        var breadth = KnowledgeBaseBreadth.bundled();
        assertThat(breadth.why("^E\\d{3}$")).isEmpty();
        assertThat(breadth.why("E\\d{3}")).isPresent();
    }
}
