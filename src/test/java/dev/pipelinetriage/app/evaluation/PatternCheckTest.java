package dev.pipelinetriage.app.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.search.LucenePhraseMatcher;
import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.RerunAdvice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation's own check of a named match, independent of the classifier's flag. */
class PatternCheckTest {

    private static final KnownError GRADLE = new KnownError("gradle-download-network-error", "Gradle download failed",
            Category.PLATFORM, "network", List.of(
                    new Indication.Phrase("could not resolve all files"),
                    new Indication.MultiLineRegex("Could not GET '[^']+'\\.\\n\\s{0,20}> Read timed out", 2)),
            List.of(), List.of(), "runbooks/network.md", "fix", RerunAdvice.SAFE, "platform-team", List.of());

    private final PatternCheck check = new PatternCheck(new LucenePhraseMatcher());

    private static NamedError claiming(RedactedLine... evidence) {
        return new NamedError(GRADLE, 0.9, List.of(evidence), true);
    }

    @Test
    void aPhraseOfTheEntryInAnEvidenceLineCounts() {
        assertThat(check.fired(claiming(new RedactedLine(4, "> Could not resolve all files for configuration ':app:compile'."))))
                .isTrue();
    }

    @Test
    void aMultiLineIndicationCountsOverAdjacentEvidenceLinesOnly() {
        var get = new RedactedLine(10, "> Could not GET 'https://repo.example.org/a.pom'.");
        var adjacent = new RedactedLine(11, "   > Read timed out");
        var distant = new RedactedLine(40, "   > Read timed out");

        assertThat(check.fired(claiming(get, adjacent))).isTrue();
        assertThat(check.fired(claiming(get, distant))).isFalse();
    }

    @Test
    void evidenceThatMerelyResemblesTheEntryDoesNotCount() {
        assertThat(check.fired(claiming(new RedactedLine(4, "Could not download the wrapper distribution")))).isFalse();
        assertThat(check.fired(null)).isFalse();
    }
}
