package dev.pipelinetriage.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FailureExtractorTest {

    private static final String NOISE = "noise line of ordinary build output\n";

    private static Extraction extract(String log) {
        return extract(log, FailureExtractor.DEFAULT_MAX_LINES);
    }

    private static Extraction extract(String log, int maxLines) {
        var session = new FailureExtractor(maxLines).newSession();
        new LogNormalizer().normalize(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), session::accept);
        return session.finish();
    }

    private static Extraction extract(String log, String greenLog) {
        var baseline = Baseline.builder();
        new LogNormalizer().normalize(new ByteArrayInputStream(greenLog.getBytes(StandardCharsets.UTF_8)), baseline::accept);
        var session = new FailureExtractor(FailureExtractor.DEFAULT_MAX_LINES).newSession(baseline.build());
        new LogNormalizer().normalize(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), session::accept);
        return session.finish();
    }

    private static List<String> texts(Extraction e) {
        return e.excerpt().stream().map(LogLine::text).map(String::strip).toList();
    }

    private static String filler(int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append("step ").append(i).append(" done\n");
        }
        return b.toString();
    }

    @Nested
    class EcosystemRules {

        @Test
        void aTapFailureWhoseTestNameSaysNoErrorsIsStillTheFailureWithItsDiagnostics() {
            var e = extract(filler(50) + """
                    ok 5 no warnings
                    not ok 6 no errors
                      ---
                        operator: notOk
                        expected: false
                        actual:   1
                      ...
                    """ + filler(5), 8);
            assertThat(texts(e)).containsSubsequence("not ok 6 no errors", "operator: notOk", "expected: false", "actual:   1");
        }

        @Test
        void aMavenCompileErrorBlockIsShownWithoutTheHelpBoilerplate() {
            var e = extract(filler(50) + """
                    [INFO] -------------------------------------------------------------
                    [ERROR] COMPILATION ERROR :
                    [INFO] -------------------------------------------------------------
                    [ERROR] /src/main/java/app/Foo.java:[12,8] cannot find symbol
                      symbol:   class Bar
                      location: class app.Foo
                    [INFO] 1 error
                    [INFO] BUILD FAILURE
                    [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.0:compile (default-compile) on project app: Compilation failure
                    [ERROR] -> [Help 1]
                    [ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
                    """ + filler(5), 6);
            assertThat(texts(e)).contains("[ERROR] /src/main/java/app/Foo.java:[12,8] cannot find symbol", "symbol:   class Bar")
                    .doesNotContain("[ERROR] -> [Help 1]");
        }

        @Test
        void gradleWhatWentWrongIsKeptWithItsExplanation() {
            var e = extract(filler(30) + """
                    FAILURE: Build failed with an exception.

                    * What went wrong:
                    Could not resolve all files for configuration ':app:compileClasspath'.
                    > Could not find com.example:lib:1.2.3.

                    * Try:
                    > Run with --stacktrace option to get the stack trace.
                    """);
            assertThat(texts(e)).contains("* What went wrong:", "> Could not find com.example:lib:1.2.3.");
        }

        @Test
        void pytestFailureSectionIsShownFromTheTestHeaderToItsELines() {
            var e = extract(filler(40) + """
                    =================================== FAILURES ===================================
                    _________________________________ test_add _________________________________

                        def test_add():
                    >       assert add(1, 2) == 4
                    E       assert 3 == 4
                    E        +  where 3 = add(1, 2)

                    tests/test_math.py:5: AssertionError
                    =========================== short test summary info ============================
                    FAILED tests/test_math.py::test_add - assert 3 == 4
                    """);
            assertThat(texts(e)).contains("_________________________________ test_add _________________________________",
                    "E       assert 3 == 4", "tests/test_math.py:5: AssertionError");
        }

        @Test
        void jestFailureKeepsTheTestNameAndExpectedReceived() {
            var e = extract(filler(20) + """
                     FAIL  src/sum.test.js
                      ● sum › adds numbers

                        expect(received).toBe(expected) // Object.is equality

                        Expected: 4
                        Received: 3

                          at Object.<anonymous> (src/sum.test.js:4:19)

                    Tests:       1 failed, 3 passed, 4 total
                    """);
            assertThat(texts(e)).contains("FAIL  src/sum.test.js", "● sum › adds numbers", "Expected: 4", "Received: 3");
        }

        @Test
        void goTestFailureIsShownFromItsFailLine() {
            var e = extract(filler(20) + """
                    === RUN   TestParse
                    --- FAIL: TestParse (0.00s)
                        parse_test.go:14: got "a", want "b"
                    FAIL
                    FAIL	example.com/parse	0.012s
                    """);
            assertThat(texts(e)).contains("--- FAIL: TestParse (0.00s)", "parse_test.go:14: got \"a\", want \"b\"");
        }

        @Test
        void rustcErrorKeepsItsLocationArrowAndSourceExcerpt() {
            var e = extract(filler(20) + """
                       Compiling app v0.1.0 (/work/app)
                    error[E0425]: cannot find value `x` in this scope
                     --> src/main.rs:2:13
                      |
                    2 |     println!("{}", x);
                      |                    ^ not found in this scope

                    error: aborting due to previous error
                    """);
            assertThat(texts(e)).contains("error[E0425]: cannot find value `x` in this scope", "--> src/main.rs:2:13",
                    "2 |     println!(\"{}\", x);");
        }

        @Test
        void rspecFailureErrorKeepsExpectedAndGot() {
            var e = extract(filler(20) + """
                    Failures:

                      1) Calculator adds
                         Failure/Error: expect(calc.add(1, 2)).to eq(4)

                           expected: 4
                                got: 3
                         # ./spec/calculator_spec.rb:5:in `block (2 levels) in <top (required)>'

                    Finished in 0.01 seconds
                    1 example, 1 failure
                    """);
            assertThat(texts(e)).contains("Failure/Error: expect(calc.add(1, 2)).to eq(4)", "expected: 4", "got: 3");
        }

        @Test
        void gccDiagnosticIsKeptWithTheMakeVerdictAfterIt() {
            var e = extract(filler(20) + """
                    gcc -c -o main.o main.c
                    main.c:10:5: error: implicit declaration of function 'foo' [-Werror=implicit-function-declaration]
                       10 |     foo();
                          |     ^~~
                    make: *** [Makefile:4: main.o] Error 1
                    """);
            assertThat(texts(e)).contains("main.c:10:5: error: implicit declaration of function 'foo' [-Werror=implicit-function-declaration]",
                    "make: *** [Makefile:4: main.o] Error 1");
        }

        @Test
        void dotnetCompilerErrorIsFound() {
            var e = extract(filler(20) + """
                    Program.cs(7,13): error CS0103: The name 'y' does not exist in the current context [/src/App.csproj]
                    Build FAILED.
                        0 Warning(s)
                        1 Error(s)
                    """);
            assertThat(texts(e)).contains("Program.cs(7,13): error CS0103: The name 'y' does not exist in the current context [/src/App.csproj]");
        }

        @Test
        void dockerBuildStepFailureIsFound() {
            var e = extract(filler(20) + """
                    #7 [3/5] RUN npm ci
                    #7 2.314 npm ERR! code E404
                    #7 2.315 npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-padd - Not found
                    #7 ERROR: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1
                    ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1
                    """);
            assertThat(texts(e)).contains("#7 2.315 npm ERR! 404 Not Found - GET https://registry.npmjs.org/left-padd - Not found",
                    "ERROR: failed to solve: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1");
        }

        @Test
        void kubectlAndHelmErrorsAreFound() {
            var e = extract(filler(20) + """
                    Release "web" does not exist. Installing it now.
                    Error: INSTALLATION FAILED: unable to build kubernetes objects from release manifest: error validating data: ValidationError(Deployment.spec): missing required field "selector"
                    """);
            assertThat(texts(e)).anyMatch(t -> t.startsWith("Error: INSTALLATION FAILED"));
        }

        @Test
        void terraformErrorBlockIsKeptWithItsDetail() {
            var e = extract(filler(20) + """
                    Error: Invalid reference

                      on main.tf line 12, in resource "aws_s3_bucket" "b":
                      12:   bucket = var.nme

                    A reference to a resource type must be followed by at least one attribute access.
                    """);
            assertThat(texts(e)).contains("Error: Invalid reference", "on main.tf line 12, in resource \"aws_s3_bucket\" \"b\":");
        }

        @Test
        void aShellExitCodeIsFoundWhenNothingElseExplainsTheFailure() {
            var e = extract(filler(20) + "./deploy.sh: line 3: kubectl: command not found\nScript exited with exit code 127\n");
            assertThat(texts(e)).contains("./deploy.sh: line 3: kubectl: command not found");
        }
    }

    @Test
    void repeatedLinesAreShownOnce() {
        String repeated = "fatal: unable to access 'https://example.com/repo.git/': Could not resolve host: example.com\n";
        var e = extract(filler(10) + repeated + "retrying\n" + repeated + "retrying\n" + repeated);
        assertThat(texts(e)).filteredOn(t -> t.startsWith("fatal: unable to access")).hasSize(1);
    }

    @Test
    void aStackTraceKeepsItsHeadAndCause() {
        StringBuilder log = new StringBuilder(filler(20));
        log.append("Exception in thread \"main\" java.lang.IllegalStateException: config missing\n");
        for (int i = 0; i < 80; i++) {
            log.append("\tat com.example.Layer").append(i).append(".call(Layer").append(i).append(".java:").append(10 + i).append(")\n");
        }
        var e = extract(log.toString(), 10);
        List<String> texts = texts(e);
        assertThat(texts.getFirst()).contains("IllegalStateException: config missing");
        assertThat(texts).contains("at com.example.Layer0.call(Layer0.java:10)");
        assertThat(texts).hasSizeLessThanOrEqualTo(10);
    }

    @Nested
    class FailedStep {

        @Test
        void theCisOwnFailureLineIsShownWhenTheBudgetHasRoomButNeverDisplacesTheCause() {
            String log = "[Pipeline] { (Build)\n+ mvn -B verify\n" + filler(30)
                    + "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-deploy-plugin:3.1.1:deploy on project app: Failed to deploy artifacts\n"
                    + "Build step 'Invoke top-level Maven targets' marked build as failure\n" + "Finished: FAILURE\n";
            assertThat(texts(extract(log))).contains("Build step 'Invoke top-level Maven targets' marked build as failure");
            assertThat(texts(extract(log, 1))).containsExactly(
                    "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-deploy-plugin:3.1.1:deploy on project app: Failed to deploy artifacts");
        }

        @Test
        void travisNamesTheCommandThatExitedNonZeroAndItsOutputIsShown() {
            var e = extract("$ ./lint.sh\n" + filler(5) + "The command \"./lint.sh\" exited with 0.\n"
                    + "$ make test\n" + filler(40) + "Package size limit has exceeded by 49 B\n"
                    + "The command \"make test\" exited with 2.\n" + "Done. Your build exited with 1.\n");
            assertThat(e.failedStep()).isEqualTo("make test");
            assertThat(texts(e)).contains("Package size limit has exceeded by 49 B");
        }

        @Test
        void travisOutputOfTheFailedCommandWinsOverErrorsInEarlierSteps() {
            var e = extract("$ npm install\nnpm WARN deprecated request@2.88.2\nerror: optional dependency failed, continuing\n"
                    + "The command \"npm install\" exited with 0.\n"
                    + "$ npm test\n" + filler(10) + "AssertionError: expected 2 to equal 3\n"
                    + "The command \"npm test\" exited with 1.\n", 3);
            assertThat(texts(e)).contains("AssertionError: expected 2 to equal 3");
            assertThat(texts(e)).noneMatch(t -> t.contains("optional dependency"));
        }

        @Test
        void gitHubActionsNamesTheGroupThatEndedWithAnExitCode() {
            var e = extract("""
                    2024-03-01T10:00:00.0000000Z ##[group]Run npm ci
                    2024-03-01T10:00:01.0000000Z added 100 packages
                    2024-03-01T10:00:02.0000000Z ##[endgroup]
                    2024-03-01T10:00:03.0000000Z ##[group]Run npm test
                    2024-03-01T10:00:04.0000000Z Error: Cannot find module './config'
                    2024-03-01T10:00:05.0000000Z ##[endgroup]
                    2024-03-01T10:00:06.0000000Z ##[error]Process completed with exit code 1.
                    """);
            assertThat(e.failedStep()).isEqualTo("Run npm test");
            assertThat(texts(e)).contains("Error: Cannot find module './config'");
        }

        @Test
        void gitLabNamesTheScriptSectionNotTheCleanupAfterIt() {
            var e = extract("section_start:1:step_script\r\u001B[0K$ cargo build\n"
                    + "error[E0308]: mismatched types\n"
                    + "section_end:2:step_script\r\u001B[0K\n"
                    + "section_start:3:after_script\r\u001B[0K$ echo cleanup\n"
                    + "section_end:4:after_script\r\u001B[0K\n"
                    + "ERROR: Job failed: exit code 1\n");
            assertThat(e.failedStep()).isEqualTo("step_script");
            assertThat(texts(e)).contains("error[E0308]: mismatched types");
        }

        @Test
        void jenkinsNamesTheStageWhoseScriptFailed() {
            var e = extract("[Pipeline] { (Checkout)\n" + filler(3) + "[Pipeline] }\n"
                    + "[Pipeline] { (Test)\n+ ./gradlew test\nFooTest > bar FAILED\n    java.lang.AssertionError at FooTest.java:12\n"
                    + "[Pipeline] }\nERROR: script returned exit code 1\nFinished: FAILURE\n");
            assertThat(e.failedStep()).isEqualTo("Test");
            assertThat(texts(e)).contains("FooTest > bar FAILED");
        }
    }

    @Nested
    class Structure {

        @Test
        void anErrorInAStepThatSucceededIsNeverTheHeadlineWhenTheFailingStepSaysNothingErrorLike() {
            var e = extract("$ ./setup.sh\nerror: optional cache missing, continuing\n" + filler(3)
                    + "The command \"./setup.sh\" exited with 0.\n"
                    + "$ ./run-checks.sh\n" + filler(40) + "checks: 3 of 4 passed, see above\n"
                    + "The command \"./run-checks.sh\" exited with 1.\n", 5);
            assertThat(texts(e)).noneMatch(t -> t.contains("optional cache missing"));
            assertThat(texts(e)).contains("checks: 3 of 4 passed, see above");
        }

        @Test
        void everyFailingCommandOfATravisScriptGetsItsShare() {
            var e = extract("$ flake8\n./app.py:3:1: F821 undefined name 'x'\n"
                    + "The command \"flake8\" exited with 1.\n"
                    + "$ pytest\n" + filler(20) + "E   NameError: name 'x' is not defined\n"
                    + "The command \"pytest\" exited with 1.\n");
            assertThat(e.failedStep()).isEqualTo("flake8");
            assertThat(texts(e)).contains("./app.py:3:1: F821 undefined name 'x'", "E   NameError: name 'x' is not defined");
        }

        @Test
        void ofFailuresOfOneKindTheFirstIsShownFirst() {
            StringBuilder log = new StringBuilder("$ npm test\n");
            for (int i = 1; i <= 3; i++) {
                log.append(filler(30)).append("not ok ").append(i).append(" case ").append(i).append('\n')
                        .append("  expected: ").append(i).append('\n').append("  actual: 0\n");
            }
            log.append("The command \"npm test\" exited with 1.\n");
            var e = extract(log.toString(), 4);
            assertThat(texts(e)).contains("not ok 1 case 1");
        }

        @Test
        void aBareFailedWordRepeatedFarAboveTheStepsEndGivesWayToTheStepsEnd() {
            StringBuilder log = new StringBuilder("$ make check\n");
            for (int i = 0; i < 60; i++) {
                log.append("  GEN lib/Error").append(i).append("/failed.pm\n").append(filler(5));
            }
            log.append("flag provided but not defined: -trace2_event_file\n").append(filler(2))
                    .append("The command \"make check\" exited with 2.\n");
            var e = extract(log.toString(), 5);
            assertThat(texts(e)).contains("flag provided but not defined: -trace2_event_file");
        }

        @Test
        void aCommandWhoseEchoNamesFailureIsAStepNotAnErrorLine() {
            var e = extract("$ ./build.sh\n" + filler(10) + "error CS0246: The type 'Foo' could not be found\n" + filler(3)
                    + "The command \"./build.sh\" exited with 1.\n"
                    + "$ pwsh -File tools/ci.ps1 -Stage Failure\n" + filler(2), 30);
            assertThat(e.keyLines()).extracting(l -> l.text()).containsExactly("error CS0246: The type 'Foo' could not be found");
            assertThat(texts(e)).doesNotContain("$ pwsh -File tools/ci.ps1 -Stage Failure");
        }

        @Test
        void shellTracesAreStepsOnlyWhereTheRunnerEchoesNoCommands() {
            var traced = extract("Started by timer\n+ ./prepare.sh\nerror: warming cache\n+ mvn test\n" + filler(5)
                    + "[ERROR] Tests run: 3, Failures: 1\nBuild step 'Execute shell' marked build as failure\nFinished: FAILURE\n");
            assertThat(traced.failedStep()).isEqualTo("mvn test");
            var echoed = extract("$ Rscript -e 'check()'\n+ server <- function(input, output) {\n" + filler(3)
                    + "Error: check failed\nThe command \"Rscript -e 'check()'\" exited with 1.\n");
            assertThat(echoed.failedStep()).isEqualTo("Rscript -e 'check()'");
        }
    }

    @Nested
    class LastGreenRun {

        private static final String GREEN = "$ mvn verify\n[INFO] Scanning for projects\n"
                + "[WARNING] error-prone plugin is deprecated\n[INFO] Tests run: 4, Failures: 0\n[INFO] BUILD SUCCESS\n";

        @Test
        void linesTheGreenRunPrintedTooAreLeftOut() {
            var e = extract("$ mvn verify\n[INFO] Scanning for projects\n[WARNING] error-prone plugin is deprecated\n"
                    + "[ERROR] /src/App.java:[3,8] cannot find symbol\n[INFO] BUILD FAILURE\n"
                    + "Build step 'Execute shell' marked build as failure\n", GREEN);
            assertThat(texts(e)).contains("[ERROR] /src/App.java:[3,8] cannot find symbol")
                    .doesNotContain("[INFO] Scanning for projects", "[WARNING] error-prone plugin is deprecated");
        }

        @Test
        void theFirstNewErrorLeadsOverTheBuildToolsSummaryOfIt() {
            var e = extract("$ mvn verify\n[INFO] Scanning for projects\n" + filler(10)
                    + "[WARNING] Error injecting: org.example.Plugin\n"
                    + "java.lang.UnsupportedClassVersionError: org/example/Plugin has been compiled by a more recent version\n"
                    + "    at java.lang.ClassLoader.defineClass1 (Native Method)\n" + filler(10)
                    + "[ERROR] Failed to execute goal org.example:plugin:1.0:run (default) on project app\n"
                    + "[ERROR] realm = plugin>org.example:plugin:1.0\n"
                    + "Build step 'Execute shell' marked build as failure\n", GREEN + filler(10));
            assertThat(texts(e).getFirst()).isEqualTo("[WARNING] Error injecting: org.example.Plugin");
        }

        @Test
        void boilerplateTheGreenRunPrintedTooStaysBetweenTheNewLinesAroundIt() {
            // the help link names the exception's kind, so the failing run's help block is not all old
            String help = "[ERROR] \n[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.\n"
                    + "[ERROR] Re-run Maven using the -X switch to enable full debug logging.\n[ERROR] \n"
                    + "[ERROR] For more information about the errors and possible solutions, please read the following articles:\n"
                    + "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/%s\n[ERROR] \n";
            var e = extract("$ mvn verify\n" + filler(10)
                    + "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:testCompile on project core\n"
                    + help.formatted("MojoExecutionException") + "[ERROR] After correcting the problems, you can resume the build with the command\n"
                    + "[ERROR]   mvn <goals> -rf :core\nBuild step 'Execute shell' marked build as failure\n",
                    GREEN + filler(10) + "[ERROR] Failed to execute goal org.example:lint:1.0:check (tolerated) on project docs\n"
                    + help.formatted("MojoFailureException"));
            assertThat(texts(e)).containsSubsequence(
                    "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:testCompile on project core",
                    "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
                    "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
                    "[ERROR]   mvn <goals> -rf :core");
        }

        @Test
        void aBlockStartsAtItsFirstNewLineNotAtTheUsageTextTheGreenRunPrintedToo() {
            StringBuilder usage = new StringBuilder("Usage: tool mine [-hV] [--source=<source>]\n");
            for (int i = 0; i < 20; i++) {
                usage.append("      --option-").append((char) ('a' + i)).append("   what option ").append((char) ('a' + i)).append(" does\n");
            }
            String green = "$ mvn test\n[INFO] Running MinerTest\nmissing option, Error: no pom.xml\n" + usage
                    + "[INFO] Tests run: 4, Failures: 0\n";
            var e = extract("$ mvn test\n[INFO] Running MinerTest\nmissing option, Error: no pom.xml\n" + usage
                    + "org.example.TransportException: https://git.example.org/repo.git: 503 Service Unavailable\n"
                    + "\tat org.example.Fetch.call(Fetch.java:222)\n\tat org.example.Clone.call(Clone.java:176)\n"
                    + "[ERROR] Tests run: 4, Failures: 0, Errors: 1\nBuild step 'Execute shell' marked build as failure\n", green);
            assertThat(texts(e).getFirst()).isEqualTo("org.example.TransportException: https://git.example.org/repo.git: 503 Service Unavailable");
            assertThat(texts(e)).noneMatch(line -> line.startsWith("--option-"));
        }
    }

    @Test
    void aHeldOutRuleNoLongerScoresItsLines() {
        String log = "$ ./deploy.sh\n" + filler(30) + "Error: release failed\n" + filler(30) + "done\n"
                + "The command \"./deploy.sh\" exited with 1.\n";
        var session = new FailureExtractor(3, Tuning.DEFAULT.without(java.util.Set.of("rule:fatal", "rule:error-word",
                "rule:failed-word", "rule:exception"))).newSession();
        new LogNormalizer().normalize(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), session::accept);
        assertThat(texts(session.finish())).doesNotContain("Error: release failed");
        assertThat(texts(extract(log, 3))).contains("Error: release failed");
        assertThat(Vocabulary.ruleFor("Error: release failed")).contains("rule:fatal");
    }

    @Test
    void theBudgetIsNeverExceededAndLinesComeInLogOrder() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            log.append("src/file").append(i).append(".c:").append(i + 1).append(":3: error: unknown type name 'foo").append(i).append("'\n");
            log.append("context ").append(i).append('\n');
        }
        for (int max : new int[] {1, 5, 30}) {
            var e = extract(log.toString(), max);
            assertThat(e.excerpt()).hasSizeLessThanOrEqualTo(max).isNotEmpty();
            assertThat(e.excerpt()).extracting(LogLine::number).isSorted();
        }
    }

    @Test
    void aLogWithoutErrorsFallsBackToItsLastLines() {
        var e = extract(filler(100), 5);
        assertThat(texts(e)).containsExactly("step 95 done", "step 96 done", "step 97 done", "step 98 done", "step 99 done");
    }

    @Test
    void lineNumbersAreTheOriginalOnes() {
        var e = extract(filler(7) + "\n\nfatal: not a git repository\n");
        assertThat(e.excerpt()).extracting(LogLine::number).contains(10);
    }

    @Test
    void linesThatSayThereWereNoErrorsAreNotErrors() {
        assertThat(ErrorRules.weight("Tests run: 12, Failures: 0, Errors: 0, Skipped: 0")).isZero();
        assertThat(ErrorRules.weight("0 errors, 0 warnings")).isZero();
        assertThat(ErrorRules.weight("error: unused variable `x`")).isGreaterThanOrEqualTo(ErrorRules.ERROR);
    }
}
