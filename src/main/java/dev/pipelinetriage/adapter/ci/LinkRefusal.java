package dev.pipelinetriage.adapter.ci;

/**
 * Unwinds a link parser with a reason for people. Used only inside parsers, and always turned into a
 * {@code LinkResult.Refused} value at the parser's edge.
 */
public final class LinkRefusal extends RuntimeException {
    public LinkRefusal(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
