package dev.pipelinetriage.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cheap checks in front of the normalizer's regexes may only skip lines the regex cannot match; and the
 * lines the regexes exist for still come out right.
 */
class LogNormalizerPrecheckTest {

    private static final String ALPHABET = "0123456789-:TZ.#[]()mK;\t ::travis_fold:start:Pipeline{}ab";

    static List<String> lines() throws IOException {
        var lines = new ArrayList<>(List.of(
                "2024-05-01T12:00:00.1234567Z ##[group]Run mvn -B verify",
                "build\tRun tests\t2024-05-01T12:00:00Z npm ERR! code E404",
                "::error file=app.js,line=1::Unexpected token",
                "##[endgroup]",
                "[0K[32;1m$ cargo test[0;m",
                "[m[K",
                "travis_fold:start:install.deps",
                "travis_time:end:0a1b2c:start=1,finish=2,duration=3",
                "[Pipeline] { (Build)",
                "[Pipeline] sh",
                "[INFO] [1/3] nothing special",
                ""));
        var random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            var line = new StringBuilder();
            for (int j = random.nextInt(48); j > 0; j--) {
                line.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            lines.add(line.toString());
        }
        try (Stream<Path> samples = Files.list(Path.of("src/main/resources/samples"))) {
            for (Path sample : samples.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                lines.addAll(Files.readAllLines(sample));
            }
        }
        return lines;
    }

    private static void assertNecessary(Predicate<String> precheck, Pattern pattern) throws IOException {
        int matched = 0;
        for (String line : lines()) {
            if (pattern.matcher(line).find()) {
                matched++;
                assertThat(precheck.test(line)).as("precheck for /%s/ on \"%s\"", pattern, line).isTrue();
            }
        }
        assertThat(matched).as("lines the regex matches").isPositive();
    }

    @Test
    void theGithubTimestampCheckPassesEveryLineTheRegexMatches() throws IOException {
        assertNecessary(LogNormalizer::mayStartWithGithubTimestamp, LogNormalizer.GITHUB_TIMESTAMP);
    }

    @Test
    void theGithubCommandCheckPassesEveryLineTheRegexMatches() throws IOException {
        assertNecessary(LogNormalizer::mayBeGithubCommand, LogNormalizer.GITHUB_COMMAND);
    }

    @Test
    void theTravisAndJenkinsChecksPassEveryLineTheirRegexesMatch() throws IOException {
        assertNecessary(text -> text.contains("travis_"), LogNormalizer.TRAVIS_MARKER);
        assertNecessary(text -> text.startsWith("[Pipeline]"), LogNormalizer.JENKINS_PIPELINE);
    }

    @Test
    void markersAndTimestampsAreStillReadBehindTheChecks() {
        var normalizer = new LogNormalizer();
        NormalizedLine group = normalizer.normalizeText(3, "2024-05-01T12:00:00.1234567Z ##[group]Run mvn -B verify");
        assertThat(group.kind()).isEqualTo(LineKind.STEP_START);
        assertThat(group.step()).isEqualTo("Run mvn -B verify");
        assertThat(group.number()).isEqualTo(3);

        NormalizedLine ghLog = normalizer.normalizeText(1, "build\tRun tests\t2024-05-01T12:00:00Z npm ERR! code E404");
        assertThat(ghLog.text()).isEqualTo("npm ERR! code E404");

        assertThat(normalizer.normalizeText(1, "::error file=app.js,line=1::Unexpected token").kind()).isEqualTo(LineKind.CI_ERROR);
        assertThat(normalizer.normalizeText(1, "[0K[32;1m$ cargo test[0;m").text()).isEqualTo("$ cargo test");
        assertThat(normalizer.normalizeText(1, "[INFO] [1/3] nothing special").text()).isEqualTo("[INFO] [1/3] nothing special");
        assertThat(normalizer.normalizeText(1, "travis_fold:start:install.deps").kind()).isEqualTo(LineKind.NOISE);
        NormalizedLine stage = normalizer.normalizeText(1, "[Pipeline] { (Build)");
        assertThat(stage.kind()).isEqualTo(LineKind.STEP_START);
        assertThat(stage.step()).isEqualTo("Build");
        assertThat(normalizer.normalizeText(1, "[Pipeline] sh").kind()).isEqualTo(LineKind.NOISE);
    }
}
