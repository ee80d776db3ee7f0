package dev.pipelinetriage.engine.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.domain.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static TriageReport report(NamedError match, String... lines) {
        List<RedactedLine> excerpt = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            excerpt.add(new RedactedLine(100 + i, lines[i]));
        }
        return new TriageReport(Verdict.PLATFORM, 0.8, null, match, excerpt, false, RerunAdvice.SAFE, "because");
    }

    @Test
    void aMatchedKnownErrorIsItsOwnSignature() {
        KnownError known = new KnownError("dns-resolution-failure", "DNS lookup failed", Category.PLATFORM, "network",
                List.of(new Indication.LineRegex("x")), List.of(), List.of(), "runbooks/dns.md", "fix", RerunAdvice.SAFE,
                "platform", List.of());

        Signature signature = Signatures.of(report(new NamedError(known, 0.9, List.of(), true), "whatever")).orElseThrow();

        assertThat(signature.key()).isEqualTo("ke-dns-resolution-failure");
        assertThat(signature.summary()).isEqualTo("DNS lookup failed");
        assertThat(signature.label()).isEqualTo("triage-ke-dns-resolution-failure");
    }

    @Test
    void theSameErrorOnAnotherHostPortPathAndDayHasTheSameFingerprint() {
        Signature monday = Signatures.of(report(null, "Downloading deps",
                "2026-11-23T10:01:02Z ERROR connect to 10.1.2.3:5432 failed after 30s in /home/runner/work/a/b (id 7f3a9c2e11)"))
                .orElseThrow();
        Signature tuesday = Signatures.of(report(null, "Downloading deps",
                "2026-11-24T17:44:09Z ERROR connect to 10.9.8.7:6543 failed after 120s in /tmp/build/x/y (id 00ab43ffe9)"))
                .orElseThrow();

        assertThat(monday.key()).startsWith("fp-").hasSize(19).isEqualTo(tuesday.key());
        assertThat(monday.summary()).doesNotContain("10.1.2.3", "5432", "/home/runner").contains("_ip_", "_path_");
    }

    @Test
    void aDifferentErrorHasADifferentFingerprint() {
        Signature refused = Signatures.of(report(null, "ERROR: connection refused")).orElseThrow();
        Signature denied = Signatures.of(report(null, "ERROR: permission denied")).orElseThrow();

        assertThat(refused.key()).isNotEqualTo(denied.key());
    }

    @Test
    void exitCodesAreKeptBecauseTheySayWhatWentWrong() {
        Signature oom = Signatures.of(report(null, "Process exited with exit code 137")).orElseThrow();
        Signature failed = Signatures.of(report(null, "Process exited with exit code 1")).orElseThrow();

        assertThat(oom.key()).isNotEqualTo(failed.key());
    }

    @Test
    void theKeyLineIsTheFirstThatNamesAFailureElseTheLastShown() {
        assertThat(Signatures.keyLine(List.of(new RedactedLine(1, "step 1"), new RedactedLine(2, "FATAL: no space left"),
                new RedactedLine(3, "error: later")))).contains("FATAL: no space left");
        assertThat(Signatures.keyLine(List.of(new RedactedLine(1, "step 1"), new RedactedLine(2, "step 2"), new RedactedLine(3, " "))))
                .contains("step 2");
        assertThat(Signatures.of(report(null))).isEmpty();
    }

    @Test
    void aLongKnownErrorIdStillGivesALabelGitHubAccepts() {
        Signature longOne = new Signature("ke-" + "a".repeat(80), "t", Verdict.FLAKY);
        Signature other = new Signature("ke-" + "a".repeat(79) + "b", "t", Verdict.FLAKY);

        assertThat(longOne.label()).hasSizeLessThanOrEqualTo(50).isNotEqualTo(other.label());
    }
}
