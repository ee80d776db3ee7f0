package dev.pipelinetriage.engine.text;

/** A regular expression {@link LinePattern} refuses: it does not parse, or needs backtracking to run. */
public final class UnsupportedPatternException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String pattern;
    private final String reason;

    UnsupportedPatternException(String pattern, String reason) {
        super("regex /" + pattern + "/ " + reason);
        this.pattern = pattern;
        this.reason = reason;
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** Why it was refused, without the pattern: "uses look-around ..., which ...". */
    public String reason() {
        return reason;
    }
}
