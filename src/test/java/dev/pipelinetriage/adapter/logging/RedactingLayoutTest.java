package dev.pipelinetriage.adapter.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Log lines as operators and collectors get them: JSON or text, with the request id, secrets redacted. */
class RedactingLayoutTest {
    private static final String TOKEN = "ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
    private final Logger logger = new LoggerContext().getLogger("dev.pipelinetriage.Example");

    private static RedactingLayout layout(String format) {
        RedactingLayout layout = new RedactingLayout();
        layout.setFormat(format);
        layout.start();
        return layout;
    }

    private LoggingEvent event(String message, Throwable thrown) {
        LoggingEvent event = new LoggingEvent("test", logger, Level.WARN, message, thrown, null);
        event.setMDCPropertyMap(Map.of("requestId", "Ev42"));
        return event;
    }

    @Test
    void jsonLinesCarryTheRequestIdAndNoToken() throws Exception {
        String line = layout("json").doLayout(event("GitHub answered 401 for token " + TOKEN,
                new IllegalStateException("Authorization: Bearer " + TOKEN)));

        assertThat(line).endsWith(System.lineSeparator()).doesNotContain(TOKEN);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("requestId").asText()).isEqualTo("Ev42");
        assertThat(json.get("logger").asText()).isEqualTo("dev.pipelinetriage.Example");
        assertThat(json.get("message").asText()).startsWith("GitHub answered 401 for token ");
        assertThat(json.get("exception").asText()).contains("IllegalStateException").contains("Authorization: Bearer");
        assertThat(json.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void textLinesCarryTheRequestIdAndNoToken() {
        String line = layout("text").doLayout(event("cloning https://x-access-token:" + TOKEN + "@github.com/o/r", null));

        assertThat(line).contains(" WARN [Ev42] dev.pipelinetriage.Example - cloning https://").doesNotContain(TOKEN);
    }

    @Test
    void aPasswordOfNoKnownFormatIsHiddenOnceTheLayoutIsToldTheBotsSecrets() {
        RedactingLayout layout = layout("text");
        String message = "FATAL: password authentication failed; tried hunter2-Correct-Horse";
        assertThat(layout.doLayout(event(message, null))).contains("hunter2-Correct-Horse");
        var known = new dev.pipelinetriage.engine.redact.KnownSecrets();
        known.register("hunter2-Correct-Horse");

        layout.hideAlso(known);

        assertThat(layout.doLayout(event(message, new IllegalStateException("login with hunter2-Correct-Horse"))))
                .doesNotContain("hunter2-Correct-Horse").contains("[REDACTED:credential]");
    }

    @Test
    void theBotsSecretsReachEveryRedactingLayoutOfTheRunningLogbackConfiguration() {
        // What serve does at start: the layouts logback built from logback.xml learn the secrets; other layouts (the
        // tests' plain pattern) are left alone.
        assertThat(LogRedaction.hideInLogs(new dev.pipelinetriage.engine.redact.KnownSecrets())).isZero();
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        var appender = new ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        var encoder = new ch.qos.logback.core.encoder.LayoutWrappingEncoder<ch.qos.logback.classic.spi.ILoggingEvent>();
        RedactingLayout redacting = layout("text");
        encoder.setLayout(redacting);
        appender.setEncoder(encoder);
        appender.setName("redacting-for-test");
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        try {
            var known = new dev.pipelinetriage.engine.redact.KnownSecrets();
            known.register("hunter2-Correct-Horse");

            assertThat(LogRedaction.hideInLogs(known)).isEqualTo(1);
            assertThat(redacting.doLayout(event("tried hunter2-Correct-Horse", null))).doesNotContain("hunter2");
        } finally {
            root.detachAppender(appender);
        }
    }

    @Test
    void anUnknownFormatIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new RedactingLayout().setFormat("xml")).hasMessageContaining("json or text");
    }
}
