package dev.pipelinetriage.engine.extract;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules that recognise error lines across the common build ecosystems, scored by how well a line explains
 * a failure (a compiler diagnostic beats a generic "failed"). A cheap keyword check skips the regexes on
 * the vast majority of lines, which print nothing wrong.
 */
final class ErrorRules {

    /** Any line worth scoring contains one of these (lower-cased). */
    private static final String[] TRIGGERS = {
        "err", "fail", "fatal", "exception", "traceback", "killed", "denied", "refused", "timed out",
        "timeout", "not found", "cannot", "could not", "couldn't", "unable", "panic", "abort", "exit code",
        "exited with", "assert", "expected", "no space", "unauthorized", "forbidden", "rate limit",
        "e   ", "undefined", "segmentation", "offense", "violation", "missing", "unresolved", "invalid",
        "no such", "broken", "oom", "out of memory", "stopped hearing", "lost communication", "must be",
        "does not", "did not", "wrong", "mismatch", "unexpected", "warn", "problem", "conflict", "at ",
        "caused by", "✗", "✖", "×", "not ok", "bad ", "reset", "unreachable", "unknown", "terminated",
    };

    private static final List<ErrorRule> RULES = byWeight(
            // Compiler and linter diagnostics: file:line[:col]: error|warning
            ErrorRule.of("diagnostic", 9, "(?i)^\\S*[\\w/\\\\.-]+\\.[a-z]{1,6}[:(]\\d+(?:[:,]\\d+)?\\)?:? ?-? ?(?:fatal )?error\\b"),
            ErrorRule.of("tsc", 9, "error TS\\d{3,5}:"),
            ErrorRule.of("rustc", 9, "^error(?:\\[E\\d{4}\\])?: "),
            ErrorRule.of("dotnet", 9, "error (?:CS|MSB|NU|FS|BC)\\d{3,5}"),
            ErrorRule.of("maven-error", 7, "^\\[ERROR\\] (?!-> \\[Help|To see the full|Re-run Maven|For more information|$|\\s*$)"),
            ErrorRule.of("build-failure", 6, "BUILD FAILURE|FAILURE: Build failed|BUILD FAILED|Build failed with an exception"),
            ErrorRule.of("gradle-what-went-wrong", 8, "^\\* What went wrong:"),
            ErrorRule.of("test-failed", 8, "(?:^--- FAIL: |^FAIL[: \\t]|\\*\\*\\* FAILED \\*\\*\\*|^FAILED |^\\s*✗|^\\s*✖|^\\s*×|^not ok \\d+|Tests? FAILED|<<< FAILURE!|<<< ERROR!|\\bFAILED\\b)"),
            ErrorRule.of("test-summary", 7, "(?:Tests run: \\d+, Failures: [1-9]|Tests run: \\d+, Failures: \\d+, Errors: [1-9]|\\b[1-9]\\d* (?:failed|failing|failures?|errors?)\\b)"),
            ErrorRule.of("pytest-e", 8, "^E {3}"),
            ErrorRule.of("assertion", 8, "(?i)(?:AssertionError|AssertionFailedError|ComparisonFailure|assert(?:ion)? failed|expected:? .{0,200}(?:but (?:was|got)|got|actual)|Expected .{0,200} to (?:equal|be|have|match))"),
            ErrorRule.of("traceback", 6, "^Traceback \\(most recent call last\\)"),
            ErrorRule.of("exception", 7, "(?:^|\\s|:)(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::|$)|^[A-Z][A-Za-z]*(?:Error|Exception): "),
            ErrorRule.of("caused-by", 6, "^\\s*Caused by: "),
            ErrorRule.of("panic", 8, "(?:panicked at|^panic: |fatal error: |Segmentation fault|core dumped)"),
            ErrorRule.of("npm-err", 6, "^npm ERR! (?!A complete log|\\s*$|code |errno |syscall )|^ERR! |^error (?!Command failed)"),
            ErrorRule.of("make-error", 6, "make(?:\\[\\d+\\])?: \\*\\*\\* .*Error \\d+"),
            ErrorRule.of("fatal", 7, "(?i)^(?:fatal|error|ERROR|FATAL)(?:\\s*\\[[^\\]]*\\])?:"),
            ErrorRule.of("error-word", 4, "(?i)\\berror\\b(?!s? ?[=:]? ?0\\b)(?!-prone)"),
            ErrorRule.of("failed-word", 3, "(?i)\\b(?:failed|failure|failing)\\b(?!s?:? ?0\\b)"),
            ErrorRule.of("platform", 7, "(?i)(?:no space left on device|ENOSPC|out of memory|OOMKilled|Killed|exit code 137|connection (?:refused|reset|timed out)|timed out|could not resolve host|temporary failure in name resolution|name or service not known|ECONNRESET|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN|TLS handshake|certificate verify failed|rate limit|too many requests|\\b(?:429|50[234])\\b.{0,40}(?:error|status|response|Service|Gateway)|permission denied|unauthorized|forbidden|authentication failed|lost communication|stopped hearing|runner system failure|exceeded the maximum time|no output has been received)"),
            ErrorRule.of("exit-code", 5, "(?i)(?:exited with (?:code )?[1-9]\\d*|exit (?:code|status) [1-9]\\d*|returned (?:a )?non-zero exit|Process completed with exit code [1-9])"),
            ErrorRule.of("lint-offense", 6, "(?i)(?:\\boffen[cs]es?\\b|\\d+ problems? \\(|\\bviolations?\\b|would reformat|code style issues|checkstyle|✖ \\d+ problem)"),
            ErrorRule.of("cannot", 4, "(?i)\\b(?:cannot|can't|could not|couldn't|unable to|no such file|not found|undefined (?:reference|method|symbol)|does not exist|is not defined)\\b"),
            ErrorRule.of("stack-frame", 1, "^\\s+at [\\w$.<>]+\\(.*\\)$|^\\s+at .+:\\d+:\\d+\\)?$|^\\s+File \".+\", line \\d+"),
            ErrorRule.of("warning", 1, "(?i)\\bwarn(?:ing)?\\b"));

    /** Lines that mention errors only to say there were none, or to configure them. */
    private static final Pattern NOT_AN_ERROR = Pattern.compile(
            "(?i)(?:\\b0 (?:errors?|failures?|failed)\\b(?!.*\\b[1-9]\\d* (?:errors?|failures?|failed)\\b)"
                    + "|failures: 0, errors: 0|errors: 0, failures: 0|-werror|error[_-]?prone|errorformat|on-?error|"
                    + "ignore[_-]?errors|\\berror\\.(?:log|html|txt)\\b|allow_failures|fast_finish|continue-on-error|"
                    + "--fail-fast|failsafe|error_reporting|\\bno errors?\\b|without errors|succe(?:eded|ss)\\b.*\\b0 fail)");

    private ErrorRules() {
    }

    /** Strongest first, so the first rule that matches is the answer. */
    private static List<ErrorRule> byWeight(ErrorRule... rules) {
        return java.util.Arrays.stream(rules)
                .sorted(java.util.Comparator.comparingInt(ErrorRule::weight).reversed())
                .toList();
    }

    /** The strongest rule the line satisfies, or null when it does not look like an error at all. */
    static ErrorRule strongest(String text) {
        if (text.length() < 3 || !hasTrigger(text)) {
            return null;
        }
        if (NOT_AN_ERROR.matcher(text).find()) {
            return null;
        }
        for (ErrorRule rule : RULES) {
            if (rule.pattern().matcher(text).find()) {
                return rule;
            }
        }
        return null;
    }

    private static boolean hasTrigger(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String trigger : TRIGGERS) {
            if (lower.contains(trigger)) {
                return true;
            }
        }
        return false;
    }
}
