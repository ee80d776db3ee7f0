package dev.pipelinetriage.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The legacy Azure DevOps token is a bare base32 run of 52 characters. The scan first skips lines without a run that
 * long, reading about one character in 52; it must skip exactly the lines where the full scan would find nothing.
 */
class Base32RunTest {

    private static final Base32Run PAT = new Base32Run("azure-devops-pat", 52);

    @Test
    void aTokenIsFoundWhereverItSitsInTheLine() {
        String token = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrs2";
        for (int before = 0; before < 60; before++) {
            String line = "x ".repeat(before / 2) + (before % 2 == 0 ? "" : "-") + token + " tail";
            assertThat(PAT.apply(line, line)).as("token after %d characters", before)
                    .doesNotContain(token).contains("[REDACTED:azure-devops-pat]");
        }
    }

    @Test
    void linesOfShortRunsAreLeftAsTheyAre() {
        var random = new Random(9);
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567 -_.A10";
        var changed = new ArrayList<String>();
        for (int n = 0; n < 50_000; n++) {
            var line = new StringBuilder();
            for (int i = random.nextInt(300); i > 0; i--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(4) == 0) {
                // a run just long enough, or one short, somewhere in the line
                int at = random.nextInt(line.length() + 1);
                line.insert(at, " " + "a2".repeat(26).substring(random.nextInt(2)) + " ");
            }
            String text = line.toString();
            boolean hasRun = text.matches("(?s).*[a-z2-7]{52}.*");
            if (!hasRun && !PAT.apply(text, text).equals(text)) {
                changed.add(text);
            }
            if (hasRun && text.matches("(?s).*(?:^|[^A-Za-z0-9_])(?=[a-z2-7]*[2-7])[a-z2-7]{52}(?![A-Za-z0-9_]).*")) {
                assertThat(PAT.apply(text, text)).as("a bounded run of 52 with a digit: %s", text).isNotEqualTo(text);
            }
        }
        assertThat(changed).isEmpty();
    }
}
