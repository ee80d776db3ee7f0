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

    private static final int MEGABYTE = 1 << 20;

    private final Redactor redactor = new Redactor();

    static Stream<Arguments> hostileLines() {
        return Stream.of(
                Arguments.of("one character, 1 MB", "a".repeat(MEGABYTE)),
                Arguments.of("equals signs", "=".repeat(MEGABYTE)),
                Arguments.of("a long base64 run", "QUJD".repeat(MEGABYTE / 4)),
                Arguments.of("ghp_ then a 1 MB token run", "ghp_" + "a1".repeat(MEGABYTE / 2)),
                Arguments.of("repeated ghs_ prefixes", "ghs_".repeat(MEGABYTE / 4)),
                Arguments.of("repeated JWT headers", "eyJhbGci.".repeat(MEGABYTE / 9)),
                Arguments.of("repeated schemes", "a://b:".repeat(MEGABYTE / 6)),
                Arguments.of("scheme then colons, no @", "https://" + ":".repeat(MEGABYTE)),
                Arguments.of("repeated password=", "password=".repeat(MEGABYTE / 9)),
                Arguments.of("repeated --password flags", "--password ".repeat(MEGABYTE / 11)),
                Arguments.of("unclosed quote after password", "password=\"" + "\\\\x".repeat(MEGABYTE / 3)),
                Arguments.of("nested quotes", "token: \"'\"'".repeat(MEGABYTE / 12)),
                Arguments.of("repeated key headers", "-----BEGIN RSA PRIVATE KEY".repeat(MEGABYTE / 26)),
                Arguments.of("authorization spam", "Authorization: ".repeat(MEGABYTE / 15)),
                Arguments.of("Q~ spam", "aaa1Q~".repeat(MEGABYTE / 6)),
                Arguments.of("a fixed-length prefix repeated inside its own alphabet", "pat_".repeat(MEGABYTE / 4)),
                Arguments.of("a short prefix repeated", "sk-".repeat(MEGABYTE / 3)),
                Arguments.of("shell words and quotes after a program name", "curl -u '\"".repeat(MEGABYTE / 10)),
                Arguments.of("many ::add-mask:: commands", "::add-mask::abcd".repeat(MEGABYTE / 16)),
                Arguments.of("many XML-like tags", "<password>".repeat(MEGABYTE / 10)),
                Arguments.of("escaped-slash schemes", "a:\\/\\/b:".repeat(MEGABYTE / 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLines")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void finishesInLinearTime(String description, String line) {
        String once = redactor.redactLine(line);

        assertThat(redactor.redactLine(once)).isEqualTo(once);
    }
}
