package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.JobLog;
import java.util.Objects;

/** The outcome of fetching one job's log. */
public sealed interface FetchResult permits FetchResult.Fetched, CiProblem {

    record Fetched(JobLog log) implements FetchResult {
        public Fetched {
            Objects.requireNonNull(log, "log");
        }
    }
}
