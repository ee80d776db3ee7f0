package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.GreenRunDiff;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.domain.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void aReportWithoutAKnownErrorSaysSoAndListsTheGenericSigns() {
        var report = new TriageReport(Verdict.PLATFORM, 0.45, null, null,
                List.of(new RedactedLine(7, "fatal: unable to access 'https://git.example.org/app.git/': Could not resolve host")),
                false, RerunAdvice.SAFE, "no known error; generic network signs point to platform",
                List.of("network", "git fetch"));
        var text = new StringWriter();

        TextReport.print(report, new PrintWriter(text));

        assertThat(text.toString()).contains("Known error: none (generic signs: network, git fetch)");
    }

    @Test
    void aReportComparedWithTheLastGreenRunLinksItAndMarksTheNewLinesInJsonToo() throws Exception {
        var report = new TriageReport(Verdict.CODE, 0.8, null, null,
                List.of(new RedactedLine(7, "WARN cache miss"), new RedactedLine(9, "Expected: 42")), false, RerunAdvice.NEVER,
                "a test failed", List.of("test failure"),
                new GreenRunDiff("https://github.com/o/r/actions/runs/41/attempts/1", new TreeSet<>(List.of(9))));
        var text = new StringWriter();

        TextReport.print(report, new PrintWriter(text));

        assertThat(text.toString()).contains("Last green:  https://github.com/o/r/actions/runs/41/attempts/1",
                "  7  WARN cache miss", "● 9  Expected: 42");
        var json = AnalyzeCommand.json().readTree(AnalyzeCommand.json().writeValueAsString(ReportJson.of(report)));
        assertThat(json.at("/lastGreen/url").asText()).isEqualTo("https://github.com/o/r/actions/runs/41/attempts/1");
        assertThat(json.at("/lastGreen/newLines").toString()).isEqualTo("[9]");
    }

    @Test
    void aReportNotComparedHasNoLastGreenField() throws Exception {
        var report = new TriageReport(Verdict.CODE, 0.8, null, null, List.of(new RedactedLine(9, "Expected: 42")), false,
                RerunAdvice.NEVER, "a test failed");

        assertThat(AnalyzeCommand.json().writeValueAsString(ReportJson.of(report))).doesNotContain("lastGreen");
    }
}
