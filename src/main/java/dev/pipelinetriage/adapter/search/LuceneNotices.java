package dev.pipelinetriage.adapter.search;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lucene notes through java.util.logging, in plain text, whenever the JDK's incubating vector module is not
 * readable. It is not added on purpose (docs/deployment.md), so the note would only break the one-JSON-object-per-
 * line logs and alarm people at the terminal. Every {@code main} calls {@link #quiet()} first.
 */
public final class LuceneNotices {
    /** Held here because java.util.logging keeps loggers weakly, and a collected one would forget its level. */
    private static final Logger VECTORIZATION = Logger.getLogger("org.apache.lucene.internal.vectorization");

    private LuceneNotices() {
    }

    public static void quiet() {
        VECTORIZATION.setLevel(Level.SEVERE);
    }
}
