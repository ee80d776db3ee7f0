package dev.pipelinetriage.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.engine.redact.RedactionCases.SecretCase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTokenFormatsTest {

    private final Redactor redactor = new Redactor();

    static List<SecretCase> secrets() {
        return RedactionCases.secrets();
    }

    static Stream<String> nearMisses() {
        return RedactionCases.nearMisses().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void replacesExactlyTheSecretWithAMarkerNamingItsKind(SecretCase row) {
        assertThat(redactor.redactLine(row.line())).isEqualTo(row.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void leavesNoEightCharacterPieceOfTheSecret(SecretCase row) {
        String redacted = redactor.redactLine(row.line());
        String secret = row.secret();
        for (int i = 0; i + 8 <= secret.length(); i++) {
            assertThat(redacted).doesNotContain(secret.substring(i, i + 8));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nearMisses")
    void leavesNearMissesUnchanged(String line) {
        assertThat(redactor.redactLine(line)).isEqualTo(line);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void redactingTwiceChangesNothingMore(SecretCase row) {
        String once = redactor.redactLine(row.line());
        assertThat(redactor.redactLine(once)).isEqualTo(once);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nearMisses")
    void redactingANearMissTwiceChangesNothingMore(String line) {
        String once = redactor.redactLine(line);
        assertThat(redactor.redactLine(once)).isEqualTo(once);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void theStatelessGhsTokenIsLongAndDottedLikeTheRealFormat(SecretCase row) {
        if (row.description().startsWith("stateless ghs_")) {
            assertThat(row.secret()).hasSizeBetween(480, 600).contains(".").contains("-").contains("_");
        }
    }
}
