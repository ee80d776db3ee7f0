package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.KnowledgeIndex;
import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.JobLog;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.classify.Classifier;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import dev.pipelinetriage.engine.redact.Redactor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriageServiceTest {

    private static final KnownError DISK_FULL = new KnownError("disk-full", "Runner out of disk space",
            Category.PLATFORM, "disk", List.of(new Indication.LineRegex("No space left on device")),
            List.of("No space left on device"), List.of(), "runbooks/disk-full.md", "Free space on the runner.",
            RerunAdvice.SAFE, "platform-team", List.of());

    /** An in-memory index that records what it was asked. */
    private static final class RecordingIndex implements KnowledgeIndex {
        final List<List<LogLine>> queries = new ArrayList<>();

        @Override
        public List<KnownError> entries() {
            return List.of(DISK_FULL);
        }

        @Override
        public List<Match> search(List<LogLine> failureLines, int limit) {
            queries.add(failureLines);
            return List.of();
        }
    }

    private final RecordingIndex index = new RecordingIndex();

    private TriageService service() {
        return new TriageService(new LogNormalizer(), new IndicationMatcher(List.of(DISK_FULL)), index,
                new Classifier(), new Redactor());
    }

    private static ByteArrayInputStream log(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aKnownPlatformErrorIsReportedWithItsRunbookAndRerunAdvice() {
        var report = service().analyze(log("""
                ##[group]Run docker build .
                docker build .
                ##[endgroup]
                Step 3/7 : COPY . /app
                failed to copy files: write /var/lib/docker/tmp/x: No space left on device
                ##[error]Process completed with exit code 1.
                """), 30, false);
        assertThat(report.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(report.match().knownError().runbook()).isEqualTo("runbooks/disk-full.md");
        assertThat(report.match().evidence()).extracting(RedactedLine::number).containsExactly(5);
        assertThat(report.rerun()).isEqualTo(RerunAdvice.SAFE);
        assertThat(report.step().orElseThrow()).isEqualTo("Run docker build .");
    }

    @Test
    void theBotsOwnPasswordSplitByColourCodesInTheLogIsHiddenInTheExcerpt() {
        var known = new dev.pipelinetriage.engine.redact.KnownSecrets();
        known.register("Tr0ub4dor-and-3");
        var service = new TriageService(new LogNormalizer(), new IndicationMatcher(List.of(DISK_FULL)), index,
                new Classifier(), new Redactor(known));

        var report = service.analyze(log("$ ./deploy.sh\nerror: login refused for deploy with Tr0ub\u001b[31m4dor\u001b[0m-and-3\n"
                + "The command \"./deploy.sh\" exited with 1.\n"), 30, false);

        assertThat(report.excerpt()).extracting(RedactedLine::text).anyMatch(t -> t.contains("login refused"))
                .noneMatch(t -> t.contains("4dor"));
    }

    @Test
    void theIndexIsAskedWithTheExtractedFailureLinesNotTheWholeLog() {
        service().analyze(log("ok\n".repeat(500) + "error: linker `cc` not found\n"), 30, false);
        assertThat(index.queries).singleElement()
                .satisfies(q -> assertThat(q).extracting(LogLine::text).contains("error: linker `cc` not found"));
    }

    @Test
    void secretsAreRedactedBeforeTheyReachTheExcerptTheEvidenceOrTheFailedStep() {
        String token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
        var report = service().analyze(log("##[group]Run curl -H \"Authorization: token " + token + "\" https://example.org\n"
                + "curl: (23) Failure writing output to destination: No space left on device token=" + token + "\n"
                + "##[error]Process completed with exit code 23.\n"), 30, false);
        assertThat(report.excerpt()).extracting(RedactedLine::text).noneMatch(t -> t.contains(token)).isNotEmpty();
        assertThat(report.match().evidence()).extracting(RedactedLine::text).noneMatch(t -> t.contains(token));
        assertThat(report.step().orElseThrow()).doesNotContain(token).contains("[REDACTED");
    }

    @Test
    void aPasswordOnTheFailedStepsCommandLineIsRedactedInTheStepName() {
        var report = service().analyze(log("##[group]Run docker login -u ci -p Zq7xW2vK9mN4bT6r ghcr.io\n"
                + "Error response from daemon: Get \"https://ghcr.io/v2/\": denied\n"
                + "##[error]Process completed with exit code 1.\n"), 30, false);
        assertThat(report.step().orElseThrow()).isEqualTo("Run docker login -u ci -p [REDACTED:password] ghcr.io");
    }

    @Test
    void anAddMaskValueIsHiddenAlsoOnLinesReadBeforeTheCommand() {
        String value = "Kf83nQ2xLw7Tz9Pa";
        var report = service().analyze(log("connecting with " + value + "\n"
                + "::add-mask::" + value + "\n"
                + "curl: (23) Failure writing output: No space left on device, key " + value + "\n"
                + "##[error]Process completed with exit code 23.\n"), 30, false);
        assertThat(report.excerpt()).extracting(RedactedLine::text).isNotEmpty().noneMatch(t -> t.contains(value));
        assertThat(report.match().evidence()).extracting(RedactedLine::text).noneMatch(t -> t.contains(value));
    }

    @Test
    void aKeptLineIsRedactedAsTheLinesBeforeItLeftThingsThoughOnlyKeptLinesAreRedacted() {
        String password = "Zq7xW2vK9mN4bT6r";
        String blockValue = "s3cr3tBl0ckV4lu3xyz";
        String log = """
                deploy:
                  password: |-
                    %s
                docker login -u ci \\
                  -p %s ghcr.io
                error: write /var/lib/docker/tmp: No space left on device
                ##[error]Process completed with exit code 1.
                """.formatted(blockValue, password);
        var detail = service().analyzeInDetail(log(log), 30);
        var shown = new ArrayList<String>();
        detail.report().excerpt().forEach(line -> shown.add(line.text()));
        detail.keyLines().forEach(line -> shown.add(line.text()));
        detail.candidates().forEach(m -> m.evidence().forEach(line -> shown.add(line.text())));
        assertThat(shown).anyMatch(t -> t.contains("-p [REDACTED"))
                .noneMatch(t -> t.contains(password)).noneMatch(t -> t.contains(blockValue));
    }

    @Test
    void aPrivateKeyBodyIsRedactedEvenWhenOnlyItsMiddleIsExtracted() {
        var report = service().analyze(log("""
                -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF0qYvNRy3u8mR1ykMxa8cH6ABCD
                error: MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF0qYvNRy3u8mR1ykMxa8cH6ABCD
                """), 30, false);
        assertThat(report.excerpt()).extracting(RedactedLine::text).noneMatch(t -> t.contains("MIIEowIBAAKCAQEA"));
    }

    @Test
    void aTruncatedSourceIsMarkedInTheReport() {
        var report = service().analyze(log("fatal: error\n"), 30, true);
        assertThat(report.truncated()).isTrue();
    }

    @Test
    void aCappedJobLogKeepsItsOriginalLineNumbersAcrossTheGap() {
        var run = new dev.pipelinetriage.domain.RunRef("github", dev.pipelinetriage.domain.CiKind.GITHUB, "acme/app", "42", 1);
        var job = new dev.pipelinetriage.domain.JobRef(run, "7", "build", 1);
        var log = new dev.pipelinetriage.domain.JobLog(job, List.of(
                new LogLine(1, "Starting job"),
                new LogLine(90_001, "write /tmp/cache: No space left on device"),
                new LogLine(90_002, "##[error]Process completed with exit code 1.")), true, false, 20_000_000);
        var report = service().analyze(log, 30);
        assertThat(report.truncated()).isTrue();
        assertThat(report.match().evidence()).extracting(RedactedLine::number).containsExactly(90_001);
    }
    @Test
    void aTokenAcrossTheLineCapIsRedactedBeforeTheLineIsCut() {
        // Tokens every 48 characters: whatever positions the cap cuts at, one straddles each cut.
        List<String> tokens = new ArrayList<>();
        StringBuilder line = new StringBuilder("error: push rejected for");
        for (int i = 0; line.length() < 40_000; i++) {
            String token = "ghp_" + String.format("%036d", i).replace('0', 'Q');
            tokens.add(token);
            line.append(" t=").append(token).append(',');
        }
        var report = service().analyze(log(line + "\n##[error]Process completed with exit code 1.\n"), 30, false);
        List<String> texts = report.excerpt().stream().map(RedactedLine::text).toList();
        assertThat(texts).anyMatch(t -> t.startsWith("error: push rejected for"));
        for (String token : tokens) {
            for (int i = 0; i + 8 <= token.length(); i += 4) {
                String piece = token.substring(i, i + 8);
                assertThat(texts).noneMatch(t -> t.contains(piece));
            }
        }
    }

    @Test
    void theErrorAtTheEndOfAnOverLongLineIsStillMatched() {
        var report = service().analyze(log("docker build .\n" + "Step 3/7 : COPY " + "src/file.txt ".repeat(1_500)
                + "failed: write /var/lib/docker/tmp/x: No space left on device\n"), 30, false);
        assertThat(report.match()).isNotNull();
        assertThat(report.match().knownError().id()).isEqualTo("disk-full");
    }

    private static JobLog jobLog(String... lines) {
        RunRef run = new RunRef("gh", CiKind.GITHUB, "o/r", "7", 1);
        List<LogLine> numbered = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            numbered.add(new LogLine(i + 1, lines[i]));
        }
        return new JobLog(new JobRef(run, "70", "test", 1), numbered, false, false, 100);
    }

    @Test
    void comparedWithAGreenRunTheExcerptIsStillRedactedAndTheSecretsLineMarkedNew() {
        String token = "ghp_" + "Q".repeat(36);
        JobLog failed = jobLog("Cloning into 'app'...", "fatal: could not read from remote with token=" + token,
                "##[error]Process completed with exit code 128.");
        JobLog green = jobLog("Cloning into 'app'...", "Done.");

        var report = service().analyze(failed, 30, new GreenLog(green, "https://github.com/o/r/actions/runs/6/attempts/1"));

        assertThat(report.lastGreen()).hasValueSatisfying(g -> {
            assertThat(g.webUrl()).isEqualTo("https://github.com/o/r/actions/runs/6/attempts/1");
            assertThat(g.newLines()).contains(2, 3).doesNotContain(1);
        });
        assertThat(report.excerpt()).extracting(RedactedLine::text).noneMatch(t -> t.contains(token))
                .anyMatch(t -> t.startsWith("fatal: could not read from remote"));
    }

    @Test
    void aGreenLogWithoutLinesIsNoComparison() {
        JobLog failed = jobLog("fatal: could not read from remote", "##[error]Process completed with exit code 128.");

        var report = service().analyze(failed, 30, new GreenLog(jobLog(), "https://github.com/o/r/actions/runs/6/attempts/1"));

        assertThat(report.lastGreen()).isEmpty();
    }
}
