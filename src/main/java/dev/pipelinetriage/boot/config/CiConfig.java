package dev.pipelinetriage.boot.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code ci:} section.
 *
 * @param maxLogBytes the per-job log cap (head + tail kept)
 * @param requestTimeout overall deadline of one request, retries included
 * @param compareLastGreenRun whether each failed job is compared with the same job's last green run
 *     ({@code ci.compareLastGreenRun}, on unless set to false)
 */
public record CiConfig(List<CiInstanceConfig> instances, long maxLogBytes, Duration requestTimeout,
        boolean compareLastGreenRun) {
    public CiConfig {
        instances = List.copyOf(instances);
    }
}
