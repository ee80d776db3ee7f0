package dev.pipelinetriage.adapter.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pipelinetriage.engine.redact.KnownSecrets;
import dev.pipelinetriage.engine.redact.Redactor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bot's log layout: one JSON object per line ({@code format=json}, for log collectors) or one readable line
 * ({@code format=text}). Message, MDC values and stack traces all go through the {@link Redactor}, so a token
 * inside an upstream error body or an exception message never reaches the log (RELIABILITY.md, case 54).
 * Configured in {@code logback.xml}; logback creates it, so its collaborators are built here.
 */
public final class RedactingLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Replaced once the bot knows its own secrets ({@link LogRedaction}); until then the rules alone. */
    private volatile Redactor redactor = new Redactor();
    private final JsonFactory json = new JsonFactory();
    private boolean jsonFormat;

    /** From now on, also hides the bot's own credentials by value. */
    void hideAlso(KnownSecrets known) {
        this.redactor = new Redactor(known);
    }

    /** {@code json} or {@code text} (the default); anything else is rejected at start-up. */
    public void setFormat(String format) {
        String f = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("text")) {
            throw new IllegalArgumentException("log format must be json or text, got '" + format + "'");
        }
        this.jsonFormat = f.equals("json");
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return jsonFormat ? json(event) : text(event);
    }

    private String json(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", event.getThreadName());
            for (Map.Entry<String, String> mdc : new TreeMap<>(event.getMDCPropertyMap()).entrySet()) {
                g.writeStringField(mdc.getKey(), redact(mdc.getValue()));
            }
            g.writeStringField("message", redact(event.getFormattedMessage()));
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                g.writeStringField("exception", redact(ThrowableProxyUtil.asString(thrown)));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a log event as JSON", e);
        }
        return out.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private String text(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160)
                .append(TEXT_TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ')
                .append(event.getLevel()).append(' ');
        String requestId = event.getMDCPropertyMap().get("requestId");
        if (requestId != null) {
            line.append('[').append(redact(requestId)).append("] ");
        }
        line.append(event.getLoggerName()).append(" - ").append(redact(event.getFormattedMessage()))
                .append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(redact(ThrowableProxyUtil.asString(thrown))).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }

    /** Line by line, as the redactor's rules expect, keeping the line structure of stack traces. */
    private String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String[] lines = text.split("\r?\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(redactor.redactLine(lines[i]));
        }
        return out.toString();
    }
}
