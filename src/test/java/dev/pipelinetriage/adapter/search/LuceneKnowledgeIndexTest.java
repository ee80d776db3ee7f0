package dev.pipelinetriage.adapter.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.RerunAdvice;
import java.util.List;
import org.junit.jupiter.api.Test;

class LuceneKnowledgeIndexTest {

    private static KnownError entry(String id, Category category, List<Indication> indications, List<String> examples,
                                    List<String> counterExamples) {
        return new KnownError(id, id, category, "test", indications, examples, counterExamples,
                "runbooks/" + id + ".md", "fix it", RerunAdvice.SAFE, "developer", List.of());
    }

    private static final KnownError MAVEN_NETWORK = entry("maven-network", Category.PLATFORM,
            List.of(new Indication.LineRegex("Could not transfer artifact .{1,300}Connection reset")),
            List.of("[ERROR] Failed to execute goal on project app: Could not resolve dependencies for project com.example:app:jar:1.0.0:"
                    + " Could not transfer artifact com.google.guava:guava:jar:32.1.2-jre from/to central"
                    + " (https://repo.maven.apache.org/maven2): Connection reset -> [Help 1]"),
            List.of("[ERROR] Failed to execute goal on project app: Could not resolve dependencies for project com.example:app:jar:1.0.0:"
                    + " Could not find artifact com.example:lib:jar:2.0.1 in central (https://repo.maven.apache.org/maven2) -> [Help 1]"));
    private static final KnownError DISK_FULL = entry("disk-full", Category.PLATFORM,
            List.of(new Indication.Phrase("no space left on device")),
            List.of("java.io.IOException: No space left on device", "LLVM ERROR: IO failure on output stream: No space left on device"),
            List.of("Error: ENOSPC: System limit for number of file watchers reached"));
    private static final KnownError JEST = entry("jest-failure", Category.CODE,
            List.of(new Indication.LineRegex("^Tests:\\s+\\d+ failed")),
            List.of("Tests:       1 failed, 24 passed, 25 total", "FAIL src/components/Button.test.tsx"),
            List.of("Tests:       25 passed, 25 total"));

    private final LuceneKnowledgeIndex index = new LuceneKnowledgeIndex(List.of(MAVEN_NETWORK, DISK_FULL, JEST));

    private static List<LogLine> lines(String... texts) {
        return java.util.stream.IntStream.range(0, texts.length).mapToObj(i -> new LogLine(100 + i, texts[i])).toList();
    }

    @Test
    void aVerbatimExampleRanksItsEntryFirstWithAScoreOfAboutOne() {
        List<Match> matches = index.search(lines("Tests:       1 failed, 24 passed, 25 total"), 5);

        assertThat(matches.getFirst().knownError().id()).isEqualTo("jest-failure");
        assertThat(matches.getFirst().score()).isCloseTo(1.0, within(0.01));
        assertThat(matches.getFirst().evidence()).extracting(LogLine::number).containsExactly(100);
    }

    @Test
    void theSameErrorFromAnotherProjectStillScoresHigh() {
        List<Match> matches = index.search(lines("[ERROR] Failed to execute goal on project billing-service: Could not resolve"
                + " dependencies for project org.acme:billing-service:jar:3.4.0-SNAPSHOT: Could not transfer artifact"
                + " io.netty:netty-handler:jar:4.1.100.Final from/to nexus (https://nexus.acme.internal/repository/public):"
                + " Connection reset -> [Help 1]"), 5);

        assertThat(matches.getFirst().knownError().id()).isEqualTo("maven-network");
        assertThat(matches.getFirst().score()).isGreaterThan(0.8);
    }

    @Test
    void anUnrelatedLineScoresLowOrNotAtAll() {
        List<Match> matches = index.search(lines("Downloading and extracting node-v20.11.0-linux-x64.tar.xz into the tool cache",
                "> Task :app:processResources", "$ ./gradlew assemble --no-daemon"), 5);

        assertThat(matches).allSatisfy(m -> assertThat(m.score()).isLessThan(LuceneKnowledgeIndex.MIN_SCORE + 0.1));
    }

    @Test
    void aLineThatResemblesACounterExampleMoreThanAnExampleDoesNotMatchTheEntry() {
        List<Match> matches = index.search(lines("[ERROR] Failed to execute goal on project web: Could not resolve dependencies"
                + " for project com.example:web:war:2.0: Could not find artifact com.example:ui:jar:9.9 in central"
                + " (https://repo.maven.apache.org/maven2) -> [Help 1]"), 5);

        assertThat(matches).extracting(m -> m.knownError().id()).doesNotContain("maven-network");
    }

    @Test
    void aPhraseIndicationScoresOneWhenItsWordsAppearInOrderInOneLine() {
        List<Match> matches = index.search(lines("Step 4/9 : RUN make", "cp: cannot create regular file 'dist/app.js': No space"
                + " left on device"), 5);

        assertThat(matches.getFirst().knownError().id()).isEqualTo("disk-full");
        assertThat(matches.getFirst().score()).isEqualTo(1.0);
        assertThat(matches.getFirst().evidence()).extracting(LogLine::number).containsExactly(101);
    }

    @Test
    void aPhraseSplitOverTwoLinesOrOutOfOrderIsNoPhraseMatch() {
        LucenePhraseMatcher phrases = new LucenePhraseMatcher();
        Indication.Phrase phrase = new Indication.Phrase("no space left on device");

        assertThat(phrases.matches(phrase, "IOException: No space left on device (os error 28)")).isTrue();
        assertThat(phrases.matches(phrase, "device left no space")).isFalse();
        assertThat(phrases.matches(phrase, "No space left")).isFalse();
    }

    @Test
    void searchReturnsAtMostTheLimitBestFirst() {
        List<Match> matches = index.search(lines("Tests:       1 failed, 24 passed, 25 total",
                "java.io.IOException: No space left on device"), 1);

        assertThat(matches).hasSize(1);
    }

    @Test
    void entriesAreInIdOrder() {
        assertThat(index.entries()).extracting(KnownError::id).containsExactly("disk-full", "jest-failure", "maven-network");
    }

    @Test
    void aLineMissingTheExamplesDistinctiveWordScoresBelowAMatch() {
        KnownError eresolve = entry("npm-eresolve", Category.CODE, List.of(new Indication.LineRegex("npm ERR! code ERESOLVE")),
                List.of("npm ERR! code ERESOLVE", "npm ERR! ERESOLVE unable to resolve dependency tree"),
                List.of("npm WARN ERESOLVE overriding peer dependency"));
        KnownError timeout = entry("npm-timeout", Category.PLATFORM, List.of(new Indication.LineRegex("npm ERR! code ETIMEDOUT")),
                List.of("npm ERR! code ETIMEDOUT", "npm ERR! network request failed, reason: connect ETIMEDOUT"),
                List.of("npm ERR! code E404"));
        var npm = new LuceneKnowledgeIndex(List.of(eresolve, timeout));

        List<Match> matches = npm.search(lines("npm ERR! code ELIFECYCLE"), 5);

        assertThat(matches).allSatisfy(m -> assertThat(m.score()).isLessThan(0.5));
    }

    @Test
    void aVeryShortExampleOnlyVouchesForALineMadeOfItsOwnWords() {
        KnownError minitest = entry("minitest", Category.CODE, List.of(new Indication.LineRegex("^\\s*\\d+\\) Failure:$")),
                List.of("  1) Failure:", "Minitest::Assertion: Expected true to not be truthy."), List.of("Finished in 1.2s"));
        var index = new LuceneKnowledgeIndex(List.of(minitest));

        assertThat(index.search(lines("* Failure 404 Not Found"), 5)).isEmpty();
        assertThat(index.search(lines("  2) Failure:"), 5)).extracting(m -> m.knownError().id()).containsExactly("minitest");
    }
}
