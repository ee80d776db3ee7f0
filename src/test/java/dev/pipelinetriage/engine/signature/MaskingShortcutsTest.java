package dev.pipelinetriage.engine.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Masking skips a rule whose necessary character is missing from the line; the result must be what running every
 * rule gives, on every line the repository holds: the knowledge base's examples and counter-examples (real log lines
 * of many tools) and the bundled and fixture logs.
 */
class MaskingShortcutsTest {

    @Test
    void skippingRulesThatCannotMatchChangesNoMaskedLine() throws IOException {
        List<String> lines = new ArrayList<>(List.of("", "plain words only", "exit code 137 after 12.5s",
                "GET https://registry.npmjs.org/left-pad 503 in 00:01:02", "[::1]:8080 refused", "C:\\\\build\\\\out.dll",
                "0xdeadbeef at 10.0.0.7:443 on ci.example.com", "org.example:lib:jar:1.2.3 missing", "v1.2.3-rc.1 at localhost:99"));
        for (Path folder : List.of(Path.of("knowledge-base"), Path.of("src/main/resources/samples"),
                Path.of("src/test/resources/fixtures"))) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile)
                        .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".log")
                                || f.toString().endsWith(".txt")).toList()) {
                    lines.addAll(Files.readAllLines(file));
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(5_000);

        assertThat(lines).allSatisfy(line -> assertThat(Masking.mask(line)).as(line).isEqualTo(Masking.mask(line, false)));
    }
}
