package dev.pipelinetriage.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.redact.SecretCorpus.Case;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The secrets corpus, measured: per family, how many cases leave an 8-character piece of a secret in the redacted
 * output, and how many lines without a secret the redactor changes. Writes the table docs/redaction.md shows to
 * {@code target/redaction-corpus.md}; run alone with {@code ./mvnw -B -q test -Dtest=SecretCorpusTest}.
 */
class SecretCorpusTest {

    private static final int PIECE = 8;

    private final Redactor redactor = new Redactor();

    @Test
    void noFamilyLeaksAPieceOfAnySecretAndFewerThanTwoPercentOfOrdinaryLinesAreMasked() throws IOException {
        List<Case> cases = SecretCorpus.cases();
        List<String> ordinary = SecretCorpus.nonSecrets();
        Map<String, int[]> byFamily = new TreeMap<>(); // family -> {cases, leaks}
        List<String> leaks = new ArrayList<>();
        for (Case c : cases) {
            String out = String.join("\n", redactor.redactLines(c.lines()));
            int[] counts = byFamily.computeIfAbsent(c.family(), f -> new int[2]);
            counts[0]++;
            if (leaks(out, c.secrets())) {
                counts[1]++;
                leaks.add(c + "\n    " + out.replace("\n", "\n    "));
            }
        }
        List<String> falseMasks = new ArrayList<>();
        for (String line : ordinary) {
            String out = redactor.redactLine(line);
            if (!out.equals(line)) {
                falseMasks.add(line + "\n    -> " + out);
            }
        }
        writeTable(byFamily, cases.size(), ordinary.size(), falseMasks.size());
        Files.writeString(Path.of("target", "redaction-corpus-failures.txt"),
                String.join("\n", leaks) + "\n--- false masks\n" + String.join("\n", falseMasks) + "\n");

        assertThat(cases).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(ordinary).hasSizeGreaterThanOrEqualTo(100);
        assertThat(leaks).as("cases that leak").isEmpty();
        assertThat(falseMasks.size() * 100.0 / ordinary.size()).as("false masks: %s", falseMasks).isLessThan(2.0);
    }

    @Test
    void theLinesATriageKeepsLeakNothingEitherWhenRedactedOnlyAfterTheWholeLogWasRead() {
        List<String> leaks = new ArrayList<>();
        for (Case c : SecretCorpus.cases()) {
            var stream = redactor.newStream();
            for (int i = 0; i < c.lines().size(); i++) {
                stream.observe(i + 1, c.lines().get(i), false);
            }
            var kept = new ArrayList<String>();
            for (int i = 0; i < c.lines().size(); i++) {
                kept.add(stream.redactKept(new LogLine(i + 1, c.lines().get(i))).text());
            }
            String out = String.join("\n", kept);
            if (leaks(out, c.secrets())) {
                leaks.add(c + "\n    " + out.replace("\n", "\n    "));
            }
        }
        assertThat(leaks).as("cases that leak when only kept lines are redacted").isEmpty();
    }

    @Test
    void everyInventoryFormatHasItsOwnCasesInTheCorpus() {
        List<Case> cases = SecretCorpus.cases();
        for (TokenFormat format : TokenFormats.ALL) {
            assertThat(cases).as(format.prefix())
                    .anyMatch(c -> c.description().startsWith(format.kind() + " " + format.prefix() + " "));
        }
    }

    /** Whether an 8-character piece of a secret is in the output, markers aside (a kind may read like a prefix). */
    static boolean leaks(String redacted, List<String> secrets) {
        String out = redacted.replaceAll("\\[REDACTED:[a-z0-9-]++]", "\u0000");
        for (String secret : secrets) {
            if (secret.length() < PIECE) {
                if (out.contains(secret)) {
                    return true;
                }
                continue;
            }
            for (int i = 0; i + PIECE <= secret.length(); i++) {
                if (out.contains(secret.substring(i, i + PIECE))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void writeTable(Map<String, int[]> byFamily, int cases, int ordinary, int falseMasks)
            throws IOException {
        StringBuilder table = new StringBuilder("| family | cases | leaks |\n|---|---:|---:|\n");
        byFamily.forEach((family, counts) -> table.append("| ").append(family).append(" | ").append(counts[0])
                .append(" | ").append(counts[1]).append(" |\n"));
        table.append("| **all secrets** | ").append(cases).append(" | ")
                .append(byFamily.values().stream().mapToInt(c -> c[1]).sum()).append(" |\n\n");
        table.append(String.format("Lines without a secret: %d, changed (false masks): %d (%.1f%%)%n", ordinary,
                falseMasks, falseMasks * 100.0 / ordinary));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "redaction-corpus.md"), table);
        System.out.print(table);
    }
}
