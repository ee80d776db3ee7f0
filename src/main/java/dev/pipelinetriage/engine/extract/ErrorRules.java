package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.engine.text.DfaMemory;
import dev.pipelinetriage.engine.text.LinePattern;
import dev.pipelinetriage.engine.text.LiteralAutomaton;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Rules that recognise error lines across the common build ecosystems, scored by how well a line explains
 * a failure (a compiler diagnostic beats a generic "failed"), plus the line shapes that hold an error
 * together (stack frames, source excerpts, expected/actual) and the headers of test-report sections. A cheap
 * keyword check skips the regexes on the vast majority of lines, which print nothing wrong.
 *
 * <p>Every regex runs on the linear-time engine ({@link LinePattern}): no line can make one backtrack. What a negative
 * look-ahead used to refuse after an anchored prefix is a rule's exclusion ({@link ErrorRule#except}); what it refused
 * after an unanchored word is spelled out as what may follow the word instead (below).
 */
final class ErrorRules {

    /** Weight from which a line is an error line: it may open a cluster. */
    static final int ERROR = 3;
    /** Weight of lines that name the cause precisely (diagnostics, assertions, test failures). */
    static final int STRONG = 7;

    /**
     * What the DFAs of the extractor's patterns may hold together (4 MB), whatever the logs make them grow to: the
     * patterns are constants shared by every extraction, and so are their automata.
     */
    private static final DfaMemory DFA_MEMORY = new DfaMemory(1 << 20);

    /** The rest of the line does not start with a lone 0 (a count of none): end, another character, or "0x1F". */
    private static final String NO_LONE_ZERO = "(?:$|[^0]|0\\w)";
    /** After a ':' or '=' that may precede a count: neither a lone 0 nor a space and a lone 0. */
    private static final String AFTER_SEPARATOR = "(?:$|[^ 0]|0\\w| " + NO_LONE_ZERO + ")";
    /** After a space that may precede a count: no lone 0 after one more space or a separator either. */
    private static final String AFTER_SPACE = "(?:$|[^ =:0]|0\\w| " + NO_LONE_ZERO + "|[=:]" + AFTER_SEPARATOR + ")";
    /** After a '-': anything but "prone" (case folded with the pattern). */
    private static final String NOT_PRONE = "(?:$|[^p]|p(?:$|[^r]|r(?:$|[^o]|o(?:$|[^n]|n(?:$|[^e])))))";

    private static final List<ErrorRule> RULES = byWeight(
            // Compiler and linter diagnostics: file:line[:col]: error|warning
            ErrorRule.of("diagnostic", 9, "(?i)^\\S*[\\w/\\\\.-]\\.[a-z]{1,6}[:(]\\d+(?:[:,]\\d+)?\\)?:? ?-? ?(?:fatal )?error\\b",
                    "error"),
            ErrorRule.of("javac", 9, "^\\[ERROR\\] \\S+\\.(?:java|kt|scala|groovy):\\[?\\d+",
                    "[error] "),
            ErrorRule.of("kotlinc", 9, "^e: (?:file:)?\\S+\\.kts?:",
                    "e: "),
            ErrorRule.of("tsc", 9, "error TS\\d{3,5}:",
                    "error ts"),
            ErrorRule.except("rustc", 9, "^error(?:\\[E\\d{4}\\])?: ",
                    "^error(?:\\[E\\d{4}\\])?: (?:aborting due to|could not compile|Could not compile|build failed)",
                    "error"),
            ErrorRule.of("dotnet", 9, "error (?:CS|MSB|NU|FS|BC|NETSDK)\\d{3,5}",
                    "error "),
            ErrorRule.of("rspec-failure", 9, "Failure/Error:",
                    "failure/error:"),
            ErrorRule.except("maven-error", 7, "^\\[ERROR\\] ",
                    "^\\[ERROR\\] (?:-> \\[Help|To see the full|Re-run Maven|For more information|\\s*$)",
                    "[error] "),
            ErrorRule.of("build-failure", 5, "BUILD FAILURE|FAILURE: Build failed|BUILD FAILED|Build failed with an exception",
                    "build fail"),
            ErrorRule.of("gradle-what-went-wrong", 6, "^\\* What went wrong:",
                    "what went wrong:"),
            ErrorRule.of("test-failed", 8, "(?:^--- FAIL: |^\\s*FAIL[: \\t]|\\*\\*\\* FAILED \\*\\*\\*|^FAILED |^\\s*✗|^\\s*✖|^\\s*×|^\\s*● |"
                    + "^not ok \\d+|Tests? FAILED|<<< FAILURE!|<<< ERROR!|\\bFAILED\\b|\\[FAIL\\]|^\\s*\\d+\\) (?:Failure|Error):|"
                    + "^(?:Failure|Error|Failed):$|^#\\s+Failed test|^\\s*Failed:? \\d+/\\d+ |Dubious, test returned)",
                    "fail", "✗", "✖", "×", "●", "not ok", "error", "dubious"),
            ErrorRule.of("test-summary", 5, "(?:Tests run: \\d+, Failures: [1-9]|Tests run: \\d+, Failures: \\d+, Errors: [1-9]|\\b[1-9]\\d* (?:failed|failing|failures?|errors?)\\b)",
                    "fail", "error"),
            ErrorRule.of("pytest-e", 8, "^E {2,}\\S",
                    "e  "),
            ErrorRule.of("assertion", 8, "(?i)(?:AssertionError|AssertionFailedError|ComparisonFailure|Assert\\.\\w+\\(\\) Failure|assert(?:ion)? failed|"
                    + "expected:? .{0,200}(?:but (?:was|got)|got|actual)|Expected .{0,200} to (?:equal|be|have|match|not)|"
                    + "^\\s*expect\\(.{0,200}\\)\\.|^\\s*(?:Expected|Actual|Received)(?: value)?:)",
                    "assert", "comparisonfailure", "expect", "actual", "received"),
            ErrorRule.of("traceback", 6, "^Traceback \\(most recent call last\\)",
                    "traceback (most recent call last)"),
            ErrorRule.of("exception", 7, "(?:^|\\s|:)(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::|$)|^(?:[A-Z]\\w*::)*[A-Z][A-Za-z]*(?:Error|Exception)\\b:? ",
                    "exception", "error"),
            ErrorRule.of("elixir-raise", 8, "^\\s*\\*\\* \\((?:[A-Z]\\w*\\.)*\\w+\\) ",
                    "** ("),
            ErrorRule.of("caused-by", 6, "^\\s*Caused by: ",
                    "caused by: "),
            ErrorRule.of("panic", 8, "(?:panicked at|^panic: |fatal error: |Segmentation fault|core dumped)",
                    "panicked at", "panic: ", "fatal error: ", "segmentation fault", "core dumped"),
            ErrorRule.except("npm-err", 5, "^(?:npm ERR! |ERR! |error )",
                    "^(?:npm ERR! (?:A complete log|\\s*$|code |errno |syscall )|error Command failed)",
                    "err! ", "error "),
            ErrorRule.of("make-error", 5, "make(?:\\[\\d+\\])?: \\*\\*\\* [^*]*Error \\d+",
                    "***"),
            ErrorRule.of("fatal", 7, "(?i)^(?:fatal|error|FATAL)(?:\\s*\\[[^\\]]*\\])?:",
                    "fatal", "error"),
            // "error" as a word, not in a path or file name ("/error", ".error", "error.log"), not a count of none
            // ("error: 0", "error = 0"), not "error-prone"
            ErrorRule.of("error-word", 4, "(?i)(?:^|[^\\w/\\\\.])error(?:$|[^\\w.\\-=: ]|\\.(?:$|\\W)|-" + NOT_PRONE
                    + "|[=:]" + AFTER_SEPARATOR + "| " + AFTER_SPACE + ")",
                    "error"),
            // the words, not a count of none ("failed: 0", "failures 0")
            ErrorRule.of("failed-word", 3, "(?i)\\b(?:failed|failure|failing)(?:$|[^\\w: ]|:" + AFTER_SEPARATOR + "| "
                    + NO_LONE_ZERO + ")",
                    "fail"),
            ErrorRule.of("platform", 7, "(?i)(?:no space left on device|ENOSPC|out of memory|OOMKilled|(?-i:\\bKilled)(?:[^\\w-]|$)|exit code 137|connection (?:refused|reset|timed out)|timed out|could not resolve host|temporary failure in name resolution|name or service not known|ECONNRESET|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN|TLS handshake|certificate verify failed|rate limit|too many requests|\\b(?:429|50[234])\\b.{0,40}(?:error|status|response|Service|Gateway)|permission denied|unauthorized|forbidden|authentication failed|lost communication|stopped hearing|runner system failure|exceeded the maximum time|no output has been received)",
                    "no space left on device", "enospc", "out of memory", "oomkilled", "killed", "exit code 137",
                    "connection ", "timed out", "could not resolve host", "temporary failure in name resolution",
                    "name or service not known", "econnreset", "etimedout", "econnrefused", "eai_again", "tls handshake",
                    "certificate verify failed", "rate limit", "too many requests", "429", "502", "503", "504",
                    "permission denied", "unauthorized", "forbidden", "authentication failed", "lost communication",
                    "stopped hearing", "runner system failure", "exceeded the maximum time", "no output has been received"),
            ErrorRule.of("exit-code", 4, "(?i)(?:exited with (?:code )?[1-9]\\d*|exit (?:code|status) [1-9]\\d*|returned (?:a )?non-zero exit|non-zero exit (?:code|status)|Process completed with exit code [1-9])",
                    "exited with", "exit code", "exit status", "non-zero exit"),
            ErrorRule.of("lint-offense", 6, "(?i)(?:\\boffen[cs]es?\\b|(?:^|\\D)\\d+ problems? \\(|\\bviolations?\\b|would reformat|code style issues|checkstyle|✖ \\d+ problem|\\(Severity: \\d\\))",
                    "offen", "problem", "violation", "would reformat", "code style issues", "checkstyle", "(severity: "),
            ErrorRule.of("cannot", 4, "(?i)\\b(?:cannot|can't|could not|couldn't|unable to|no such file|not found|undefined (?:reference|method|symbol|variable)|does not exist|is not defined|not available|illegal|incompatible|exceeded|redeclared|undeclared|unsatisfi|no matching)\\b",
                    "cannot", "can't", "could not", "couldn't", "unable to", "no such file", "not found", "undefined ",
                    "does not exist", "is not defined", "not available", "illegal", "incompatible", "exceeded", "redeclared",
                    "undeclared", "unsatisfi", "no matching"),
            ErrorRule.of("stack-frame", 1, "^\\s*at [\\w$.<>\\[\\] ]+\\(.*\\)$|^\\s*at .+:\\d+(?::\\d+)?\\)?$|^\\s*File \".+\", line \\d+|^\\s*\\S+:\\d+:in `|\\.go:\\d+ \\+0x",
                    "at ", "file \"", ":in `", "+0x"),
            ErrorRule.of("warning", 1, "(?i)\\bwarn(?:ing)?\\b|deprecat",
                    "warn", "deprecat"));

    /** One pass over a line finds every rule literal it holds; literal id -> the bit of its rule's index in RULES. */
    private static final LiteralAutomaton RULE_LITERALS =
            new LiteralAutomaton(RULES.stream().flatMap(r -> r.literals().stream()).toList());
    private static final long[] RULE_BIT_OF_LITERAL = ruleBitOfLiteral();

    /** Lines that mention errors only to say there were none, or to configure them (a count of none aside). */
    private static final LinePattern NOT_AN_ERROR = compile(
            "(?i)(?:failures: 0, errors: 0|errors: 0, failures: 0|-werror(?:[^=]|$)|error[_-]?prone|errorformat|\\bon-?error\\b|"
                    + "ignore[_-]?errors|\\berror\\.(?:log|html|txt)\\b|allow_failures|fast_finish|continue-on-error|"
                    + "--fail-fast|failsafe|error_reporting|\\bno errors?\\b|without errors|succe(?:eded|ss)\\b.*\\b0 fail|"
                    + "^\\s*(?:ok|PASS|passed|✓|√)\\b|^\\s*\\[\\+\\] |\\.{3,} ok\\b|(?-i:\\bskipped: [a-z]))");
    /** Up to the last count of none in the line ("0 errors", "0 failed"). */
    private static final LinePattern LAST_COUNT_OF_NONE = compile("(?i)^.*\\b0 (?:errors?|failures?|failed)\\b");
    /** A count of some ("3 errors", "1 failed"). */
    private static final LinePattern COUNT_OF_SOME = compile("(?i)\\b[1-9]\\d* (?:errors?|failures?|failed)\\b");

    /**
     * A test runner's own failure marker at the start of a line wins over reassuring words after it: in
     * "not ok 6 no errors" the words are the test's name.
     */
    private static final LinePattern FAILURE_MARKER = compile("^\\s*(?:not ok \\d|--- FAIL: |FAIL[: \\t]|[✗✖] )");

    /** Lines that carry on the error above them: frames, source excerpts, expected/actual, notes. */
    private static final LinePattern CONTINUATION = compile(
            "^(?:\\s+\\S|at |Caused by|E {2}|Expected|Actual|expected|actual|Received|but (?:was|got)|[+-]|\\^|\\||>|-->|= |"
                    + "Error|note:|help:|\\[ERROR\\]|\\d+ \\||\\.\\.\\. \\d+ more|--- End of|Stack Trace:|Messages?:|"
                    + "symbol:|location:|required:|found:|reason:|\\S+:\\d+:in `|/\\S+:\\d+|\\S+\\.\\w{1,5}:\\d+|Did you mean|"
                    + "on line \\d+|from line \\d+|\\d{3}[+-] |[{}\\]\\[()]+[,;]?$|# |Stack:|stack:|operator:|diff:|Diff:)");

    /** Headers of test-report sections that hold the failure details. */
    private static final LinePattern SECTION = compile(
            "^(?:=+ ?(?:FAILURES|ERRORS|Failures|Errors) ?=+$|\\s*\\d+ failing$|Failures:$|Errors:$|Failed tests?:|Tests in error:|"
                    + "FAILURE: Build failed with an exception|\\[ERROR\\] COMPILATION ERROR|\\[ERROR\\] Failures:$|\\[ERROR\\] Errors:$|"
                    + "=+ ?DIFF ?=+$|Summary of all failing tests$|Test Summary Report$|--- FAIL: |"
                    + "=+ ?(?:FAIL|ERROR): |^(?:FAIL|ERROR): test)");
    /** What ends a section: the next report banner. */
    private static final LinePattern SECTION_END = compile(
            "^=+ ?(?:(?:warnings summary|short test summary info|slowest|coverage) ?=+$|.*\\b(?:passed|failed|error|errors)\\b"
                    + ".*\\bin [\\d.]+ ?s(?:econds)?\\b.*=$)|"
                    + "^=+ ?DONE ?=+$|^-{3,} ?coverage|^Ran \\d+ tests? in ");

    /**
     * A build tool's or runner's verdict on the whole run ("BUILD FAILED", "npm ERR! Test failed", "make: ***"):
     * it says that something failed, not what; the lines that explain it come before it.
     */
    private static final LinePattern WRAPPER = compile(
            "(?:BUILD FAILURE|BUILD FAILED|FAILURE: Build failed|Failed to execute goal|There are test failures|There were failing tests|"
                    + "Execution failed for task|^npm ERR! (?:code|errno|Failed at|Test failed|[\\w@/.-]+ \\w+: `)|"
                    + "^error Command failed|make(?:\\[\\d+\\])?: \\*\\*\\*|^\\s*Tests?(?: Suites)?: +\\d+ failed|rake aborted!|"
                    + "Command failed with status|ERROR: InvocationError|exited with (?:code )?[1-9]|exit (?:code|status) [1-9]|"
                    + "build FAILED|Failed components|^\\s*\\d+ (?:failing|failed)|returned non-zero exit|Compilation failed; see|"
                    + "^ERROR: (?:for|Job|Build|script returned)|One or more (?:tests|errors)|An error occurred when executing task|"
                    + "^Error! |\\bcheck(?:s)? failed\\b|Non-zero exit status|^Failed \\d+/\\d+|Dubious, test returned|"
                    + "\\*\\*\\* \\d+ TESTS? FAILED|Failed tests?:|Tests in error:|Failed: Total \\d+|TestsFailedException|tests? (?:run )?failed\\.?$|"
                    + "^\\s*(?:\\d+ )?(?:examples?|tests?|runs?|assertions?)[:,] \\d+ .*\\d+ (?:failures?|failed|errors?)\\b)");

    /** Lines that only point to help, never to the cause; shown only when the budget has room. */
    private static final LinePattern BOILERPLATE = compile(
            "(?:^\\[ERROR\\]\\s*$|-> \\[Help \\d\\]|To see the full stack trace of the errors|Re-run Maven using the -X switch|"
                    + "For more information about the errors and possible solutions|^\\[ERROR\\] \\[Help \\d\\] http|"
                    + "After correcting the problems, you can resume the build|^\\[ERROR\\]\\s+mvn <args> -rf|"
                    + "A complete log of this run can be found in|^\\* Try:|Run with --(?:stacktrace|info|debug|scan)|"
                    + "Get more help at https://help\\.gradle\\.org|^npm ERR!\\s*$)");

    private ErrorRules() {
    }

    /** Compiles one of the extractor's patterns, its DFA bounded with the others'. */
    static LinePattern compile(String regex) {
        return LinePattern.compile(regex, DFA_MEMORY);
    }

    private static long[] ruleBitOfLiteral() {
        if (RULES.size() > Long.SIZE) {
            throw new IllegalStateException(RULES.size() + " rules do not fit a 64-bit set");
        }
        var bits = new java.util.ArrayList<Long>();
        for (int i = 0; i < RULES.size(); i++) {
            for (int n = RULES.get(i).literals().size(); n > 0; n--) {
                bits.add(1L << i);
            }
        }
        return bits.stream().mapToLong(Long::longValue).toArray();
    }

    /** The rules, strongest first; for tests that hold each rule to its literals. */
    static List<ErrorRule> rules() {
        return RULES;
    }

    /** Every regex the extractor runs on log lines; for tests that bound their cost on hostile lines. */
    static List<LinePattern> patterns() {
        var all = new java.util.ArrayList<LinePattern>();
        for (ErrorRule rule : RULES) {
            all.add(rule.pattern());
            if (rule.exclusion() != null) {
                all.add(rule.exclusion());
            }
        }
        all.addAll(List.of(NOT_AN_ERROR, LAST_COUNT_OF_NONE, COUNT_OF_SOME, FAILURE_MARKER, CONTINUATION, SECTION,
                SECTION_END, WRAPPER, BOILERPLATE, BANNER));
        return all;
    }

    /** Strongest first, so the first rule that matches is the answer. */
    private static List<ErrorRule> byWeight(ErrorRule... rules) {
        return Arrays.stream(rules).sorted(Comparator.comparingInt(ErrorRule::weight).reversed()).toList();
    }

    /** The strongest rule the line satisfies, or null when it does not look like an error at all. */
    static ErrorRule strongest(String text) {
        return strongest(text, Set.of());
    }

    /** The strongest rule the line satisfies among those not named in {@code without} (held out), or null. */
    static ErrorRule strongest(String text, Set<String> without) {
        if (text.length() < 3) {
            return null;
        }
        // One pass finds every rule literal the line holds; most lines hold none and cost nothing more.
        // (No separate keyword pre-filter: one that disagreed with the rules' own literals dropped lines they score.)
        long candidates = RULE_LITERALS.union(text, RULE_BIT_OF_LITERAL);
        for (; candidates != 0; candidates &= candidates - 1) {
            ErrorRule rule = RULES.get(Long.numberOfTrailingZeros(candidates));
            if ((without.isEmpty() || !without.contains(rule.name())) && rule.matches(text)) {
                // Checked only for lines a rule took: most lines match no rule, and this check is costly.
                return reassures(text) ? null : rule;
            }
        }
        return null;
    }

    /** Whether the line mentions errors only to say there were none, or to configure them. */
    static boolean reassures(String text) {
        return (NOT_AN_ERROR.find(text) || lastCountIsNone(text)) && !FAILURE_MARKER.find(text);
    }

    /** Whether the line counts none ("0 failed") after any count of some ("3 errors, 0 failed", not "0 failed, 3 errors"). */
    private static boolean lastCountIsNone(String text) {
        int end = LAST_COUNT_OF_NONE.end(text);
        return end >= 0 && !COUNT_OF_SOME.find(text.substring(end));
    }

    /** The rule named {@code name}; for tests of one rule. */
    static ErrorRule rule(String name) {
        return RULES.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule named " + name));
    }

    /** How strongly the line explains a failure: 0 for none, {@link #ERROR} and up for error lines. */
    static int weight(String text) {
        return weight(text, Set.of());
    }

    /** {@link #weight(String)} with the rules named in {@code without} held out. */
    static int weight(String text, Set<String> without) {
        ErrorRule rule = strongest(text, without);
        if (rule == null) {
            return 0;
        }
        int w = rule.weight();
        int level = levelCap(text);
        if (w > level) {
            return level;
        }
        return w > WRAPPER_WEIGHT && WRAPPER.find(text) ? WRAPPER_WEIGHT : w;
    }

    /**
     * A line's own log level caps its weight: what a tool logs at INFO or DEBUG is not its error, and a
     * WARNING rarely explains a failure ({@code [INFO] Cannot analyze ...}, {@code WARN: retrying}).
     */
    private static int levelCap(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i >= text.length()) {
            return Integer.MAX_VALUE;
        }
        if (text.charAt(i) == '[') {
            i++;
        }
        if (text.startsWith("INFO", i) || text.startsWith("DEBUG", i) || text.startsWith("TRACE", i)
                || text.startsWith("info ", i) || text.startsWith("debug", i) || text.startsWith("verbose", i)) {
            return 1;
        }
        if (text.startsWith("WARN", i) || text.startsWith("warn", i)) {
            return 2;
        }
        return Integer.MAX_VALUE;
    }

    /** Weight of a run-level verdict: an error line, but weaker than any that names a cause. */
    static final int WRAPPER_WEIGHT = 4;

    /** Whether the line is a decoration that only announces a report section ("=== FAILURES ===", "3 failing"). */
    static boolean isBanner(String text) {
        return BANNER.find(text);
    }

    private static final LinePattern BANNER = compile("^\\s*(?:=+ ?[A-Za-z ]+ ?=+|\\d+ failing|-{3,}.*-{3,})\\s*$");

    /** Whether the line carries on an error above it (a frame, a source excerpt, an expected/actual). */
    static boolean continues(String text) {
        return CONTINUATION.find(text);
    }

    /** Whether the line is the header of a report section holding failure details. */
    static boolean opensSection(String text) {
        char c = firstNonSpace(text);
        if (c != '=' && c != 'F' && c != 'T' && c != 'E' && c != 'S' && c != '[' && c != '-' && !(c >= '0' && c <= '9')) {
            return false;
        }
        return SECTION.find(text);
    }

    /** Whether the line is a banner that ends a report section. */
    static boolean closesSection(String text) {
        char c = firstNonSpace(text);
        return (c == '=' || c == '-' || c == 'R') && SECTION_END.find(text);
    }

    /** Whether the line is worth a place in an excerpt: it says something, and not just where to find help. */
    static boolean worthShowing(String text) {
        int alnum = 0;
        for (int i = 0; i < text.length() && alnum < 2; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                alnum++;
            }
        }
        return alnum >= 2;
    }

    static boolean isBoilerplate(String text) {
        return BOILERPLATE.find(text);
    }

    /** Lines with the same key are repeats; only the first is shown. */
    static String repeatKey(String text) {
        return text.strip();
    }

    private static char firstNonSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return c;
            }
        }
        return ' ';
    }

}
