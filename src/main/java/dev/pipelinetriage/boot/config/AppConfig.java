package dev.pipelinetriage.boot.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration file: {@code ci:} (required), {@code slack:} and {@code teams:} (one of them required by
 * {@code serve}) and {@code store:}. Other top-level sections ({@code tickets:}) are accepted and left to the code
 * that owns them.
 *
 * @param slack the Slack section, or null when the file has none
 * @param teams the Teams section, or null when the file has none
 */
public record AppConfig(CiConfig ci, SlackSection slack, StoreSection store, TeamsSection teams) {
    /** Where the embedded store goes when the file does not say. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

    public AppConfig {
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(store, "store");
    }

    public AppConfig(CiConfig ci) {
        this(ci, null, new StoreSection(DEFAULT_DATA_DIRECTORY), null);
    }

    public AppConfig(CiConfig ci, SlackSection slack, StoreSection store) {
        this(ci, slack, store, null);
    }

    public Optional<SlackSection> slackSection() {
        return Optional.ofNullable(slack);
    }

    public Optional<TeamsSection> teamsSection() {
        return Optional.ofNullable(teams);
    }
}
