package dev.pipelinetriage.adapter.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.RerunAdvice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether a search match rests on the entry's own phrase or only on resemblance to its examples. */
class LuceneKnowledgeIndexPatternTest {

    private static final KnownError DNS = new KnownError("dns-resolution-failure", "DNS failed", Category.PLATFORM,
            "network", List.of(new Indication.Phrase("temporary failure in name resolution")),
            List.of("curl: (6) Could not resolve host: deb.example.org"), List.of("all good"),
            "runbooks/network.md", "fix", RerunAdvice.SAFE, "platform-team", List.of());

    private final LuceneKnowledgeIndex index = new LuceneKnowledgeIndex(List.of(DNS));

    @Test
    void aPhraseIndicationInAFailureLineMarksTheMatchAsAFiredPattern() {
        var line = new LogLine(7, "pip: [Errno -3] Temporary failure in name resolution");

        Match match = index.search(List.of(line), 5).getFirst();

        assertThat(match.patternFired()).isTrue();
        assertThat(match.evidence()).containsExactly(line);
    }

    @Test
    void aLineThatOnlyResemblesAnExampleIsAMatchWithoutAFiredPattern() {
        var line = new LogLine(7, "curl: (6) Could not resolve host: mirror.example.net");

        Match match = index.search(List.of(line), 5).getFirst();

        assertThat(match.score()).isGreaterThan(0.8);
        assertThat(match.patternFired()).isFalse();
    }
}
