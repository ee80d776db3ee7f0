package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureSignatureTest {

    @Test
    void numbersHexIdsPathsAndUrlsAreMaskedSoRepeatsGroupTogether() {
        String a = FailureSignature.of("error: failed to write /builds/app/target/deps/serde-1a2b3c4d.rcgu.bc: os error 28 (see https://ci.example.com/jobs/991)");
        String b = FailureSignature.of("error: failed to write /home/runner/work/x/target/deps/tokio-9f8e7d6c.rcgu.bc: os error 28 (see https://ci.example.com/jobs/1204)");

        assertThat(a).isEqualTo(b).isEqualTo("error: failed to write <path>: os error <n> (see <url>)");
    }

    @Test
    void differentFailuresKeepDifferentSignatures() {
        assertThat(FailureSignature.of("release-notes: entry 0x7f3a9c2e for PR 1812 has no category"))
                .isNotEqualTo(FailureSignature.of("release-notes: entry 0x7f3a9c2e for PR 1812 has no author"));
    }

    @Test
    void aBareJobFailedLineIsGenericButAnErrorLineIsNot() {
        assertThat(FailureSignature.isGeneric(FailureSignature.of("ERROR: Job failed: exit code 1"))).isTrue();
        assertThat(FailureSignature.isGeneric(FailureSignature.of("Process completed with exit code 2."))).isTrue();
        assertThat(FailureSignature.isGeneric(FailureSignature.of("error: 5 vulnerabilities found!"))).isFalse();
    }

    @Test
    void longLinesAreCut() {
        assertThat(FailureSignature.of("x".repeat(500))).hasSize(160);
    }
}
