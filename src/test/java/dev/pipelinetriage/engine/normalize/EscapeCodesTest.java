package dev.pipelinetriage.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link EscapeCodes} replaced three regexes the normalizer ran on java.util.regex (issue 17, item 4: they took a fifth
 * of {@code analyze}); it must remove exactly what they removed. The regexes are kept here as the reference.
 */
class EscapeCodesTest {

    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B[()][A-Za-z0-9]|\u001B[@-Z\\\\-_]?");
    private static final Pattern ANSI_REMNANT = Pattern.compile(
            "(?<!\\\\033|\\\\x1[bB]|\\\\e|\\\\E|\\\\u001[bB]|\\\\x\\{1[bB]})"
                    + "\\[(?:[0-9;]{0,11}[0-9][0-9;]{0,12}[mK](?![0-9]{1,2}+(?:\\.[0-9]{1,9}+)?+s\\])"
                    + "|;{0,3}[mK](?![A-Za-z0-9_\\]])(?![^\\[\\]]{0,40}+\\]))");
    private static final Pattern CONTROL = Pattern.compile("[\u0000-\u0008\u000B-\u001F\u007F]");

    /** Characters that make up escape codes, their remnants and the text around them. */
    private static final String ALPHABET = "\u001B\u001B\u001B[[[[]]]();;;mmmKKK0123456789.s\\\\x1bBe{}E\u0007 a_-@Z^?/\t\u0000\u007F\u0001";

    private static String reference(String text) {
        String out = ANSI.matcher(text).replaceAll("");
        out = ANSI_REMNANT.matcher(out).replaceAll("");
        return CONTROL.matcher(out).replaceAll("");
    }

    @Test
    void removesWhatTheRegexesRemovedOnRandomLinesOfEscapeCodeCharacters() {
        var random = new Random(17);
        var wrong = new ArrayList<String>();
        for (int i = 0; i < 200_000; i++) {
            var line = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                line.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            expectSame(line.toString(), wrong);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void removesWhatTheRegexesRemovedOnEveryFixtureAndSampleLine() throws IOException {
        var wrong = new ArrayList<String>();
        var lines = new ArrayList<>(LogNormalizerPrecheckTest.lines());
        for (Path root : List.of(Path.of("src/test/resources/fixtures"), Path.of("src/main/resources/samples"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    lines.addAll(List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\r?\n")));
                }
            }
        }
        for (String line : lines) {
            expectSame(line, wrong);
        }
        assertThat(lines).hasSizeGreaterThan(10_000);
        assertThat(wrong).isEmpty();
    }

    @Test
    void codesAreRemovedAndTextThatLooksLikeThemStays() {
        var removed = List.of(
                "\u001B[31;1merror\u001B[0m", "[0K[32;1m$ cargo test[0;m", "[m[K", "\u001B]0;title\u0007x",
                "\u001B]8;;http://a\u001B\\link", "\u001B(Bx", "\u001BMx", "[;m", "a\u0000b\u007Fc");
        var kept = List.of("[5m0s]", "grid[m - 1]", "printf(\"\\033[0m\")", "echo \\x1b[31m", "\\e[0m", "[main]",
                "[Kotlin]", "[INFO] [1/3]", "\ttab");
        assertThat(removed).allSatisfy(line -> assertThat(EscapeCodes.strip(line)).isEqualTo(reference(line))
                .isNotEqualTo(line));
        assertThat(kept).allSatisfy(line -> assertThat(EscapeCodes.strip(line)).isEqualTo(line));
    }

    private static void expectSame(String line, List<String> wrong) {
        String expected = reference(line);
        String actual = EscapeCodes.strip(line);
        if (!expected.equals(actual)) {
            wrong.add(escaped(line) + " -> " + escaped(actual) + ", the regexes gave " + escaped(expected));
        }
    }

    private static String escaped(String s) {
        var out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c == 0x7F ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
