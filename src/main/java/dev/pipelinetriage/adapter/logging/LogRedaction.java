package dev.pipelinetriage.adapter.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.pipelinetriage.engine.redact.KnownSecrets;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Hands the bot's own secrets to the log layout logback built from {@code logback.xml}: logback creates the layout, so
 * what the bot learns at start is given to it here.
 */
public final class LogRedaction {

    private LogRedaction() {
    }

    /** Every {@link RedactingLayout} of the root logger's appenders hides {@code known} from now on; how many there were. */
    public static int hideInLogs(KnownSecrets known) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return 0; // another logging backend: its own configuration decides what it hides
        }
        int layouts = 0;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender
                    && appender.getEncoder() instanceof LayoutWrappingEncoder<ILoggingEvent> encoder
                    && encoder.getLayout() instanceof RedactingLayout layout) {
                layout.hideAlso(known);
                layouts++;
            }
        }
        return layouts;
    }
}
