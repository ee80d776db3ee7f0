package dev.pipelinetriage.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lines built to make a backtracking regex engine go quadratic or worse. Each must finish; the timeout is a hang
 * guard, far above the few milliseconds a linear pass takes, not a performance assertion.
 */
class RedactorHostileInputTest {

    /**
     * Long enough that a quadratic pass over it (some 10^11 steps) runs far past the timeout, short enough that the
     * linear one costs the build little.
     */
    private static final int SIZE = 1 << 19;

    private final Redactor redactor = new Redactor();

    static Stream<Arguments> hostileLines() {
        return Stream.of(
                Arguments.of("one character, 512 KB", "a".repeat(SIZE)),
                Arguments.of("equals signs", "=".repeat(SIZE)),
                Arguments.of("a long base64 run", "QUJD".repeat(SIZE / 4)),
                Arguments.of("ghp_ then a 512 KB token run", "ghp_" + "a1".repeat(SIZE / 2)),
                Arguments.of("repeated ghs_ prefixes", "ghs_".repeat(SIZE / 4)),
                Arguments.of("repeated JWT headers", "eyJhbGci.".repeat(SIZE / 9)),
                Arguments.of("repeated schemes", "a://b:".repeat(SIZE / 6)),
                Arguments.of("scheme then colons, no @", "https://" + ":".repeat(SIZE)),
                Arguments.of("repeated password=", "password=".repeat(SIZE / 9)),
                Arguments.of("repeated --password flags", "--password ".repeat(SIZE / 11)),
                Arguments.of("unclosed quote after password", "password=\"" + "\\\\x".repeat(SIZE / 3)),
                Arguments.of("nested quotes", "token: \"'\"'".repeat(SIZE / 12)),
                Arguments.of("repeated key headers", "-----BEGIN RSA PRIVATE KEY".repeat(SIZE / 26)),
                Arguments.of("authorization spam", "Authorization: ".repeat(SIZE / 15)),
                Arguments.of("Q~ spam", "aaa1Q~".repeat(SIZE / 6)),
                Arguments.of("a fixed-length prefix repeated inside its own alphabet", "pat_".repeat(SIZE / 4)),
                Arguments.of("a short prefix repeated", "sk-".repeat(SIZE / 3)),
                Arguments.of("shell words and quotes after a program name", "curl -u '\"".repeat(SIZE / 10)),
                Arguments.of("many ::add-mask:: commands", "::add-mask::abcd".repeat(SIZE / 16)),
                Arguments.of("many XML-like tags", "<password>".repeat(SIZE / 10)),
                Arguments.of("escaped-slash schemes", "a:\\/\\/b:".repeat(SIZE / 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLines")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void finishesInLinearTime(String description, String line) {
        String once = redactor.redactLine(line);

        assertThat(redactor.redactLine(once)).isEqualTo(once);
    }
}
