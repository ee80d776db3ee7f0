package dev.pipelinetriage.engine.redact;

/** One kind of secret: returns the line with every occurrence replaced by a marker, or the same instance. */
interface Rule {
    String apply(String line);
}
