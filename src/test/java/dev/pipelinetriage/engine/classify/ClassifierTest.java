package dev.pipelinetriage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.extract.Extraction;
import dev.pipelinetriage.engine.match.RegexEvidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private final Classifier classifier = new Classifier();

    private static KnownError entry(String id, Category category) {
        return new KnownError(id, "Title of " + id, category, "network", List.of(new Indication.LineRegex("x")),
                List.of(), List.of(), "runbooks/" + id + ".md", "fix", RerunAdvice.SAFE, "team", List.of());
    }

    private static KnownError summary(String id) {
        return new KnownError(id, "Title of " + id, Category.CODE, "test", List.of(new Indication.LineRegex("x")),
                List.of(), List.of(), "runbooks/" + id + ".md", "fix", RerunAdvice.NEVER, "developer",
                List.of("test", Classifier.SUMMARY_TAG));
    }

    private static Extraction extraction(LogLine... keyLines) {
        return new Extraction(List.of(keyLines), List.of(keyLines), null, 100);
    }

    @Test
    void aKnownErrorWhoseEvidenceIsTheKeyFailureLineDecidesTheVerdict() {
        var reset = new LogLine(90, "Could not transfer artifact a:b:jar:1 from/to central: Connection reset");
        var result = classifier.classify(extraction(reset),
                List.of(new RegexEvidence(entry("maven-connection-reset", Category.PLATFORM), 1, List.of(reset))), List.of());
        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.match().knownError().id()).isEqualTo("maven-connection-reset");
        assertThat(result.confidence()).isGreaterThan(0.8);
    }

    @Test
    void aKnownErrorSeenOnlyFarFromTheFailureIsNotTrustedAsTheExplanation() {
        var early = new LogLine(3, "warning: connection reset, retrying");
        var failure = new LogLine(95, "src/Main.java:[12,5] error: cannot find symbol");
        var result = classifier.classify(extraction(failure),
                List.of(new RegexEvidence(entry("connection-reset", Category.PLATFORM), 1, List.of(early))), List.of());
        assertThat(result.verdict()).isEqualTo(Verdict.CODE);
        assertThat(result.match()).isNull();
    }

    @Test
    void aPhraseIndicationTheIndexFoundInTheFailureLinesNamesItsEntry() {
        var line = new LogLine(40, "Error response from daemon: toomanyrequests: You have reached your pull rate limit.");
        var result = classifier.classify(extraction(line), List.of(),
                List.of(new Match(entry("docker-hub-rate-limit", Category.PLATFORM), 0.95, List.of(line), true)));
        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.match().patternFired()).isTrue();
        assertThat(result.reason()).contains("Title of docker-hub-rate-limit");
    }

    @Test
    void resemblanceToAnEntrysExamplesAloneNeverNamesIt() {
        var line = new LogLine(40, "ImportError: No module named 'requests'");
        var result = classifier.classify(extraction(line), List.of(),
                List.of(new Match(entry("shellcheck-issues", Category.CODE), 0.95, List.of(line), false)));

        assertThat(result.match()).isNull();
        assertThat(result.reason()).startsWith("no known error");
        assertThat(result.confidence()).isLessThan(0.6);
    }

    @Test
    void withoutAFiredPatternTheGenericSignalsAreReported() {
        var line = new LogLine(40, "src/app.c:12:5: error: unknown type name 'foo_t'");
        var result = classifier.classify(extraction(line), List.of(),
                List.of(new Match(entry("kotlin-compile-error", Category.CODE), 0.9, List.of(line), false)));

        assertThat(result.verdict()).isEqualTo(Verdict.CODE);
        assertThat(result.signals()).containsExactly("compile error");
        assertThat(result.reason()).isEqualTo("no known error; generic compile error signs point to code");
    }

    @Test
    void aRegexThatFiredFarFromTheFailureDoesNotNameItsEntryEvenWhenTheFailureResemblesIt() {
        var early = new LogLine(3, "npm WARN registry request failed, retrying: socket hang up");
        var failure = new LogLine(95, "Error: Cannot find module 'left-pad'");
        var entry = entry("socket-hang-up", Category.PLATFORM);
        var result = classifier.classify(extraction(failure),
                List.of(new RegexEvidence(entry, 1, List.of(early))),
                List.of(new Match(entry, 0.8, List.of(failure), false)));

        assertThat(result.match()).isNull();
        assertThat(result.verdict()).isEqualTo(Verdict.CODE);
    }

    @Test
    void aFiredPatternOutranksAStrongerResemblanceToAnotherEntry() {
        var line = new LogLine(50, "ModuleNotFoundError: No module named 'yaml'");
        var result = classifier.classify(extraction(line),
                List.of(new RegexEvidence(entry("python-import-error", Category.CODE), 1, List.of(line))),
                List.of(new Match(entry("pip-download-network-error", Category.PLATFORM), 0.99, List.of(line), false)));

        assertThat(result.match().knownError().id()).isEqualTo("python-import-error");
        assertThat(result.verdict()).isEqualTo(Verdict.CODE);
    }

    @Test
    void anEntryThatSupersedesTheChosenOneAndFiredNearTheFailureNamesTheFailure() {
        var cannotAccess = new LogLine(80, "[ERROR] /app/src/main/java/App.java:[3,20] cannot access org.example.Lib");
        var wrongVersion = new LogLine(82, "[ERROR]     class file has wrong version 61.0, should be 55.0");
        KnownError javac = entry("javac-compile-error", Category.CODE);
        KnownError classVersion = new KnownError("jvm-class-version-mismatch", "Title of jvm-class-version-mismatch",
                Category.CODE, "toolchain", List.of(new Indication.LineRegex("x")), List.of(), List.of(),
                "runbooks/toolchain.md", "fix", RerunAdvice.NEVER, "developer", List.of(), List.of("javac-compile-error"));
        var result = classifier.classify(extraction(cannotAccess, wrongVersion), List.of(
                new RegexEvidence(javac, 1, List.of(cannotAccess)),
                new RegexEvidence(classVersion, 1, List.of(wrongVersion))), List.of());

        assertThat(result.match().knownError().id()).isEqualTo("jvm-class-version-mismatch");
        assertThat(result.reason()).contains("a more specific form of 'Title of javac-compile-error'");
    }

    @Test
    void anEntryThatSupersedesAnotherButDidNotFireLeavesTheGenericOne() {
        var cannotFind = new LogLine(80, "[ERROR] /app/src/main/java/App.java:[3,20] cannot find symbol");
        KnownError javac = entry("javac-compile-error", Category.CODE);
        KnownError classVersion = new KnownError("jvm-class-version-mismatch", "Title of jvm-class-version-mismatch",
                Category.CODE, "toolchain", List.of(new Indication.LineRegex("x")), List.of(), List.of(),
                "runbooks/toolchain.md", "fix", RerunAdvice.NEVER, "developer", List.of(), List.of("javac-compile-error"));
        var result = classifier.classify(extraction(cannotFind),
                List.of(new RegexEvidence(javac, 1, List.of(cannotFind))),
                List.of(new Match(classVersion, 0.7, List.of(cannotFind), false)));

        assertThat(result.match().knownError().id()).isEqualTo("javac-compile-error");
    }

    @Test
    void withoutAKnownErrorGenericPlatformSignsGiveALowConfidencePlatformVerdict() {
        var line = new LogLine(12, "curl: (6) Could not resolve host: downloads.example.org");
        var result = classifier.classify(extraction(line), List.of(), List.of());
        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.match()).isNull();
        assertThat(result.confidence()).isBetween(0.3, 0.6);
    }

    @Test
    void aLogWithNoErrorLinesIsUnknownWithZeroConfidence() {
        var result = classifier.classify(new Extraction(List.of(new LogLine(1, "all good")), List.of(), null, 1),
                List.of(), List.of());
        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.confidence()).isZero();
    }

    @Test
    void aCauseShownNextToATestSummaryIsTheExplanation() {
        var fail = new LogLine(588, "--- FAIL: TestSimulation (10.06s)");
        var bind = new LogLine(589, "peer_test.go:235: listen udp 127.0.0.1:42613: bind: address already in use");
        var result = classifier.classify(extraction(fail, bind), List.of(
                new RegexEvidence(summary("go-test-failure"), 1, List.of(fail)),
                new RegexEvidence(entry("address-already-in-use", Category.FLAKY), 1, List.of(bind))), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.FLAKY);
        assertThat(result.match().knownError().id()).isEqualTo("address-already-in-use");
        assertThat(result.reason()).contains("the cause behind 'Title of go-test-failure'");
    }

    @Test
    void aFaintResemblanceDoesNotDisplaceAClearSummary() {
        var fail = new LogLine(90, "Tests:       2 failed, 40 passed, 42 total");
        var other = new LogLine(80, "warning: retrying download");
        var result = classifier.classify(extraction(fail), List.of(new RegexEvidence(summary("jest-test-failure"), 1, List.of(fail))),
                List.of(new Match(entry("registry-flake", Category.PLATFORM), 0.72, List.of(other), false)));

        assertThat(result.verdict()).isEqualTo(Verdict.CODE);
        assertThat(result.match().knownError().id()).isEqualTo("jest-test-failure");
    }

    @Test
    void aKnownErrorTheLogEndsOnCountsEvenWhenTheExtractorChoseOtherLines() {
        var generic = new LogLine(126, "ERROR: Job failed: exit code 1");
        var diff = new LogLine(110, "Diff in /builds/app/src/main.rs at line 12:");
        var result = classifier.classify(new Extraction(List.of(generic), List.of(generic), null, 127),
                List.of(new RegexEvidence(entry("rustfmt-check-failed", Category.CODE), 2, List.of(diff))), List.of());

        assertThat(result.match().knownError().id()).isEqualTo("rustfmt-check-failed");
        assertThat(result.confidence()).isLessThan(0.7);
    }

    @Test
    void aLateHitOutsideTheFailingStepDoesNotNameItsEntry() {
        var generic = new LogLine(126, "ERROR: Job failed: exit code 1");
        var probe = new LogLine(110, "Diff in /builds/app/src/main.rs at line 12:");
        var failingStepFrom120 = new Extraction(List.of(generic), List.of(generic), "step_script", 127, 120, 127);
        var result = classifier.classify(failingStepFrom120,
                List.of(new RegexEvidence(entry("rustfmt-check-failed", Category.CODE), 2, List.of(probe))), List.of());
        assertThat(result.match()).isNull();
    }

    @Test
    void aFailureWhileTheRunnerPreparesTheJobIsAPlatformSignWithoutAKnownError() {
        var line = new LogLine(16, "error: something went wrong");
        var result = classifier.classify(new Extraction(List.of(line), List.of(line), "get_sources", 20), List.of(), List.of());
        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.signals()).contains("set-up step failed");
    }

    @Test
    void aHeldOutSignIsNotUsed() {
        var line = new LogLine(12, "curl: (6) Could not resolve host: downloads.example.org");
        var result = new Classifier(java.util.Set.of("sign:network")).classify(extraction(line), List.of(), List.of());
        assertThat(result.signals()).doesNotContain("network");
        assertThat(result.verdict()).isNotEqualTo(Verdict.PLATFORM);
    }

    @Test
    void aLateHitDoesNotNameItsEntryWhenTheFailureLinesShowAnotherKindOfFailure() {
        var compile = new LogLine(860, "Program.cs(12,5): error CS0246: The type or namespace name 'Foo' could not be found");
        var aptWarning = new LogLine(790, "W: Failed to fetch https://packages.example.org/dists/trusty/InRelease");
        var result = classifier.classify(new Extraction(List.of(compile), List.of(compile), null, 913),
                List.of(new RegexEvidence(entry("apt-repository-failure", Category.PLATFORM), 2, List.of(aptWarning))),
                List.of());

        assertThat(result.match()).isNull();
        assertThat(result.verdict()).isEqualTo(Verdict.CODE);
    }

    @Test
    void withoutAFiredPatternAPackageArchiveThatNoLongerOffersAPinIsAPlatformSign() {
        var line = new LogLine(600, "PackagesNotFoundError: The following packages are not available from current channels:");
        var result = classifier.classify(extraction(line), List.of(), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.signals()).containsExactly("package unavailable");
    }

    @Test
    void withoutAFiredPatternAConnectionThatCouldNotBeCreatedIsANetworkSign() {
        var line = new LogLine(80, "signal(error (\"Could not create connection to elpa.example.org:443\"))");
        var result = classifier.classify(extraction(line), List.of(), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.signals()).containsExactly("network");
    }

    @Test
    void withoutAFiredPatternAGitFetchThatFailedIsAPlatformSign() {
        var line = new LogLine(30, "fatal: Remote branch feature-x not found in upstream origin");
        var result = classifier.classify(extraction(line), List.of(), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.signals()).containsExactly("git fetch");
    }

    @Test
    void whenTwoRegexEntriesHitTheSameLineTheOneWhoseExampleItResemblesMoreWins() {
        var line = new LogLine(50, "go: example.com/x@v1.0.0: Get \"https://proxy.golang.org/x\": net/http: TLS handshake timeout");
        var result = classifier.classify(extraction(line), List.of(
                        new RegexEvidence(entry("tls-handshake", Category.PLATFORM), 1, List.of(line)),
                        new RegexEvidence(entry("go-module-download", Category.PLATFORM), 1, List.of(line))),
                List.of(new Match(entry("go-module-download", Category.PLATFORM), 0.95, List.of(line), false),
                        new Match(entry("tls-handshake", Category.PLATFORM), 0.5, List.of(line), false)));

        assertThat(result.match().knownError().id()).isEqualTo("go-module-download");
    }

    @Test
    void withoutAFiredPatternAnAptRepositoryWhoseSignatureFailsIsAPackageSignatureSign() {
        var line = new LogLine(70, "W: GPG error: http://deb.example.org/debian stable InRelease: At least one invalid signature was encountered.");
        var result = classifier.classify(extraction(line), List.of(), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.signals()).containsExactly("package signature");
    }

    @Test
    void aPackageSignatureTheServerNoLongerHasOutweighsThePanicItCaused() {
        var panic = new LogLine(1717, "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: Custom { kind: NotFound, "
                + "error: StringError(\"https://pkg.example.org/x86_64/keyboard.sig not found\") }', libcore/result.rs:945:5");
        var result = classifier.classify(extraction(panic), List.of(), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.signals()).containsExactly("package signature");
    }

    @Test
    void anApiSignatureCheckOrAPageNamedLikeASignatureIsNoPackageSignatureSign() {
        var sniffer = new LogLine(40, "[ERROR] Signature errors found. Verify them and ignore them with the proper annotation if needed.");
        var page = new LogLine(42, "[404] http://localhost:5710/docs/signup.html not found");

        for (LogLine line : List.of(sniffer, page)) {
            assertThat(classifier.classify(extraction(line), List.of(), List.of()).signals())
                    .as(line.text()).doesNotContain("package signature");
        }
    }

    @Test
    void aCompilerErrorAboutASignatureStaysACompileError() {
        var line = new LogLine(50, "src/Foo.java:12: error: method signature not found in interface Bar");
        var result = classifier.classify(extraction(line), List.of(), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.CODE);
        assertThat(result.signals()).containsExactly("compile error");
    }

    @Test
    void withoutAFiredPatternABrowserThatStoppedAnsweringIsARemoteSideLostSign() {
        var line = new LogLine(964, "  Disconnected, because no message in 30000 ms.");
        var result = classifier.classify(extraction(line), List.of(), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.signals()).containsExactly("remote side lost");
    }

    @Test
    void aTestNamedAfterADisconnectionIsStillATestFailure() {
        var line = new LogLine(300, "not ok 12 - reconnects after the browser disconnected");
        var result = classifier.classify(extraction(line), List.of(), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.CODE);
        assertThat(result.signals()).containsExactly("test failure");
    }

    @Test
    void withoutErrorLinesTheLastLinesOfTheFailingStepVote() {
        var compiling = new LogLine(900, "   Compiling app-server v0.16.0 (/builds/app/server)");
        var status = new LogLine(901, "WARNING: Getting job pod status Get \"https://10.0.0.1:443/api/v1/namespaces/ci/pods/runner-1\": "
                + "http2: client connection lost");
        var result = classifier.classify(new Extraction(List.of(compiling, status), List.of(), "build", 901), List.of(), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.PLATFORM);
        assertThat(result.signals()).containsExactly("remote side lost");
    }

    @Test
    void withoutErrorLinesAStepEndThatShowsNoSignStaysUnknown() {
        var end = new LogLine(40, "Please rebuild the JavaScript and commit the changes.");
        var result = classifier.classify(new Extraction(List.of(end), List.of(), "check", 41), List.of(), List.of());

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    }
}
