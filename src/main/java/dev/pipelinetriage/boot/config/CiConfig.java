package dev.pipelinetriage.boot.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code ci:} section.
 *
 * @param maxLogBytes the per-job log cap (head + tail kept)
 * @param requestTimeout overall deadline of one request, retries included
 */
public record CiConfig(List<CiInstanceConfig> instances, long maxLogBytes, Duration requestTimeout) {
    public CiConfig {
        instances = List.copyOf(instances);
    }
}
