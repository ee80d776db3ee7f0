package dev.pipelinetriage.adapter.ci;

/**
 * Unwinds a link parser with a reason for people. Used only inside parsers, and always turned into a
 * {@code LinkResult.Refused} value at the parser's edge.
 */
public final class LinkRefusal extends RuntimeException {
    private final boolean otherPage;

    public LinkRefusal(String reason) {
        this(reason, false);
    }

    private LinkRefusal(String reason, boolean otherPage) {
        super(reason, null, false, false);
        this.otherPage = otherPage;
    }

    /**
     * The link is to the instance's host but to a page that is not a run, build or job (a repository, a merge
     * request, a job's overview): pasted in passing, it is no request for triage and deserves no reply.
     */
    public static LinkRefusal otherPage(String reason) {
        return new LinkRefusal(reason, true);
    }

    public boolean isOtherPage() {
        return otherPage;
    }

    public String reason() {
        return getMessage();
    }
}
