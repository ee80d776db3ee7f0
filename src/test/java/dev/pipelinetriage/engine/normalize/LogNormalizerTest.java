package dev.pipelinetriage.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogNormalizerTest {

    private static List<NormalizedLine> normalize(byte[] log) {
        List<NormalizedLine> out = new ArrayList<>();
        new LogNormalizer().normalize(new ByteArrayInputStream(log), out::add);
        return out;
    }

    private static List<NormalizedLine> normalize(String log) {
        return normalize(log.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ansiColourCodesAreRemoved() {
        var lines = normalize("\u001B[31;1merror\u001B[0m: cannot find symbol\n");
        assertThat(lines.getFirst().text()).isEqualTo("error: cannot find symbol");
    }

    @Test
    void colourCodesThatLostTheirEscapeByteAreRemovedToo() {
        var lines = normalize("[0K[33;1mThe command \"make\" exited with 2.[0m\n");
        assertThat(lines.getFirst().text()).isEqualTo("The command \"make\" exited with 2.");
    }

    @Test
    void aCarriageReturnProgressBarKeepsOnlyWhatTheTerminalShowedLast() {
        var lines = normalize("Downloading 10%\rDownloading 55%\rDownloading 100%\r\nnext\n");
        assertThat(lines).extracting(NormalizedLine::text).containsExactly("Downloading 100%", "next");
    }

    @Test
    void windowsLineEndingsDoNotLeaveCarriageReturnsBehind() {
        var lines = normalize("first\r\nsecond\r\n");
        assertThat(lines).extracting(NormalizedLine::text).containsExactly("first", "second");
    }

    @Test
    void gitHubActionsTimestampsAreStripped() {
        var lines = normalize("2024-03-01T10:15:30.1234567Z npm ERR! code ELIFECYCLE\n");
        assertThat(lines.getFirst().text()).isEqualTo("npm ERR! code ELIFECYCLE");
    }

    @Test
    void gitHubActionsGroupsStartStepsAndErrorsAreFlagged() {
        var lines = normalize("""
                2024-03-01T10:15:30.0000000Z ##[group]Run npm test
                2024-03-01T10:15:31.0000000Z > jest
                2024-03-01T10:15:32.0000000Z ##[endgroup]
                2024-03-01T10:15:33.0000000Z ##[error]Process completed with exit code 1.
                """);
        assertThat(lines.get(0).kind()).isEqualTo(LineKind.STEP_START);
        assertThat(lines.get(0).step()).isEqualTo("Run npm test");
        assertThat(lines.get(1).step()).isEqualTo("Run npm test");
        assertThat(lines.get(2).kind()).isEqualTo(LineKind.NOISE);
        assertThat(lines.get(3).kind()).isEqualTo(LineKind.CI_ERROR);
        assertThat(lines.get(3).text()).isEqualTo("Process completed with exit code 1.");
    }

    @Test
    void gitLabSectionMarkersNameTheStepAndDisappearFromTheText() {
        var lines = normalize("section_start:1700000000:step_script\r\u001B[0K\u001B[0;m$ cargo test\n"
                + "running 3 tests\n"
                + "section_end:1700000100:step_script\r\u001B[0K\n");
        assertThat(lines.get(0).kind()).isEqualTo(LineKind.STEP_START);
        assertThat(lines.get(0).step()).isEqualTo("step_script");
        assertThat(lines.get(1).step()).isEqualTo("step_script");
        assertThat(lines.get(2).kind()).isEqualTo(LineKind.NOISE);
    }

    @Test
    void travisFoldAndTimeMarkersAreRemovedAndTheFoldNamesTheStep() {
        var lines = normalize("travis_fold:start:install.1\r\u001B[0Ktravis_time:start:0a1b2c3d\r\u001B[0K$ bundle install\n"
                + "travis_time:end:0a1b2c3d:start=1,finish=2,duration=1\r\u001B[0K\n");
        assertThat(lines.get(0).text()).isEqualTo("$ bundle install");
        assertThat(lines.get(1).kind()).isEqualTo(LineKind.NOISE);
    }

    @Test
    void jenkinsPipelineNoiseIsDroppedAndStagesStartSteps() {
        var lines = normalize("[Pipeline] stage\n[Pipeline] { (Build)\n+ mvn -B verify\n[Pipeline] }\n");
        assertThat(lines.get(0).kind()).isEqualTo(LineKind.NOISE);
        assertThat(lines.get(1).kind()).isEqualTo(LineKind.STEP_START);
        assertThat(lines.get(1).step()).isEqualTo("Build");
        assertThat(lines.get(2).step()).isEqualTo("Build");
        assertThat(lines.get(3).kind()).isEqualTo(LineKind.NOISE);
    }

    @Test
    void invalidUtf8IsDecodedLossilyInsteadOfFailing() {
        byte[] log = {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'd', 'o', 'n', 'e', '\n'};
        var lines = normalize(log);
        assertThat(lines.getFirst().text()).startsWith("ok ").endsWith(" done").contains("\uFFFD");
    }

    @Test
    void malformedUtf8BecomesWhatAReplacingDecoderMakesOfIt() throws Exception {
        byte[] bytes = {(byte) 0xC0, (byte) 0xC2, (byte) 0xE0, (byte) 0xED, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5,
            (byte) 0xFF, (byte) 0x80, (byte) 0xBF, (byte) 0xA0, (byte) 0x9F, (byte) 0x8F, 'a', 'b'};
        var random = new java.util.Random(5);
        var log = new java.io.ByteArrayOutputStream();
        var expected = new ArrayList<String>();
        for (int n = 0; n < 2_000; n++) {
            byte[] line = new byte[1 + random.nextInt(12)];
            for (int i = 0; i < line.length; i++) {
                line[i] = bytes[random.nextInt(bytes.length)];
            }
            line[0] = 'a'; // no byte-order mark at the start
            line[line.length - 1] = 'b'; // nothing stripped at the end
            log.write(line);
            log.write('\n');
            expected.add(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(line)).toString());
        }
        assertThat(normalize(log.toByteArray())).extracting(NormalizedLine::text).containsExactlyElementsOf(expected);
    }

    @Test
    void linesThatCrossTheReadBufferComeOutWhole() {
        var log = new StringBuilder();
        var expected = new ArrayList<String>();
        for (int n = 0; log.length() < 300_000; n++) {
            String line = "line " + n + ":" + "x".repeat(n % 997);
            log.append(line).append(n % 3 == 0 ? "\r\n" : "\n");
            expected.add(line);
        }
        assertThat(normalize(log.toString())).extracting(NormalizedLine::text).containsExactlyElementsOf(expected);
    }

    @Test
    void nulBytesAreRemoved() {
        var lines = normalize("err\u0000or: disk\u0000 full\n");
        assertThat(lines.getFirst().text()).isEqualTo("error: disk full");
    }

    @Test
    void anOverLongLineIsCutAndMarked() {
        String longLine = "x".repeat(10_000);
        List<NormalizedLine> out = new ArrayList<>();
        new LogNormalizer(200).normalize(new ByteArrayInputStream((longLine + "\nafter\n").getBytes(StandardCharsets.UTF_8)), out::add);
        assertThat(out.getFirst().text()).contains("chars cut]").hasSizeLessThanOrEqualTo(200);
        assertThat(out.get(1).text()).isEqualTo("after");
    }

    @Test
    void originalLineNumbersAreKeptThroughBlankAndNoiseLines() {
        var lines = normalize("one\n\n[Pipeline] echo\nfour\n");
        assertThat(lines).extracting(NormalizedLine::number).containsExactly(1, 2, 3, 4);
        assertThat(lines.get(3).text()).isEqualTo("four");
    }

    @Test
    void aFinalLineWithoutNewlineStillCounts() {
        assertThat(normalize("a\nb")).extracting(NormalizedLine::text).containsExactly("a", "b");
    }
    @Test
    void bracketedWordsStartingWithMOrKAreNotMistakenForColourCodes() {
        var lines = normalize("[main] ERROR Application run failed\n[Kotlin] compile failed\n[m] [K]\n");
        assertThat(lines).extracting(NormalizedLine::text)
                .containsExactly("[main] ERROR Application run failed", "[Kotlin] compile failed", "[m] [K]");
    }

    @Test
    void escapeLessColourCodesWithDigitsAndBareResetsBeforeASpaceAreStillRemoved() {
        var lines = normalize("[31;1mFAILED[0m [m tests[K\n");
        assertThat(lines.getFirst().text()).isEqualTo("FAILED  tests");
    }

    @Test
    void aProgressLineLongerThanTheReadCapStillShowsItsLastSegment() {
        StringBuilder progress = new StringBuilder();
        for (int i = 0; progress.length() < 40_000; i++) {
            progress.append("Downloading layer ").append(i % 100).append("%\r");
        }
        var lines = normalize(progress + "error: read tcp 10.0.0.1:443: connection reset by peer\r\nnext\n");
        assertThat(lines).extracting(NormalizedLine::text)
                .containsExactly("error: read tcp 10.0.0.1:443: connection reset by peer", "next");
    }

    @Test
    void aLogSeparatedOnlyByCarriageReturnsIsReadLineByLine() {
        var lines = normalize("Compiling api v0.1.0\rerror[E0308]: mismatched types\r  --> src/main.rs:3:5\r"
                + "error: could not compile `api`\r");
        assertThat(lines).extracting(NormalizedLine::text).containsExactly("Compiling api v0.1.0",
                "error[E0308]: mismatched types", "  --> src/main.rs:3:5", "error: could not compile `api`");
        assertThat(lines).extracting(NormalizedLine::number).containsExactly(1, 2, 3, 4);
    }

    @Test
    void anOverLongLineKeepsItsTailWhereTheErrorIs() {
        String line = "rustc --crate-name api " + "--cfg feature=\"x\" ".repeat(2_000)
                + "(signal: 9, SIGKILL: kill)";
        var lines = normalize(line + "\n");
        assertThat(lines.getFirst().text()).startsWith("rustc --crate-name api").endsWith("(signal: 9, SIGKILL: kill)")
                .contains(" chars cut]").hasSizeLessThanOrEqualTo(LogNormalizer.DEFAULT_MAX_LINE_CHARS + 40);
    }

    @Test
    void anOverLongLineIsTransformedWholeBeforeItIsCut() {
        List<String> seen = new ArrayList<>();
        String line = "a".repeat(3_000) + " KEEP " + "b".repeat(3_000);
        List<NormalizedLine> out = new ArrayList<>();
        new LogNormalizer().normalize(new ByteArrayInputStream(("short KEEP\n" + line + "\n").getBytes(StandardCharsets.UTF_8)),
                (number, text, overLong) -> {
                    seen.add(number + (overLong ? " long " : " short ") + text);
                    return text.replace("KEEP", "SEEN");
                }, out::add);
        assertThat(seen).containsExactly("1 short short KEEP", "2 long " + line);
        assertThat(out.get(1).text()).doesNotContain("KEEP").hasSizeLessThan(line.length());
    }

    @Test
    void aLineBeyondTheReadCapKeepsHeadAndTailAndDropsThePiecesTheCutSplit() {
        String head = "start " + "w".repeat(30_000);
        String line = head + " middle " + "z".repeat(30_000) + " end of line";
        var lines = normalize(line + "\n");
        String text = lines.getFirst().text();
        assertThat(text).startsWith("start ").endsWith(" end of line").contains(" chars cut]")
                .doesNotContain("w").doesNotContain("z");
    }
    @Test
    void theCutNeverSplitsARedactionMarker() {
        for (int at = 40; at < 70; at++) {
            String text = "a".repeat(at) + "[REDACTED:github-token]" + " b".repeat(400);
            String cut = new LogNormalizer(200).normalizeText(1, text).text();
            assertThat(cut.replace("[REDACTED:github-token]", "")).as("cut at %d: %s", at, cut)
                    .doesNotContain("[REDACTED").doesNotContain("github-token]");
        }
    }

    @Test
    void aCarriageReturnOnlyLogAlsoEndsLinesAtLaterCrLfsAndNewlines() {
        // Detection reads the first 64 KiB; the '\n's come after it.
        String start = "compiling module\r".repeat(5_000);
        var lines = normalize(start + "two\r\nthree\nfour\r");
        assertThat(lines).hasSize(5_003);
        assertThat(lines.subList(5_000, 5_003)).extracting(NormalizedLine::text)
                .containsExactly("two", "three", "four");
    }

    @Test
    void textThatOnlyLooksLikeALostColourCodeComesOutUnchanged() {
        List<String> lines = List.of("[5m0s] Waiting for the rollout", "Elapsed [1m30.5s] of [10m0s]",
                "printf(\"\\033[0m\");", "echo -e \"\\x1b[31mred\\e[0m\"",
                "for (i = 0; i < n; i++) total += grid[m - 1][i];", "int k = row[K + 1];");

        assertThat(normalize(String.join("\n", lines) + "\n")).extracting(NormalizedLine::text)
                .containsExactlyElementsOf(lines);
    }

    @Test
    void aTabSeparatedLineWhoseThirdColumnIsATimestampKeepsItsColumns() {
        String row = "build-42\tfailed\t2026-05-04T09:12:33Z\tnightly";
        var lines = normalize("2026-05-04T09:12:30.1234567Z Run ./report.sh\n2026-05-04T09:12:31.1234567Z " + row
                + "\n" + row + "\n");

        assertThat(lines).extracting(NormalizedLine::text).containsExactly("Run ./report.sh", row, row);
    }

    @Test
    void ghRunViewColumnsAreStillReadWhenTheLogStartsWithThem() {
        var lines = normalize("build\tRun tests\t2026-05-04T09:12:33.4567890Z npm test\n"
                + "build\tRun tests\t2026-05-04T09:12:34.4567890Z FAIL src/a.test.js\n");

        assertThat(lines).extracting(NormalizedLine::text).containsExactly("npm test", "FAIL src/a.test.js");
    }

    @Test
    void aByteOrderMarkIsDroppedSoTheFirstLinesTimestampAndStepAreRead() {
        var lines = normalize("\uFEFF2026-05-04T09:12:33.4567890Z ##[group]Run make\nmake: *** [all] Error 2\n");

        assertThat(lines.getFirst().text()).isEqualTo("Run make");
        assertThat(lines.getFirst().kind()).isEqualTo(LineKind.STEP_START);
        assertThat(lines.get(1).step()).isEqualTo("Run make");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        for (int shift = 0; shift < 4; shift++) {
            String text = "a".repeat(shift) + "\uD83D\uDE00".repeat(3_000);
            String cut = new LogNormalizer().normalizeText(1, text).text();
            for (int i = 0; i < cut.length(); i++) {
                char c = cut.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    assertThat(cut.charAt(i + 1)).as("shift %d, at %d", shift, i).matches(Character::isLowSurrogate);
                } else if (Character.isLowSurrogate(c)) {
                    assertThat(cut.charAt(i - 1)).as("shift %d, at %d", shift, i).matches(Character::isHighSurrogate);
                }
            }
        }
    }
}
