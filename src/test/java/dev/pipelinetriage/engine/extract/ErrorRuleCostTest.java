package dev.pipelinetriage.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.match.CraftedLines;
import dev.pipelinetriage.engine.normalize.LineKind;
import dev.pipelinetriage.engine.normalize.NormalizedLine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The extractor's own regexes run on every line that holds one of their literals. On java.util.regex, lines crafted from
 * their parts had to stay within a step budget (issue 12, item 4); on the linear-time engine (issue 17, item 3) no line
 * can make one backtrack, so the same crafted lines go through a whole extraction, which reaches the real failure on
 * the last line.
 */
class ErrorRuleCostTest {

    @Test
    void linesCraftedFromEveryExtractorRegexsPartsAreExtractedToTheEnd() {
        List<String> crafted = ErrorRules.patterns().stream()
                .flatMap(p -> CraftedLines.forRegex(p.regex()).stream())
                .toList();
        String failure = "src/main.c:12:5: error: 'x' undeclared (first use in this function)";
        var session = new FailureExtractor().newSession();
        Extraction extraction = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int number = 0;
            for (String line : crafted) {
                session.accept(new NormalizedLine(new LogLine(++number, line), LineKind.TEXT, null));
            }
            session.accept(new NormalizedLine(new LogLine(++number, "$ make"), LineKind.TEXT, null));
            session.accept(new NormalizedLine(new LogLine(++number, failure), LineKind.TEXT, null));
            return session.finish();
        });
        assertThat(ErrorRules.patterns()).hasSizeGreaterThan(30);
        assertThat(crafted).hasSizeGreaterThan(1_000);
        assertThat(extraction.keyLines()).as("the real failure on the last line is still found")
                .anySatisfy(line -> assertThat(line.text()).isEqualTo(failure));
    }
}
