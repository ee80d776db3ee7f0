package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.chart.AwtVerdictChart;
import dev.pipelinetriage.adapter.store.EmbeddedStore;
import dev.pipelinetriage.app.HealthReport;
import dev.pipelinetriage.app.HealthReportText;
import dev.pipelinetriage.app.HealthReports;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.Feedback;
import dev.pipelinetriage.app.port.TriageRecord;
import dev.pipelinetriage.domain.Verdict;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weekly health report and digest, from an embedded store seeded with a week of triage. */
class WeeklyDigestTest {
    /** A Thursday. */
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Place digestChannel = new Place("slack", "", "C0DIGEST", null);

    @TempDir
    Path dir;
    private EmbeddedStore store;
    private HealthReports reports;

    @BeforeEach
    void seed() {
        store = EmbeddedStore.open(dir);
        var history = store.triageHistory();
        int job = 1;
        // Docker Hub's pull limit, 3 times in 2 repositories; a ticket tracks it.
        for (String repo : List.of("octo/api", "octo/api", "octo/web")) {
            history.record(record(NOW.minus(Duration.ofDays(1)), repo, job++, Verdict.PLATFORM, "docker-rate-limit", "kb:docker-rate-limit", ""));
        }
        history.record(record(NOW.minus(Duration.ofDays(2)), "octo/api", job++, Verdict.PLATFORM, "dns-resolution-failure", "kb:dns-resolution-failure", ""));
        history.record(record(NOW.minus(Duration.ofDays(2)), "octo/web", job++, Verdict.CODE, "compile-error", "kb:compile-error", ""));
        // An unexplained failure, twice.
        for (int i = 0; i < 2; i++) {
            history.record(record(NOW.minus(Duration.ofDays(3)), "octo/web", job++, Verdict.UNKNOWN, null, "fp:abc",
                    "Segmentation fault in <path> at <hex>"));
        }
        history.record(record(NOW.minus(Duration.ofHours(5)), "octo/api", job++, Verdict.FLAKY, null, "fp:def", "test timed out after <n>s"));
        // Re-triage of the same job attempt is counted once; a record older than the week is left out.
        history.record(record(NOW.minus(Duration.ofDays(1)), "octo/api", 1, Verdict.PLATFORM, "docker-rate-limit", "kb:docker-rate-limit", ""));
        history.record(record(NOW.minus(Duration.ofDays(9)), "octo/api", job++, Verdict.CODE, "compile-error", "kb:compile-error", ""));

        Actor a = new Actor("slack", "T1", "U1", false);
        Actor b = new Actor("slack", "T1", "U2", false);
        store.stateStore().saveFeedback(new Feedback("card1", a, Feedback.Kind.HELPFUL, null, null, null, NOW));
        store.stateStore().saveFeedback(new Feedback("card2", a, Feedback.Kind.HELPFUL, null, null, null, NOW));
        store.stateStore().saveFeedback(new Feedback("card2", b, Feedback.Kind.HELPFUL, null, null, null, NOW));
        store.stateStore().saveFeedback(new Feedback("card3", b, Feedback.Kind.NOT_RIGHT, Verdict.FLAKY, null, null, NOW));
        for (String outcome : List.of("requested", "started", "requested", "started", "denied")) {
            store.auditLog().append(new AuditEntry(NOW.minus(Duration.ofDays(1)), "slack", "T1", "U1", "C1", "rerun",
                    "github:octo/api run 1", outcome, "seed"));
        }
        store.auditLog().append(new AuditEntry(NOW.minus(Duration.ofDays(20)), "slack", "T1", "U1", "C1", "rerun",
                "github:octo/api run 0", "failed", "too old for this week"));
        reports = new HealthReports(history, store.stateStore(), store.auditLog(),
                signature -> signature.equals("kb:docker-rate-limit") ? Optional.of("PLAT-123") : Optional.empty(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static TriageRecord record(Instant at, String repo, int job, Verdict verdict, String knownError,
            String signature, String keyLine) {
        return new TriageRecord(at, "github", repo, "run" + job, 1, "job" + job, "test", verdict, knownError, signature,
                keyLine, "https://github.com/" + repo + "/actions/runs/" + job);
    }

    @Test
    void theReportCountsTheWeeksFailuresByVerdictAndCoverage() {
        HealthReport report = reports.last(Duration.ofDays(7));

        assertThat(report.failures()).isEqualTo(8);
        assertThat(report.byVerdict()).containsExactlyInAnyOrderEntriesOf(Map.of(Verdict.PLATFORM, 4, Verdict.CODE, 1,
                Verdict.FLAKY, 1, Verdict.UNKNOWN, 2));
        assertThat(report.explained()).isEqualTo(5);
        assertThat(report.recurring().getFirst()).satisfies(top -> {
            assertThat(top.title()).isEqualTo("docker-rate-limit");
            assertThat(top.count()).isEqualTo(3);
            assertThat(top.repositories()).isEqualTo(2);
            assertThat(top.ticket()).isEqualTo("PLAT-123");
        });
        assertThat(report.unexplained().getFirst().title()).isEqualTo("Segmentation fault in <path> at <hex>");
        assertThat(report.accuracy()).hasValue(0.75);
        assertThat(report.reruns()).containsExactlyInAnyOrderEntriesOf(Map.of("requested", 2L, "started", 2L, "denied", 1L));
        assertThat(report.days()).hasSize(8);
        assertThat(report.days().getLast().counts()).containsExactlyEntriesOf(Map.of(Verdict.FLAKY, 1));
    }

    @Test
    void theReportReadsAsText() {
        String text = HealthReportText.render(reports.last(Duration.ofDays(7)));

        assertThat(text)
                .contains("## Failures triaged: 8")
                .contains("- platform: 4 (50%)")
                .contains("- unknown: 2 (25%)")
                .contains("1. docker-rate-limit -- platform, 3x in 2 repositories, ticket PLAT-123")
                .contains("coverage: 63% of failures explained by a known error (5 of 8)")
                .contains("2x `Segmentation fault in <path> at <hex>` (1 repository)")
                .contains("helpful: 3, not right: 1, accuracy 75%")
                .contains("- started: 2");
    }

    @Test
    void withProposalsConfiguredEachUnexplainedGroupNamesTheRequestThatProposesAnEntry() {
        String signature = "fp-0123456789abcdef";
        for (int job = 100; job < 103; job++) {
            store.triageHistory().record(record(NOW.minus(Duration.ofHours(2)), "octo/web", job, Verdict.CODE, null,
                    signature, "widget-sync: handshake with peer node- <n> failed"));
        }
        HealthReport report = reports.last(Duration.ofDays(7));

        assertThat(report.unexplained().getFirst().signature()).isEqualTo(signature);
        assertThat(HealthReportText.render(report, true))
                .contains("3x `widget-sync: handshake with peer node- <n> failed` (1 repository), e.g. "
                        + "https://github.com/octo/web/actions/runs/10")
                .contains("-- propose an entry: `propose " + signature + "`");
        assertThat(HealthReportText.render(report)).doesNotContain("propose");
        assertThat(ProposeCommand.signatureIn(ProposeCommand.request(signature))).contains(signature);
        assertThat(ProposeCommand.signatureIn("please propose fp-0123")).isEmpty();
    }

    @Test
    void theDigestPostsTextAndAChartOnceAWeekWhateverTheReplicas() throws Exception {
        List<byte[]> images = new CopyOnWriteArrayList<>();
        RecordingSurface surface = new RecordingSurface() {
            @Override
            public Posted postImage(Place place, String title, String fileName, byte[] png) {
                images.add(png);
                return new Posted.Delivered("F1");
            }
        };
        WeeklyDigest replica1 = new WeeklyDigest(reports, new AwtVerdictChart(), store.stateStore(), surface, digestChannel, clock);
        WeeklyDigest replica2 = new WeeklyDigest(reports, new AwtVerdictChart(), store.stateStore(), surface, digestChannel, clock);

        var first = replica1.post();
        var second = replica2.post();

        assertThat(first).isEqualTo(new WeeklyDigest.Posted(true, true));
        assertThat(second).isInstanceOf(WeeklyDigest.AlreadyPosted.class);
        assertThat(surface.posts).singleElement().satisfies(p -> {
            assertThat(p.place()).isEqualTo(digestChannel);
            assertThat(p.text()).startsWith("# CI/CD health report").contains("Failures triaged: 8");
        });
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(images.getFirst()));
        assertThat(chart.getWidth()).isEqualTo(640);
        assertThat(chart.getHeight()).isEqualTo(320);
    }
}
