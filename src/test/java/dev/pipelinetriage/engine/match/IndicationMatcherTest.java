package dev.pipelinetriage.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.RerunAdvice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicationMatcherTest {

    static KnownError entry(String id, Indication... indications) {
        return new KnownError(id, id, Category.PLATFORM, "disk", List.of(indications), List.of(), List.of(),
                "runbooks/" + id + ".md", "fix it", RerunAdvice.SAFE, "platform-team", List.of());
    }

    private static List<IndicationHit> scan(IndicationMatcher matcher, String... lines) {
        var hits = new ArrayList<IndicationHit>();
        var scan = matcher.newScan(hits::add);
        for (int i = 0; i < lines.length; i++) {
            scan.accept(new LogLine(i + 1, lines[i]));
        }
        scan.finish();
        return hits;
    }

    @Test
    void aLineRegexReportsTheLineItMatched() {
        var matcher = new IndicationMatcher(List.of(entry("disk-full", new Indication.LineRegex("No space left on device"))));
        var hits = scan(matcher, "Step 4/9 : RUN npm ci", "npm ERR! nospc ENOSPC: No space left on device, write", "done");
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.knownError().id()).isEqualTo("disk-full");
            assertThat(hit.firstLine().number()).isEqualTo(2);
        });
    }

    @Test
    void aMultiLineRegexMatchesAcrossConsecutiveLinesAroundItsLiteral() {
        var matcher = new IndicationMatcher(List.of(entry("gradle-daemon-gone",
                new Indication.MultiLineRegex("What went wrong:\\n.*Gradle build daemon disappeared", 3))));
        var hits = scan(matcher, "FAILURE: Build failed with an exception.", "* What went wrong:",
                "Gradle build daemon disappeared unexpectedly (it may have been killed or may have crashed)", "* Try:");
        assertThat(hits).singleElement().satisfies(hit -> assertThat(hit.lines()).extracting(LogLine::number).contains(2, 3));
    }

    @Test
    void aMultiLineRegexThatSpansMoreLinesThanItsWindowDoesNotMatch() {
        var matcher = new IndicationMatcher(List.of(entry("far-apart",
                new Indication.MultiLineRegex("first marker\\n(?:.*\\n)*.*second marker", 2))));
        assertThat(scan(matcher, "first marker", "filler", "filler", "second marker")).isEmpty();
    }

    @Test
    void phraseIndicationsAreLeftToTheSearchIndex() {
        var matcher = new IndicationMatcher(List.of(entry("phrase-only", new Indication.Phrase("lost communication"))));
        assertThat(scan(matcher, "The runner has lost communication with the server")).isEmpty();
        assertThat(IndicationMatcher.hasRegexIndication(entry("p", new Indication.Phrase("x y")))).isFalse();
    }

    @Test
    void aRegexThatBacktracksExponentiallyElsewhereAnswersAtOnceHere() {
        var matcher = new IndicationMatcher(List.of(entry("hostile", new Indication.LineRegex("^(a|aa)+$"))));
        var hits = new ArrayList<IndicationHit>();
        var scan = matcher.newScan(hits::add);
        scan.accept(new LogLine(1, "a".repeat(5000) + "b"));
        scan.accept(new LogLine(2, "a".repeat(5000)));
        assertThat(hits).singleElement().satisfies(hit -> assertThat(hit.firstLine().number()).isEqualTo(2));
    }

    @Test
    void matchesTellsWhetherAnExampleShowsItsOwnEntry() {
        var disk = entry("disk-full", new Indication.LineRegex("No space left on device"));
        var matcher = new IndicationMatcher(List.of(disk));
        assertThat(matcher.matches(disk, "cp: error writing 'out.bin': No space left on device")).isTrue();
        assertThat(matcher.matches(disk, "Filesystem has 12G space left")).isFalse();
    }

    @Test
    void aPatternThatDoesNotCompileNamesItsEntry() {
        assertThatThrownBy(() -> new IndicationMatcher(List.of(entry("broken", new Indication.LineRegex("Could not (resolve")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken");
    }
}
