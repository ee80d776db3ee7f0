package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.domain.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void aReportWithoutAKnownErrorSaysSoAndListsTheGenericSigns() {
        var report = new TriageReport(Verdict.PLATFORM, 0.45, null, null,
                List.of(new LogLine(7, "fatal: unable to access 'https://git.example.org/app.git/': Could not resolve host")),
                false, RerunAdvice.SAFE, "no known error; generic network signs point to platform",
                List.of("network", "git fetch"));
        var text = new StringWriter();

        TextReport.print(report, new PrintWriter(text));

        assertThat(text.toString()).contains("Known error: none (generic signs: network, git fetch)");
    }
}
