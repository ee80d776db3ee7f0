package dev.pipelinetriage.app.port;

import java.util.Objects;

/** The outcome of asking for a rerun. */
public sealed interface RerunResult permits RerunResult.Started, RerunResult.Unsupported, RerunResult.NotAllowed, CiProblem {

    /**
     * @param link the web link of the new attempt (run attempt, retried job or queued build)
     * @param alreadyExisted true when the request timed out but a new attempt was found afterwards
     */
    record Started(String link, boolean alreadyExisted) implements RerunResult {
        public Started {
            Objects.requireNonNull(link, "link");
        }
    }

    /**
     * The bot will not rerun this run: rerunning it would run code from outside the repository with the repository's
     * privileges (a pull request from a fork, a {@code pull_request_target} run) where the configuration does not allow
     * that; {@code reason} says so and how to allow it.
     */
    record NotAllowed(String reason) implements RerunResult {
        public NotAllowed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** This provider cannot rerun what was asked (e.g. a single Azure job); {@code reason} says what can. */
    record Unsupported(String reason) implements RerunResult {
        public Unsupported {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
