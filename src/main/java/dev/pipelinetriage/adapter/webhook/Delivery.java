package dev.pipelinetriage.adapter.webhook;

import dev.pipelinetriage.app.FailedRunEvent;
import dev.pipelinetriage.app.RunFinished;
import java.util.Objects;

/** What a verified delivery's payload says, as far as the bot cares. */
sealed interface Delivery {

    /**
     * A run or job failed: triage it.
     *
     * @param finished when the failure is a rerun of an earlier attempt, that attempt's outcome; else null
     */
    record Failure(FailedRunEvent event, RunFinished finished) implements Delivery {
        public Failure {
            Objects.requireNonNull(event, "event");
        }

        Failure(FailedRunEvent event) {
            this(event, null);
        }
    }

    /** A run attempt passed: if an earlier attempt's failure was triaged, it passed on rerun. */
    record Finished(RunFinished finished) implements Delivery {
        public Finished {
            Objects.requireNonNull(finished, "finished");
        }
    }

    /** Nothing to do: another event type, a success, a run still going. Answered 202 so the sender stays happy. */
    record Ignored(String reason) implements Delivery {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** GitHub's {@code ping} when the hook is created. */
    record Pong() implements Delivery {
    }

    /** Authentic, but unusable: a payload without the ids, or naming a host that is not the instance's. */
    record Refused(int status, String reason) implements Delivery {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
