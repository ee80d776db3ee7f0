package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.domain.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole-log triage over the repository's knowledge base for failure classes that are easy to get wrong: each
 * log ends the way the tool really ends a failed job, and the near misses carry the same words in a line the
 * job survived, so the entry must name the failure only where the job actually stopped on it.
 */
class KnowledgeBaseFailureClassesTest {

    private static TriageService triage;

    @BeforeAll
    static void loadTheRepositoryKnowledgeBase() {
        var load = Bootstrap.knowledgeBase(Optional.of(Path.of("knowledge-base")));
        assertThat(load).isInstanceOf(KnowledgeBaseLoad.Loaded.class);
        triage = Bootstrap.triageService(((KnowledgeBaseLoad.Loaded) load).knownErrors());
    }

    private static TriageReport analyze(String log) {
        return triage.analyze(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), 30, false);
    }

    @DisplayName("a failed job is explained by the entry for its failure class")
    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFailedJobIsExplainedByTheEntryForItsClass(String expectedId, Verdict expectedVerdict, String log) {
        TriageReport report = analyze(log);

        assertThat(report.bestMatch().map(m -> m.knownError().id())).contains(expectedId);
        assertThat(report.verdict()).isEqualTo(expectedVerdict);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("shell-command-not-found", Verdict.CODE, """
                        $ npm ci
                        added 812 packages in 14s
                        $ test/sass-compile-tester.sh
                        /home/travis/.travis/job_stages: line 78: test/sass-compile-tester.sh: No such file or directory
                        The command "test/sass-compile-tester.sh" exited with 127.
                        Done. Your build exited with 1.
                        """),
                Arguments.of("shell-command-not-found", Verdict.CODE, """
                        ##[group]Run pnpm install --frozen-lockfile
                        ##[endgroup]
                        /home/runner/work/_temp/3f2c9a.sh: line 1: pnpm: command not found
                        ##[error]Process completed with exit code 127.
                        """),
                Arguments.of("shell-command-not-found", Verdict.CODE, """
                        $ make lint
                        bash: line 3: golangci-lint: command not found
                        make: *** [Makefile:12: lint] Error 1
                        ERROR: Job failed: exit code 1
                        """),
                Arguments.of("cmake-package-not-found", Verdict.CODE, """
                        -- The CXX compiler identification is GNU 11.4.0
                        CMake Error at CMakeLists.txt:24 (find_package):
                          By not providing "FindEigen3.cmake" in CMAKE_MODULE_PATH this project has
                          asked CMake to find a package configuration file provided by "Eigen3", but
                          CMake did not find one.
                        -- Configuring incomplete, errors occurred!
                        """),
                Arguments.of("ci-default-build-no-config", Verdict.CODE, """
                        $ bundle exec rake
                        rake aborted!
                        No Rakefile found (looking for: rakefile, Rakefile, rakefile.rb, Rakefile.rb)
                        (See full trace by running task with --trace)
                        The command "bundle exec rake" exited with 1.
                        """),
                Arguments.of("link-checker-broken-links", Verdict.CODE, """
                        > app@4.3.1 docs-linkinator /home/travis/build/example/app
                        > linkinator _site --recurse --silent

                          [404] http://localhost:5710/docs/4.3/dist/js/app.bundle.js

                        ERROR: Detected 1 broken links. Scanned 589 links in 5.881 seconds.
                        npm ERR! code ELIFECYCLE
                        npm ERR! errno 1
                        """),
                Arguments.of("haskell-ghc-compile-error", Verdict.CODE, """
                        Building library for app-0.1.0.0..
                        [2 of 5] Compiling App.Server       ( src/App/Server.hs, dist-newstyle/build/App/Server.o )

                        src/App/Server.hs:42:18: error: [GHC-88464]
                            Variable not in scope: runServer :: Config -> IO ()
                           |
                        42 | main = runServer defaultConfig
                           |        ^^^^^^^^^
                        Error: cabal: Failed to build app-0.1.0.0.
                        """),
                Arguments.of("haskell-test-suite-failure", Verdict.CODE, """
                        Running 1 test suites...
                        Test suite app-test: RUNNING...

                        Parser
                          parses an empty document [✔]
                          parses a nested list [✘]

                        Failures:

                          test/ParserSpec.hs:31:7:
                          1) Parser parses a nested list
                               expected: Right [Item 1]
                                but got: Left "unexpected end of input"

                        6 examples, 1 failure
                        Test suite app-test: FAIL
                        Test suite logged to: dist-newstyle/build/app-0.1.0.0/test/app-0.1.0.0-app-test.log
                        """),
                Arguments.of("git-lfs-fetch-failed", Verdict.PLATFORM, """
                        Fetching the repository
                        Downloading assets/model.bin (41 MB)
                        Error downloading object: assets/model.bin (3f1c0a9): Smudge error: Error downloading assets/model.bin (3f1c0a9e2b7d): batch response: Rate limit exceeded: https://github.com/example/app.git/info/lfs/objects/batch
                        error: external filter 'git-lfs filter-process' failed
                        fatal: assets/model.bin: smudge filter lfs failed
                        """),
                Arguments.of("git-lfs-quota-exceeded", Verdict.PLATFORM, """
                        Fetching LFS objects
                        batch response: This repository is over its data quota. Account responsible for LFS bandwidth should purchase more data packs to restore access.
                        error: failed to fetch some objects from 'https://github.com/example/app.git/info/lfs'
                        ##[error]Process completed with exit code 2.
                        """),
                Arguments.of("command-timeout-exit-124", Verdict.FLAKY, """
                        ##[group]Run timeout 20m make test-integration
                        ##[endgroup]
                        go test ./integration/...
                        === RUN   TestReplicationCatchesUp
                        Terminated
                        ##[error]Process completed with exit code 124.
                        """),
                Arguments.of("karma-jasmine-test-failure", Verdict.CODE, """
                        Chrome Headless 120.0.6099.71 (Linux x86_64) Calculator adds numbers FAILED
                        	Expected 3 to be 4.
                        	    at UserContext.<anonymous> (src/app/calculator.spec.ts:12:25)
                        Chrome Headless 120.0.6099.71 (Linux x86_64): Executed 42 of 42 (1 FAILED) (1.2 secs / 1.1 secs)
                        TOTAL: 1 FAILED, 41 SUCCESS
                        """),
                Arguments.of("swiftlint-violations", Verdict.CODE, """
                        Linting Swift files in current working directory
                        Linting 'ProfileView.swift' (1/48)
                        /Users/runner/work/app/app/Sources/App/ProfileView.swift:42:1: error: Line Length Violation: Line should be 120 characters or less; currently it has 134 characters (line_length)
                        Done linting! Found 1 violation, 1 serious in 48 files.
                        """),
                Arguments.of("ci-login-credentials-empty", Verdict.PLATFORM, """
                        ##[group]Run docker/login-action@v3
                        with:
                          logout: true
                        ##[endgroup]
                        ##[error]Username and password required
                        """),
                Arguments.of("ci-default-build-no-config", Verdict.CODE, """
                        Could not find .travis.yml, using standard configuration.
                        Build language: ruby
                        $ rake
                        rake aborted!
                        No Rakefile found (looking for: rakefile, Rakefile, rakefile.rb, Rakefile.rb)
                        The command "rake" exited with 1.
                        """),
                Arguments.of("cmake-package-not-found", Verdict.CODE, """
                        -- The CXX compiler identification is GNU 11.4.0
                        CMake Error at CMakeLists.txt:24 (find_package):
                          By not providing "FindQt6.cmake" in CMAKE_MODULE_PATH this project has
                          asked CMake to find a package configuration file provided by "Qt6", but
                          CMake did not find one.

                          Could not find a package configuration file provided by "Qt6" with any of
                          the following names:
                        -- Configuring incomplete, errors occurred!
                        """),
                Arguments.of("sanitizer-error", Verdict.CODE, """
                        [ RUN      ] Buffer.AppendGrows
                        =================================================================
                        ==4211==ERROR: AddressSanitizer: heap-use-after-free on address 0x607200043918 at pc 0x8a48bf bp 0x7ffe02d03040 sp 0x7ffe02d03038
                        READ of size 8 at 0x607200043918 thread T0
                            #0 0x8a48be in buf_append src/buffer.c:88
                        SUMMARY: AddressSanitizer: heap-use-after-free src/buffer.c:88 in buf_append
                        """),
                Arguments.of("native-crash-segfault", Verdict.CODE, """
                        [ RUN      ] Parser.HandlesDeepNesting
                        /home/runner/work/_temp/1b2c.sh: line 1:  4321 Segmentation fault      (core dumped) ./build/tests/unit_tests
                        ##[error]Process completed with exit code 139.
                        """),
                Arguments.of("stylelint-problems", Verdict.CODE, """
                        > app@1.0.0 css-lint
                        > stylelint "scss/**/*.scss"

                        scss/_buttons.scss
                          12:3  ✖  Expected "color" to come before "background-color"   order/properties-order
                          45:10  ✖  Unexpected unknown at-rule "@tailwind"   scss/at-rule-no-unknown
                        """),
                Arguments.of("generated-files-not-committed", Verdict.CODE, """
                        + make generate
                        protoc --go_out=. api/user.proto
                        + git diff --exit-code
                        diff --git a/api/user.pb.go b/api/user.pb.go
                        index 3f2a1b4..8c9d0e1 100644
                        ##[error]Process completed with exit code 1.
                        """));
    }

    @DisplayName("a line the job survived does not name the failure")
    @ParameterizedTest(name = "{0} stays out")
    @MethodSource("nearMisses")
    void aLineTheJobSurvivedDoesNotNameTheFailure(String unwantedId, String log) {
        TriageReport report = analyze(log);

        assertThat(report.bestMatch().map(NamedError::knownError).map(e -> e.id())).isPresent().get()
                .isNotEqualTo(unwantedId);
    }

    @Test
    void travisMacOsShellSessionUpdateLineIsNeverTakenForAMissingCommand() {
        TriageReport report = analyze("""
                $ npm test
                  12 passing (40ms)
                /Users/travis/.travis/job_stages: line 166: shell_session_update: command not found

                Done. Your build exited with 1.
                """);

        assertThat(report.bestMatch().map(m -> m.knownError().id()).orElse("no known error"))
                .isNotEqualTo("shell-command-not-found");
    }

    static Stream<Arguments> nearMisses() {
        return Stream.of(
                Arguments.of("shell-command-not-found", """
                        bash: line 97: bc: command not found
                        [INFO] Building app 1.0
                        [INFO] --- maven-compiler-plugin:3.8.0:compile (default-compile) @ app ---
                        [ERROR] No space left on device
                        java.io.IOException: No space left on device
                        [INFO] BUILD FAILURE
                        """),
                Arguments.of("shell-command-not-found", """
                          1) Parser
                               parses a nested list:
                             AssertionError: expected 1 to equal 2
                          41 passing (1s)
                          1 failing
                        /Users/travis/.travis/job_stages: line 166: shell_session_update: command not found
                        """),
                Arguments.of("git-lfs-fetch-failed", """
                        [544d56cd8356e644b4765af2152e4935a0b5aa0b1a8db727968261bba7ba9163] Object does not exist on the server or you don't have permissions to access it: [404] Object does not exist on the server or you don't have permissions to access it
                        error: failed to fetch some objects from 'https://gitlab.com/example/app.git/info/lfs'
                        ERROR: Job failed: exit code 1
                        """),
                Arguments.of("swift-xcode-build-failed", """
                        Linting 'Model.swift' (2/48)
                        Sources/App/Model.swift:12:9: error: Force Cast Violation: Force casts should be avoided (force_cast)
                        Done linting! Found 1 violation, 1 serious in 48 files.
                        """),
                Arguments.of("cargo-build-script-failed", """
                        error: failed to run custom build command for `shaderc-sys v0.8.0`
                        Caused by:
                          process didn't exit successfully: `target/release/build/shaderc-sys-c2cd95ec/build-script-build` (exit status: 101)
                          --- stderr
                          thread 'main' panicked at 'failed to write build/CMakeCache.txt: No space left on device (os error 28)'
                        error: could not compile `app` due to previous error
                        """));
    }
}
