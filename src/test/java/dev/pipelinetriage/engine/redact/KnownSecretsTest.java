package dev.pipelinetriage.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The bot's own credentials are hidden by value, also in the encodings an error body or a log line carries them in. */
class KnownSecretsTest {
    private static final String DB_PASSWORD = "c0rrect/horse+battery&\"staple\"";
    private final KnownSecrets known = new KnownSecrets();
    private final Redactor redactor = new Redactor(known);

    @Test
    void aPasswordWhoseFormatNoRuleKnowsIsHiddenOnceTheBotHasReadIt() {
        String line = "FATAL: connection failed for user triage with " + DB_PASSWORD;
        assertThat(redactor.redactLine(line)).contains(DB_PASSWORD);

        known.register(DB_PASSWORD);

        assertThat(redactor.redactLine(line)).isEqualTo("FATAL: connection failed for user triage with "
                + KnownSecrets.MARKER);
    }

    @Test
    void everyEncodingOfTheValueIsHiddenToo() {
        known.register(DB_PASSWORD);
        String urlEncoded = URLEncoder.encode(DB_PASSWORD, StandardCharsets.UTF_8);
        String jsonEscaped = DB_PASSWORD.replace("\"", "\\\"");
        String xmlEscaped = DB_PASSWORD.replace("&", "&amp;").replace("\"", "&quot;");

        for (String line : new String[] {"jdbc:postgresql://db/triage?password=" + urlEncoded,
                "{\"error\":\"bad password \\\"" + jsonEscaped + "\\\"\"}", "<password>" + xmlEscaped + "</password>"}) {
            assertThat(redactor.redactLine(line)).as(line).doesNotContain("horse").contains(KnownSecrets.MARKER);
        }
    }

    @Test
    void theValueInsideBase64TextIsHiddenAtEveryByteAlignment() {
        known.register(DB_PASSWORD);
        for (String before : new String[] {"", "u", "us", "user:"}) {
            String encoded = Base64.getEncoder().encodeToString((before + DB_PASSWORD + ";x").getBytes(StandardCharsets.UTF_8));
            String line = "cache entry " + encoded + " not found";

            String redacted = redactor.redactLine(line);

            assertThat(redacted).as("after %s", before).contains(KnownSecrets.MARKER);
            String left = redacted.replace(KnownSecrets.MARKER, "");
            assertThat(left).as("after %s", before).doesNotContain(Base64.getEncoder().withoutPadding()
                    .encodeToString("horse+batt".getBytes(StandardCharsets.UTF_8)).substring(0, 8));
        }
    }

    @Test
    void shortValuesAreNotKeptTheyWouldHideOrdinaryWords() {
        known.register("admin");
        known.register("   ");
        known.register(null);

        assertThat(known.isEmpty()).isTrue();
        assertThat(redactor.redactLine("login as admin failed")).isEqualTo("login as admin failed");
    }

    @Test
    void hidingIsIdempotentAndLeavesTheRestOfTheLine() {
        known.register("s3cr3t-Value-42");
        String once = redactor.redactLine("token s3cr3t-Value-42 rejected by https://ci.example.com");

        assertThat(once).isEqualTo("token " + KnownSecrets.MARKER + " rejected by https://ci.example.com");
        assertThat(redactor.redactLine(once)).isEqualTo(once);
    }
}
