package dev.pipelinetriage.chat;

import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A triage card, as every chat front end shows it: words for people, already decided; adapters only lay it out.
 * Every text in it is plain (adapters escape it); excerpt lines are redacted.
 *
 * @param cardId the id buttons refer to, or null for a card without buttons (a refused link, a failed lookup)
 * @param title e.g. {@code octo-org/octo-repo · run 30433642, attempt 1}
 * @param runUrl the run's page (built by the bot from configuration), or null
 * @param problem why there is nothing to triage, or null
 * @param jobs the failed jobs, at most {@link CardBuilder#MAX_JOBS}
 * @param moreJobs failed jobs left off the card
 * @param verdict the card's overall verdict (code if any job's is), or null without jobs
 * @param rerun who asked for a rerun and its link, once someone did; else null
 * @param passedOnRerun the later attempt that passed, once one did; else null
 * @param proposals true when curators may propose knowledge-base entries from cards (the button shows on cards
 *     with a failure no known error explains)
 */
public record CardView(String cardId, String title, String runUrl, Notice problem, List<JobCard> jobs, int moreJobs,
        Verdict verdict, RerunNote rerun, PassedNote passedOnRerun, boolean proposals) {

    /** Marks an excerpt line that the job's last green run did not print. */
    public static final String NEW_LINE_MARK = "\u25CF";

    public CardView {
        Objects.requireNonNull(title, "title");
        jobs = List.copyOf(jobs);
        if (moreJobs < 0) {
            throw new IllegalArgumentException("moreJobs must not be negative, got " + moreJobs);
        }
    }

    /** A card whose run has not been rerun (or whose rerun has not passed yet). */
    public CardView(String cardId, String title, String runUrl, Notice problem, List<JobCard> jobs, int moreJobs,
            Verdict verdict, RerunNote rerun) {
        this(cardId, title, runUrl, problem, jobs, moreJobs, verdict, rerun, null, false);
    }

    /** Propose knowledge-base entry is offered while some failure on the card has no known error. */
    public boolean canProposeEntry() {
        return proposals && hasActions() && jobs.stream().anyMatch(j -> j instanceof Triaged t && t.knownError() == null);
    }

    public CardView withProposals(boolean offered) {
        return new CardView(cardId, title, runUrl, problem, jobs, moreJobs, verdict, rerun, passedOnRerun, offered);
    }

    public boolean hasActions() {
        return cardId != null && !jobs.isEmpty();
    }

    public Optional<RerunNote> rerunNote() {
        return Optional.ofNullable(rerun);
    }

    public CardView withRerun(RerunNote note) {
        return new CardView(cardId, title, runUrl, problem, jobs, moreJobs, verdict, note, passedOnRerun, proposals);
    }

    public Optional<PassedNote> passedNote() {
        return Optional.ofNullable(passedOnRerun);
    }

    public CardView withPassedOnRerun(PassedNote note) {
        return new CardView(cardId, title, runUrl, problem, jobs, moreJobs, verdict, rerun, note, proposals);
    }

    /** The recurrence lines of the triaged jobs, in job order. */
    public List<RecurrenceNote> recurrences() {
        return jobs.stream().map(j -> j instanceof Triaged t ? t.recurrence() : null).filter(Objects::nonNull).toList();
    }

    /** File ticket is offered while some failure on the card has no ticket and none is being filed. */
    public boolean canFileTicket() {
        return hasActions() && recurrences().stream().anyMatch(r -> r.ticketKey() == null && !r.pending());
    }

    /** The same card with each job's recurrence note replaced where {@code notes} has one for its signature. */
    public CardView withRecurrences(java.util.Map<String, RecurrenceNote> notes) {
        List<JobCard> updated = jobs.stream().map(j -> j instanceof Triaged t && t.recurrence() != null
                && notes.containsKey(t.recurrence().signatureKey()) ? (JobCard) t.withRecurrence(notes.get(t.recurrence().signatureKey())) : j)
                .toList();
        return new CardView(cardId, title, runUrl, problem, updated, moreJobs, verdict, rerun, passedOnRerun, proposals);
    }

    /**
     * How often a job's failure was seen, and its ticket.
     *
     * @param windowDays the counting window in days
     * @param ticketKey the ticket's key, or null
     * @param ticketUrl the ticket's page, or null
     * @param pending true while a ticket is being filed
     */
    public record RecurrenceNote(String signatureKey, long count, long windowDays, String ticketKey, String ticketUrl,
            boolean pending) {
        public RecurrenceNote {
            Objects.requireNonNull(signatureKey, "signatureKey");
        }

        /** e.g. {@code Seen 3 times in 7 days -- ticket OPS-123}. */
        public String words() {
            String seen = "Seen " + (count == 1 ? "once" : count + " times") + " in " + windowDays
                    + (windowDays == 1 ? " day" : " days");
            if (ticketKey != null) {
                return seen + " -- ticket " + ticketKey;
            }
            return pending ? seen + " -- ticket pending" : seen;
        }
    }

    /**
     * The last green run a job's log was compared with.
     *
     * @param url the green run's page (built by the bot from configuration)
     * @param newLines the numbers of the excerpt lines it did not print
     */
    public record GreenRunNote(String url, SortedSet<Integer> newLines) {
        /** The part of {@link #words()} that links the green run. */
        public static final String LINK_TEXT = "last green run";

        public GreenRunNote {
            Objects.requireNonNull(url, "url");
            newLines = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(newLines));
        }

        public boolean isNew(RedactedLine line) {
            return newLines.contains(line.number());
        }

        /** What the card says about the marks; adapters link {@link #LINK_TEXT} to {@link #url()}. */
        public String words() {
            return "Lines marked " + NEW_LINE_MARK + " are new since the " + LINK_TEXT;
        }
    }

    /** A headline and what to do about it. */
    public record Notice(String headline, String detail) {
        public Notice {
            Objects.requireNonNull(headline, "headline");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A rerun someone started from the card. */
    public record RerunNote(String user, String link, Instant at) {
        public RerunNote {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A later attempt of the card's run passed: the failure was likely flaky. */
    public record PassedNote(String link, Instant at) {
        /** The part of {@link #words()} that links the passed attempt. */
        public static final String LINK_TEXT = "passed on rerun";

        public PassedNote {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(at, "at");
        }

        /** What the card says; adapters link {@link #LINK_TEXT} to {@link #link()}. */
        public String words() {
            return "This run " + LINK_TEXT + " -- likely flaky.";
        }
    }

    public sealed interface JobCard permits Triaged, Unavailable {
        String job();
    }

    /**
     * @param verdictWords e.g. {@code Platform: the CI infrastructure failed, not the code}
     * @param confidenceWords e.g. {@code high confidence (85%)}
     * @param failedStep the failed step, or null
     * @param knownError the matched known error's title, or null
     * @param runbookUrl the known error's runbook link, or null
     * @param excerpt redacted lines with their original numbers
     * @param nextSteps what to do, most useful first
     * @param recurrence how often this failure was seen and its ticket, or null when not counted
     * @param lastGreen the last green run the log was compared with, or null when it was not
     */
    public record Triaged(String job, Verdict verdict, String verdictWords, String confidenceWords, String reason,
            String failedStep, String knownError, String runbookUrl, List<RedactedLine> excerpt, boolean truncated,
            List<String> nextSteps, RecurrenceNote recurrence, GreenRunNote lastGreen) implements JobCard {
        public Triaged {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(verdictWords, "verdictWords");
            Objects.requireNonNull(confidenceWords, "confidenceWords");
            Objects.requireNonNull(reason, "reason");
            excerpt = List.copyOf(excerpt);
            nextSteps = List.copyOf(nextSteps);
        }

        /** A job without recurrence counting, not compared with a green run. */
        public Triaged(String job, Verdict verdict, String verdictWords, String confidenceWords, String reason,
                String failedStep, String knownError, String runbookUrl, List<RedactedLine> excerpt, boolean truncated,
                List<String> nextSteps) {
            this(job, verdict, verdictWords, confidenceWords, reason, failedStep, knownError, runbookUrl, excerpt,
                    truncated, nextSteps, null, null);
        }

        public Triaged withRecurrence(RecurrenceNote note) {
            return new Triaged(job, verdict, verdictWords, confidenceWords, reason, failedStep, knownError, runbookUrl,
                    excerpt, truncated, nextSteps, note, lastGreen);
        }

        public Optional<GreenRunNote> comparedWith() {
            return Optional.ofNullable(lastGreen);
        }
    }

    /** The job's log could not be read; the notice says why and what to do. */
    public record Unavailable(String job, Notice notice) implements JobCard {
        public Unavailable {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(notice, "notice");
        }
    }
}
