package dev.pipelinetriage.boot.config;

import java.util.Objects;

/**
 * The whole configuration file. Only {@code ci:} is read today; other top-level sections ({@code slack:},
 * {@code teams:}, {@code store:}, {@code tickets:}) are accepted and left to the code that owns them.
 */
public record AppConfig(CiConfig ci) {
    public AppConfig {
        Objects.requireNonNull(ci, "ci");
    }
}
