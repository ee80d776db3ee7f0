package dev.pipelinetriage.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineShapesTest {

    @Test
    void passingTestsOfOneRunnerShareASkeletonWhateverTheyName() {
        assertThat(LineShapes.skeleton("test_parse_empty (tests.test_parser.ParserTest) ... ok"))
                .isEqualTo(LineShapes.skeleton("test_add (tests.test_math.MathTest) ... ok"));
        assertThat(LineShapes.skeleton("    GEN perl/build/lib/Git/SVN/Ra.pm"))
                .isEqualTo(LineShapes.skeleton("    GEN perl/build/lib/FromCPAN/Error.pm"));
        assertThat(LineShapes.skeleton("[+] - adds numbers 12ms"))
                .isEqualTo(LineShapes.skeleton("[+] - parses the empty string 3ms"));
    }

    @Test
    void aLeadingKeywordKeepsLinesOfDifferentKindsApart() {
        assertThat(LineShapes.skeleton("FAIL src/sum.test.js"))
                .isNotEqualTo(LineShapes.skeleton("PASS src/sum.test.js"));
        assertThat(LineShapes.skeleton("error: cannot find symbol"))
                .isNotEqualTo(LineShapes.skeleton("warning: unused variable"));
    }

    @Test
    void theSameLineOfAnotherRunHasTheSameFingerprintDespiteNumbersAndTimes() {
        assertThat(LineShapes.fingerprint("[INFO] Total time:  23.253 s (build 2210, 2021-09-28T19:34:41+02:00)"))
                .isEqualTo(LineShapes.fingerprint("[INFO] Total time:  4.1 s (build 2211, 2021-09-29T08:00:02+02:00)"));
        assertThat(LineShapes.fingerprint("Downloaded abc123def from cache"))
                .isEqualTo(LineShapes.fingerprint("downloaded 9f8e7d6c from  cache"));
    }

    @Test
    void aDifferentMessageHasADifferentFingerprint() {
        assertThat(LineShapes.fingerprint("[ERROR] cannot find symbol"))
                .isNotEqualTo(LineShapes.fingerprint("[ERROR] incompatible types"));
    }
}
