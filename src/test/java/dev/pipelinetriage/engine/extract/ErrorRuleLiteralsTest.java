package dev.pipelinetriage.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.engine.text.LiteralAutomaton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A rule runs only on lines holding one of its literals, so a literal list that misses a form of the
 * regex would silently hide error lines. Every rule is held to its literals on every line of the test
 * fixtures and bundled samples (thousands of real-shaped log lines) and on lines made to match each rule.
 */
class ErrorRuleLiteralsTest {

    private static List<String> corpusLines() throws IOException {
        var lines = new ArrayList<String>();
        for (Path root : List.of(Path.of("src/test/resources/fixtures"), Path.of("src/main/resources/samples"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    for (String line : text.split("\r?\n")) {
                        lines.add(line);
                        lines.add(line.strip());
                    }
                }
            }
        }
        lines.addAll(List.of(
                "src/app.c:12:5: error: expected ';'", "[ERROR] /src/Foo.java:[12,8] cannot find symbol",
                "e: /src/Main.kt: (3, 5): Unresolved reference", "src/a.ts(3,1): error TS2304: Cannot find name 'x'.",
                "error[E0308]: mismatched types", "Program.cs(3,4): error CS1002: ; expected",
                "     Failure/Error: expect(x).to eq(1)", "[ERROR] Tests run: 3, Failures: 1", "BUILD FAILED in 3s",
                "* What went wrong:", "--- FAIL: TestX (0.00s)", "not ok 3 - adds", "  ✗ renders", "  ● suite › test",
                "E       assert 1 == 2", "AssertionError: expected 1 to equal 2", "Expected: 3", "    expect(a).toBe(b)",
                "Traceback (most recent call last):", "java.lang.IllegalStateException: boom", "** (RuntimeError) x",
                "Caused by: java.io.IOException", "thread 'main' panicked at src/main.rs:3:5", "panic: runtime error",
                "npm ERR! code E404", "ERR! bad", "error Command failed", "make: *** [all] Error 2", "fatal: not a git repo",
                "FATAL: command execution failed", "Killed", "exit code 137", "503 Service Unavailable error",
                "Process completed with exit code 1.", "12 problems (3 errors, 9 warnings)", "(Severity: 5)",
                "undefined reference to `foo'", "    at com.x.Y.z(Y.java:3)", "  File \"a.py\", line 3, in f",
                "from app.rb:3:in `block'", "main.go:12 +0x1d", "WARNING: deprecated"));
        return lines;
    }

    @Test
    void everyLineARuleMatchesHoldsOneOfTheRulesLiterals() throws IOException {
        List<String> lines = corpusLines();
        for (ErrorRule rule : ErrorRules.rules()) {
            var literals = new LiteralAutomaton(rule.literals());
            for (String line : lines) {
                if (rule.matches(line)) {
                    assertThat(literals.occursIn(line)).as("rule %s matches but none of %s occurs in: %s",
                            rule.name(), rule.literals(), line).isTrue();
                }
            }
        }
    }

    @Test
    void everyRuleMatchesSomethingInTheSample() throws IOException {
        List<String> lines = corpusLines();
        for (ErrorRule rule : ErrorRules.rules()) {
            assertThat(lines).as("a line for rule %s", rule.name()).anyMatch(l -> rule.matches(l));
        }
    }
}
