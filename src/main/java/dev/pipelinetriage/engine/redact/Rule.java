package dev.pipelinetriage.engine.redact;

/** One kind of secret: returns the line with every occurrence replaced by a marker, or the same instance. */
interface Rule {

    /**
     * @param line the text to redact
     * @param lowerLine {@code Ascii.toLowerCase(line)}, computed once and shared by the rules; a rule whose
     *     trigger is {@link Trigger#always()} must not read it (it may be the line itself)
     */
    String apply(String line, String lowerLine);

    /** The literals of which one must occur in a line for the rule to change it (ASCII case aside). */
    Trigger trigger();
}
