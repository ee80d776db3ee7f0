package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.OccurrenceWindow;
import dev.pipelinetriage.app.port.SignatureInfo;
import dev.pipelinetriage.app.port.TicketDocument;
import dev.pipelinetriage.app.port.TicketDocument.Block;
import dev.pipelinetriage.app.port.TicketDraft;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of tickets and comments. Every string goes through the redactor on its way out, even the excerpt
 * that was redacted at triage: a ticket outlives the card and is read by more people.
 */
final class TicketContent {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int MAX_TITLE = 200;
    private static final int MAX_EXCERPT = 30;

    private final Redactor redactor;
    private final TicketPolicy policy;

    static final String FLAKY_LABEL = "flaky";

    TicketContent(Redactor redactor, TicketPolicy policy) {
        this.redactor = redactor;
        this.policy = policy;
    }

    /**
     * @param why how the ticket came about, e.g. "the platform threshold (3 in 7 days) was crossed"
     * @param previous the closed ticket this one follows, or null
     */
    TicketDraft draft(SignatureInfo info, OccurrenceWindow window, Duration windowLength, int generation, String why,
            TicketRef previous) {
        Signature sig = info.signature();
        String title = "Recurring CI failure (" + sig.verdict().wireName() + "): " + sig.summary();
        List<Block> blocks = new ArrayList<>();
        blocks.add(p("Pipeline Triage saw this failure " + times(window.count()) + " in the last " + days(windowLength)
                + " across " + window.repositories().size() + (window.repositories().size() == 1 ? " repository" : " repositories")
                + ". This ticket was filed because " + why + "."));
        if (previous != null) {
            blocks.add(p("An earlier ticket for this failure, " + previous.key() + " (" + previous.url()
                    + "), was closed; the failure is back."));
        }
        blocks.add(h("Verdict"));
        blocks.add(p(verdictWords(sig.verdict())));
        blocks.add(h("Known error"));
        if (info.knownError() != null) {
            blocks.add(p(sig.summary() + " (" + info.knownError() + ")"));
            String runbook = policy.runbookLink(info.runbook());
            if (runbook != null) {
                blocks.add(new TicketDocument.Links(List.of(link("Runbook", runbook))));
            } else if (info.runbook() != null) {
                blocks.add(p("Runbook: " + info.runbook() + " in the knowledge base repository."));
            }
        } else {
            blocks.add(p("None matched. The failure is identified by its key error line, with numbers, ids, paths, "
                    + "hosts and durations masked: " + sig.summary()));
        }
        blocks.add(h("Occurrences"));
        blocks.add(p(times(window.count()) + " in the last " + days(windowLength) + "; " + times(info.total())
                + " since first seen on " + DAY.format(info.firstSeen()) + "; last seen " + DAY.format(info.lastSeen()) + "."));
        blocks.add(h("Affected repositories"));
        blocks.add(new TicketDocument.Bullets(window.repositories().stream().map(redactor::redactLine).toList()));
        if (!window.links().isEmpty()) {
            blocks.add(h("Recent runs"));
            blocks.add(runs(window.links()));
        }
        if (!info.excerpt().isEmpty()) {
            blocks.add(h("Representative excerpt (redacted)"));
            blocks.add(new TicketDocument.Code(redactor.redactLines(
                    info.excerpt().subList(0, Math.min(MAX_EXCERPT, info.excerpt().size())))));
        }
        blocks.add(p("Signature " + sig.key() + ". Pipeline Triage comments at most once a day while the failure "
                + "continues, and finds this ticket again by its label " + sig.label(generation) + "."));
        return new TicketDraft(cap(redactor.redactLine(title)), labels(sig, generation), new TicketDocument(blocks));
    }

    /** The daily summary: how often since, where, the latest runs. */
    TicketDocument summary(SignatureInfo info, OccurrenceWindow window, Duration windowLength, String opening) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(p(opening + " Seen " + times(window.count()) + " in the last " + days(windowLength) + " ("
                + times(info.total()) + " in total, last " + DAY.format(info.lastSeen()) + "), in: "
                + String.join(", ", window.repositories()) + "."));
        if (!window.links().isEmpty()) {
            blocks.add(runs(window.links()));
        }
        return new TicketDocument(blocks);
    }

    /** The signature's labels, and {@value #FLAKY_LABEL} on a flaky one's tickets so flaky work can be found. */
    private static List<String> labels(Signature sig, int generation) {
        List<String> labels = new ArrayList<>(generation == 1 ? List.of(sig.label())
                : List.of(sig.label(), sig.label(generation)));
        if (sig.verdict() == Verdict.FLAKY) {
            labels.add(FLAKY_LABEL);
        }
        return List.copyOf(labels);
    }

    private TicketDocument.Links runs(List<String> links) {
        List<TicketDocument.Link> runs = new ArrayList<>();
        for (String url : links) {
            runs.add(link(url, url));
        }
        return new TicketDocument.Links(runs);
    }

    private TicketDocument.Link link(String text, String url) {
        return new TicketDocument.Link(redactor.redactLine(text), redactor.redactLine(url));
    }

    private TicketDocument.Paragraph p(String text) {
        return new TicketDocument.Paragraph(redactor.redactLine(text));
    }

    private TicketDocument.Heading h(String text) {
        return new TicketDocument.Heading(text);
    }

    static String verdictWords(Verdict verdict) {
        return switch (verdict) {
            case CODE -> "code: the failure comes from a change or its tests";
            case PLATFORM -> "platform: the CI infrastructure failed, not the code";
            case FLAKY -> "flaky: the failure looks intermittent";
            case UNKNOWN -> "unclear: the bot could not tell the cause";
        };
    }

    static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }

    static String days(Duration window) {
        long days = window.toDays();
        return days >= 1 && window.equals(Duration.ofDays(days)) ? days + (days == 1 ? " day" : " days")
                : window.toHours() + " hours";
    }

    private static String cap(String title) {
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 3) + "...";
    }
}
