package dev.pipelinetriage.chat;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 */
public record CardView(String cardId, String title, String runUrl, Notice problem, List<JobCard> jobs, int moreJobs,
        Verdict verdict, RerunNote rerun) {

    public CardView {
        Objects.requireNonNull(title, "title");
        jobs = List.copyOf(jobs);
        if (moreJobs < 0) {
            throw new IllegalArgumentException("moreJobs must not be negative, got " + moreJobs);
        }
    }

    public boolean hasActions() {
        return cardId != null && !jobs.isEmpty();
    }

    public Optional<RerunNote> rerunNote() {
        return Optional.ofNullable(rerun);
    }

    public CardView withRerun(RerunNote note) {
        return new CardView(cardId, title, runUrl, problem, jobs, moreJobs, verdict, note);
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
     */
    public record Triaged(String job, Verdict verdict, String verdictWords, String confidenceWords, String reason,
            String failedStep, String knownError, String runbookUrl, List<LogLine> excerpt, boolean truncated,
            List<String> nextSteps) implements JobCard {
        public Triaged {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(verdictWords, "verdictWords");
            Objects.requireNonNull(confidenceWords, "confidenceWords");
            Objects.requireNonNull(reason, "reason");
            excerpt = List.copyOf(excerpt);
            nextSteps = List.copyOf(nextSteps);
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
