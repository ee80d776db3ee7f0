package dev.pipelinetriage.app;

import dev.pipelinetriage.domain.JobLog;
import java.util.Objects;

/**
 * The log of a failed job's last green run, to compare the failed log with.
 *
 * @param webUrl the green run's page on the configured web host
 */
public record GreenLog(JobLog log, String webUrl) {
    public GreenLog {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(webUrl, "webUrl");
    }
}
