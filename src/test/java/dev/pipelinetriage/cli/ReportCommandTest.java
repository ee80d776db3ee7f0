package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.store.EmbeddedStore;
import dev.pipelinetriage.app.port.TriageRecord;
import dev.pipelinetriage.domain.Verdict;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code report}: the health report from the store named by the configuration, with the chart on disk. */
class ReportCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theReportIsPrintedAndWrittenWithItsChart() throws Exception {
        Path data = dir.resolve("data");
        try (EmbeddedStore store = EmbeddedStore.open(data)) {
            for (int i = 0; i < 3; i++) {
                store.triageHistory().record(new TriageRecord(NOW.minus(Duration.ofDays(i)), "github", "octo/api",
                        "r" + i, 1, "j" + i, "build", Verdict.PLATFORM, "docker-rate-limit", "kb:docker-rate-limit", "",
                        "https://github.com/octo/api/actions/runs/" + i));
            }
        }
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "ci:\n  instances:\n    - {name: github, type: github, token: {env: T}}\nstore:\n  directory: "
                + data + "\n");
        ReportCommand command = new ReportCommand();
        command.env = Map.of();
        command.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        StringWriter out = new StringWriter();

        int status = new CommandLine(command).setOut(new PrintWriter(out))
                .execute("--config", config.toString(), "--since", "7d", "--out", dir.resolve("out").toString());

        assertThat(status).isZero();
        assertThat(out.toString()).contains("## Failures triaged: 3").contains("1. docker-rate-limit -- platform, 3x in 1 repository, no ticket");
        assertThat(dir.resolve("out/health-report.md")).hasContent(out.toString());
        BufferedImage chart = ImageIO.read(dir.resolve("out/verdicts-per-day.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(640);
        assertThat(chart.getHeight()).isEqualTo(320);
    }

    @Test
    void aPeriodThatIsNotOneIsRefused() {
        StringWriter err = new StringWriter();

        int status = new CommandLine(new ReportCommand()).setErr(new PrintWriter(err)).execute("--since", "a week");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--since must be");
    }

    @Test
    void withoutAConfigurationOrABotsStoreHereItSaysWhatItNeedsAndCreatesNothing() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("data")),
                "the working directory already has a ./data folder");
        ReportCommand command = new ReportCommand();
        command.env = Map.of();
        StringWriter err = new StringWriter();

        int status = new CommandLine(command).setErr(new PrintWriter(err)).execute();

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("pass --config FILE").contains("PIPELINE_TRIAGE_CONFIG");
        assertThat(Path.of("data")).doesNotExist();
    }

    @Test
    void anEmbeddedStoreThatDoesNotExistYetIsNotCreatedByReadingIt() throws Exception {
        Path data = dir.resolve("never-served");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "ci:\n  instances:\n    - {name: github, type: github, token: {env: T}}\nstore:\n  directory: "
                + data + "\n");
        ReportCommand command = new ReportCommand();
        command.env = Map.of();
        StringWriter err = new StringWriter();

        int status = new CommandLine(command).setErr(new PrintWriter(err)).execute("--config", config.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("nothing to report").contains("does not exist yet");
        assertThat(data).doesNotExist();
    }
}
