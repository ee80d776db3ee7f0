package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.Recurrence;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.domain.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns triage results into a {@link CardView}: the plain words every front end shows. */
public final class CardBuilder {
    /** Jobs listed on one card; the rest are counted. */
    public static final int MAX_JOBS = 10;
    /** Excerpt lines on a card. */
    public static final int MAX_EXCERPT = 30;
    private static final int MAX_FIX = 300;

    private final String runbookBase;
    private final boolean proposals;

    /** @param runbookBase where runbook paths are published (e.g. the repository's web view), or null */
    public CardBuilder(String runbookBase) {
        this(runbookBase, false);
    }

    /** @param proposals true when curators may propose knowledge-base entries from cards */
    public CardBuilder(String runbookBase, boolean proposals) {
        this.runbookBase = runbookBase == null || runbookBase.isBlank() ? null : runbookBase.replaceAll("/+$", "");
        this.proposals = proposals;
    }

    public CardView build(String cardId, CiLink link, LinkTriage.Result result) {
        return switch (result) {
            case LinkTriage.Refused refused -> new CardView(null, describe(link), null,
                    new CardView.Notice("This link cannot be triaged", refused.reason()), List.of(), 0, null, null);
            case LinkTriage.Unavailable unavailable -> new CardView(null, describe(link), null, notice(unavailable.problem()),
                    List.of(), 0, null, null);
            case LinkTriage.Triaged triaged -> triaged(cardId, triaged);
        };
    }

    private CardView triaged(String cardId, LinkTriage.Triaged triaged) {
        Run run = triaged.run();
        String title = title(run.ref());
        if (triaged.jobs().isEmpty()) {
            String status = run.status().name().toLowerCase(Locale.ROOT);
            String detail = run.status() == JobStatus.RUNNING || run.status() == JobStatus.QUEUED
                    ? "The run is still " + status + "; paste the link again when it has finished."
                    : "The run's status is " + status + ".";
            return new CardView(null, title, run.webUrl(), new CardView.Notice("No failed jobs", detail), List.of(), 0,
                    null, null);
        }
        List<CardView.JobCard> jobs = new ArrayList<>();
        for (LinkTriage.JobOutcome outcome : triaged.jobs().subList(0, Math.min(MAX_JOBS, triaged.jobs().size()))) {
            jobs.add(switch (outcome) {
                case LinkTriage.Reported r -> job(r.job().ref().name(), r.job().failedStep(), r.report())
                        .withRecurrence(r.recurrenceNote().map(CardBuilder::note).orElse(null));
                case LinkTriage.NotFetched n -> new CardView.Unavailable(n.job().ref().name(), notice(n.problem()));
            });
        }
        Verdict overall = overall(jobs);
        return new CardView(cardId, title, run.webUrl(), null, jobs, triaged.jobs().size() - jobs.size(), overall, null)
                .withProposals(proposals);
    }

    /** Code wins, because it is the verdict where a rerun rarely helps and the confirmation must warn. */
    private static Verdict overall(List<CardView.JobCard> jobs) {
        Verdict first = null;
        for (CardView.JobCard job : jobs) {
            if (job instanceof CardView.Triaged t) {
                if (t.verdict() == Verdict.CODE) {
                    return Verdict.CODE;
                }
                first = first == null ? t.verdict() : first;
            }
        }
        return first == null ? Verdict.UNKNOWN : first;
    }

    private CardView.Triaged job(String name, String providerStep, TriageReport report) {
        String step = report.step().orElse(providerStep);
        KnownError known = report.bestMatch().map(m -> m.knownError()).orElse(null);
        var excerpt = report.excerpt().subList(0, Math.min(MAX_EXCERPT, report.excerpt().size()));
        return new CardView.Triaged(name, report.verdict(), verdictWords(report.verdict()),
                confidenceWords(report.confidence()), report.reason(), step, known == null ? null : known.title(),
                known == null ? null : runbookUrl(known.runbook()), excerpt, report.truncated(), nextSteps(report, known),
                null, report.lastGreen().map(g -> new CardView.GreenRunNote(g.webUrl(), g.newLines())).orElse(null));
    }

    static CardView.RecurrenceNote note(Recurrence r) {
        return new CardView.RecurrenceNote(r.signatureKey(), r.count(), Math.max(1, r.window().toDays()),
                r.filed().map(TicketRef::key).orElse(null), r.filed().map(TicketRef::url).orElse(null), r.pending());
    }

    static String verdictWords(Verdict verdict) {
        return switch (verdict) {
            case CODE -> "Code: the failure comes from the change or its tests";
            case PLATFORM -> "Platform: the CI infrastructure failed, not the code";
            case FLAKY -> "Flaky: the failure looks intermittent";
            case UNKNOWN -> "Unclear: the bot could not tell the cause";
        };
    }

    static String confidenceWords(double confidence) {
        String level = confidence >= 0.75 ? "high" : confidence >= 0.45 ? "medium" : "low";
        return level + " confidence (" + Math.round(confidence * 100) + "%)";
    }

    private List<String> nextSteps(TriageReport report, KnownError known) {
        List<String> steps = new ArrayList<>();
        if (known != null) {
            steps.add(firstSentences(known.fix().strip()));
        }
        steps.add(switch (report.rerun()) {
            case SAFE -> "A rerun is likely to pass: use Rerun failed jobs.";
            case UNSAFE -> "Look before rerunning: a rerun may repeat side effects or hide the cause.";
            case NEVER -> "Fix the cause first: a rerun will fail the same way.";
        });
        if (known == null) {
            steps.addFirst(noKnownError(report.signals()));
            steps.add("If you find the cause, press Not right and say what it was.");
        }
        if (report.truncated()) {
            steps.add("The log was cut before analysis, so the cause may be in the missing part.");
        }
        return steps;
    }

    /** What the card says when no entry's own pattern fired: no known error, and the generic signs seen. */
    static String noKnownError(List<String> signals) {
        if (signals.isEmpty()) {
            return "No known error: no entry of the knowledge base fired on the failure, and the lines show no generic sign.";
        }
        return "No known error: no entry of the knowledge base fired on the failure. Generic signs: "
                + String.join(", ", signals) + ".";
    }

    private static String firstSentences(String fix) {
        String oneLine = fix.replaceAll("\\s+", " ");
        if (oneLine.length() <= MAX_FIX) {
            return oneLine;
        }
        int end = oneLine.lastIndexOf(". ", MAX_FIX);
        return end > 40 ? oneLine.substring(0, end + 1) : oneLine.substring(0, MAX_FIX - 3) + "...";
    }

    private String runbookUrl(String runbook) {
        if (runbookBase == null || runbook == null || runbook.isBlank()) {
            return null;
        }
        return runbookBase + "/" + runbook.replaceAll("^/+", "");
    }

    /** Per problem: what happened in a few words; the provider's message says exactly what and what to do. */
    static CardView.Notice notice(CiProblem problem) {
        String headline = switch (problem) {
            case CiProblem.Expired e -> "The log is no longer available";
            case CiProblem.Unauthorized u -> "The CI rejected the bot's token";
            case CiProblem.Forbidden f -> "The bot lacks permission (needs " + f.requiredScope() + ")";
            case CiProblem.NotFound n -> "Not found, or not visible to the bot";
            case CiProblem.RateLimited r -> "The CI is rate-limiting the bot; try again in "
                    + Math.max(1, r.retryAfter().toSeconds()) + " s";
            case CiProblem.ServerError s -> "The CI had a server error";
            case CiProblem.TimedOut t -> "The CI did not answer in time";
            case CiProblem.Unreachable u -> "The CI could not be reached";
            case CiProblem.Blocked b -> "The bot refused an unsafe request";
            case CiProblem.Rejected r -> "The CI refused the request";
        };
        return new CardView.Notice(headline, problem.message());
    }

    static String title(RunRef run) {
        return run.project() + " · run " + run.runId() + (run.attempt() > 0 ? ", attempt " + run.attempt() : "");
    }

    /** What a link points at, before anything is fetched: the placeholder's and a refused card's title. */
    public static String describe(CiLink link) {
        if (link.runId() == null) {
            return link.project() + " · job " + link.jobId();
        }
        String run = link.project() + " · run " + link.runId() + (link.attempt() > 0 ? ", attempt " + link.attempt() : "");
        return link.jobId() == null ? run : run + " · job " + link.jobId();
    }
}
