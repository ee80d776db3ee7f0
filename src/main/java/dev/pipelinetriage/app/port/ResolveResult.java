package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.Run;
import java.util.List;
import java.util.Objects;

/** The outcome of looking up the run and jobs a link points at. */
public sealed interface ResolveResult permits ResolveResult.Resolved, CiProblem {

    /**
     * @param targets the jobs to triage: the run's failed jobs for a run link, the linked job for a job link
     */
    record Resolved(Run run, List<Job> targets) implements ResolveResult {
        public Resolved {
            Objects.requireNonNull(run, "run");
            targets = List.copyOf(targets);
        }
    }
}
