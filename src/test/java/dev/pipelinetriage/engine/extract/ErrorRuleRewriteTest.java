package dev.pipelinetriage.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules that used look-around, possessive quantifiers or atomic groups on java.util.regex were rewritten for the
 * linear-time engine (issue 17, item 3). Each must take and leave exactly the lines it took and left before: every line
 * below was checked against the java.util.regex form first, the form quoted in each test.
 */
class ErrorRuleRewriteTest {

    /** {@code ^error(?:\[E\d{4}\])?: (?!aborting due to|could not compile|Could not compile|build failed)} */
    @Test
    void rustcTakesDiagnosticsButNotTheCompilersClosingSummary() {
        assertTakes("rustc", "error[E0308]: mismatched types", "error: linking with `cc` failed",
                "error: could not find `Cargo.toml`", "error: build", "error: Aborting due to", "error: x");
        assertLeaves("rustc", "error: aborting due to 2 previous errors", "error: could not compile `foo`",
                "error: Could not compile `foo`.", "error[E0499]: aborting due to previous error", "error: build failed",
                " error: x", "error:x", "error[E12]: x");
    }

    /** {@code ^\[ERROR\] (?!-> \[Help|To see the full|Re-run Maven|For more information|$|\s*$)} */
    @Test
    void mavenErrorTakesMessagesButNotPointersToHelpNorBlankOnes() {
        assertTakes("maven-error", "[ERROR] Failed to execute goal", "[ERROR]   symbol: class Foo", "[ERROR] ->x",
                "[ERROR] -> [Hel", "[ERROR]  To see the full", "[ERROR] re-run Maven");
        assertLeaves("maven-error", "[ERROR] -> [Help 1]",
                "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
                "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
                "[ERROR] For more information about the errors and possible solutions", "[ERROR] ", "[ERROR]    ",
                "[ERROR] \t", "[ERROR]", "[ERROR]\tx", "[INFO] [ERROR] x");
    }

    /** {@code ^npm ERR! (?!A complete log|\s*$|code |errno |syscall )|^ERR! |^error (?!Command failed)} */
    @Test
    void npmErrTakesMessagesButNotCodesLogPointersNorTheCommandsFailure() {
        assertTakes("npm-err", "npm ERR! Test failed.  See above for more details.", "npm ERR! coder", "npm ERR! errnos",
                "npm ERR!  code x", "ERR! something", "error An unexpected error occurred", "error Command",
                "error command failed");
        assertLeaves("npm-err", "npm ERR! A complete log of this run can be found in:", "npm ERR! ", "npm ERR!   ",
                "npm ERR! code ELIFECYCLE", "npm ERR! errno 1", "npm ERR! syscall open",
                "error Command failed with exit code 1.", "npm ERR!x", " npm ERR! x", "npm ERR!", "errors found",
                " ERR! x");
    }

    /** {@code (?i)(?<![/\\.])\berror\b(?!s? ?[=:]? ?0\b)(?!-prone)(?!\.\w)} */
    @Test
    void errorWordTakesTheWordButNotInPathsFileNamesCountsOfNoneNorErrorProne() {
        assertTakes("error-word", "Error something", "an error occurred", "ERROR", "error", "error 1", "error = 01",
                "error 0x1F", "error  =0", "error:  0", "error-pron", "error.", "error..", "error. Retry", "-error",
                "error 0 but error 5", "see error.log, then error", "an error, 0 left", "error=-0", "e error",
                "(error)", "error\t0", "error ==0", "error =: 0", "error   0");
        assertLeaves("error-word", "errors: 0", "error=0", "error 0", "error: 0", "error : 0", "error  0", "error = 0",
                "error 0.", "error:0", "error0", "error-prone", "error-Prone", "ERROR-PRONE x", "error.log", "error.x",
                "/error", "\\error", ".error", "_error", "e2error", "terror", "errorx", "error =0", "error :0",
                "error= 0", "error 0, error: 0");
    }

    /** {@code (?i)\b(?:failed|failure|failing)\b(?!s?:? ?0\b)} */
    @Test
    void failedWordTakesTheWordButNotACountOfNone() {
        assertTakes("failed-word", "Build failed", "FAILURE", "failing: 1", "failed 0x", "failed: 01", "failed:  0",
                "failed, 0", "Failed 0 failed 3", "failed=0", "failed  0", "failed :0", "(failed)", "failure.");
        assertLeaves("failed-word", "failed: 0", "failed 0", "failed:0", "failures: 0", "failing 0", "unfailed",
                "failedx", "failed0", "FAILED: 0 ", "failed 0.", "failure 0, failed: 0");
    }

    /** {@code (?-i:\bKilled\b)(?!-)}, one of the platform rule's alternatives. */
    @Test
    void platformTakesKilledButNotKilledAsAPrefixOrInLowerCase() {
        assertTakes("platform", "Killed", "/bin/sh: line 1:   123 Killed    npm test", "Killed.", "(Killed)",
                "Killed signal terminated program cc1plus", "container OOMKilled", "exit code 137");
        assertLeaves("platform", "Killed-by", "killed", "AutoKilled", "Killedx", "Killed_x", "KILLED-x");
    }

    /** {@code (?<!\d)\d+ problems? \(}, one of the lint rule's alternatives. */
    @Test
    void lintOffenseTakesAProblemCountOnlyWithItsBreakdown() {
        assertTakes("lint-offense", "✖ 12 problems (3 errors, 9 warnings)", "1 problem (1 error, 0 warnings)",
                "x12 problems (", "1.5 problems (", "found 100 problems (all fixable)");
        assertLeaves("lint-offense", "12 problems", "12 problems(x", "problems (3)", "12  problems (", "12 problem(s) (");
    }

    /**
     * {@code (?i)(?:^(?>.*\b0 (?:errors?|failures?|failed)\b)(?!.*\b[1-9]\d* (?:errors?|failures?|failed)\b)|...
     * |-werror(?!=)|...|^(?>.*?succe(?:eded|ss)\b).*\b0 fail|...|(?<!\.)\.{3,}+ ok\b|...)}, unless a test runner's
     * failure marker opens the line.
     */
    @Test
    void reassuringLinesAreThoseWhoseLastCountIsNoneOrThatConfigureErrors() {
        List<String> reassuring = List.of("Tests: 0 failed, 10 passed", "3 errors, 0 failed", "0 errors, 0 failures",
                "1 errors, 0 failed", "0 failures (2 failed earlier), 0 errors", "0 error", "Build: 0 Failures.",
                "-Werror", "-Werror -Wall", "-Werror= x -Werror", "errorprone", "error-prone", "errorformat", "on-error",
                "onerror", "ignore_errors", "see error.log", "allow_failures", "fast_finish", "continue-on-error",
                "--fail-fast", "failsafe", "error_reporting", "no errors", "without errors",
                "Success! 0 failures (2 failed earlier)", "success: 0 failed.. wait, 2 failed", "error: expected 0 errors",
                "Build succeeded with 1 warning, 0 failures, 3 errors",
                "ok 1 - adds", "PASS src/a.test.js", "passed", "  Passed 3", "[+] done", "Running tests...... ok",
                "test_x ... ok", "test ....ok ... ok", "skipped: not supported", "failures: 0, errors: 0",
                "errors: 0, failures: 0");
        List<String> not = List.of("0 failed, 3 errors", "Tests: 0 failed, 1 errors", "10 errors", "0 errors; 10 errors",
                "0 errorsx", "100 errors, 0 warnings", "-Werror=format", "0 failures (2 failed earlier)",
                "Success! 10 failures", "successful 0 failures, 1 error",
                ".. ok", "test ... okay", "Skipped: Not", "skipped: Not", "not ok 6 no errors", "FAIL: 0 errors",
                "--- FAIL: TestNoErrors (0.00s)", "4 errors, 0 failures, 1 error");
        assertThat(reassuring).as("lines said to reassure").filteredOn(l -> !ErrorRules.reassures(l)).isEmpty();
        assertThat(not).as("lines not said to reassure").filteredOn(ErrorRules::reassures).isEmpty();
    }

    /**
     * {@code ^=++ ?(?:(?:warnings summary|short test summary info|slowest|coverage) ?=+$|(?>.*?\b(?:passed|failed|error|errors)\b)
     * (?>.*?\bin [\d.]+ ?s(?:econds)?\b).*=$)|^=+ ?DONE ?=+$|^-{3,} ?coverage|^Ran \d+ tests? in }
     */
    @Test
    void aReportSectionEndsAtTheNextBannerOrTheRunsSummary() {
        List<String> closing = List.of("==== 2 failed, 3 passed in 1.23s ====", "======= warnings summary =======",
                "=== short test summary info ===", "== slowest ==", "====== coverage ======",
                "=== 1 error in 0.5 seconds ===", "==== DONE ====", "--- coverage: platform linux",
                "Ran 3 tests in 0.002s", "==passed in 3s=", "== failed in 3s, passed in 4s =",
                "=== 3 errors in 12.5 s ===", "=passed in 1s in 2s=", "== failed. in 3seconds x =");
        List<String> open = List.of("==== FAILURES ====", "=== 2 failed ===", "==== in 2s, 3 passed ====",
                "===== 1 passed in 2.0s", "Ran tests", "== slowest 10 durations ==", "== 1 passed in 3 secs ==", "== passedin 3s ==",
                "== 1 passed in 3s", "x== 1 passed in 3s ==", "== 1 failed in s ==");
        assertThat(closing).as("lines that close a section").filteredOn(l -> !ErrorRules.closesSection(l)).isEmpty();
        assertThat(open).as("lines that do not").filteredOn(ErrorRules::closesSection).isEmpty();
    }

    private static void assertTakes(String rule, String... lines) {
        assertThat(List.of(lines)).as("lines rule %s takes", rule).filteredOn(l -> !ErrorRules.rule(rule).matches(l)).isEmpty();
    }

    private static void assertLeaves(String rule, String... lines) {
        assertThat(List.of(lines)).as("lines rule %s leaves", rule).filteredOn(ErrorRules.rule(rule)::matches).isEmpty();
    }
}
