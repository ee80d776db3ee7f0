package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.RedactedText;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.domain.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardBuilderNoKnownErrorTest {

    private static final RunRef RUN = new RunRef("github", CiKind.GITHUB, "octo/app", "42", 1);

    private static CardView.Triaged card(TriageReport report) {
        Job job = new Job(new JobRef(RUN, "7", "build", 1), JobStatus.FAILED, "Run make");
        var result = new LinkTriage.Triaged(new Run(RUN, JobStatus.FAILED, List.of(job), "https://github.com/octo/app/actions/runs/42"),
                List.of(new LinkTriage.Reported(job, report)));
        return (CardView.Triaged) new CardBuilder(null).build("card-1", null, result).jobs().getFirst();
    }

    @Test
    void aCardWithoutAFiredPatternSaysNoKnownErrorAndNamesTheGenericSigns() {
        var report = new TriageReport(Verdict.CODE, 0.45, new RedactedText("Run make"), null,
                List.of(new RedactedLine(12, "FAIL: test_parse (tests.test_io.ParserTest)")), false, RerunAdvice.NEVER,
                "no known error; generic test failure signs point to code", List.of("test failure", "network"));

        CardView.Triaged job = card(report);

        assertThat(job.knownError()).isNull();
        assertThat(job.nextSteps().getFirst()).isEqualTo("No known error: no entry of the knowledge base fired on"
                + " the failure. Generic signs: test failure, network.");
        assertThat(job.confidenceWords()).startsWith("medium");
    }

    @Test
    void aCardWithNeitherAKnownErrorNorGenericSignsSaysSo() {
        var report = new TriageReport(Verdict.UNKNOWN, 0.0, null, null, List.of(), false, RerunAdvice.UNSAFE,
                "no known error and no error lines in the log", List.of());

        assertThat(card(report).nextSteps().getFirst()).startsWith("No known error").contains("no generic sign");
    }
}
