package dev.pipelinetriage.boot.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration file: {@code ci:} (required), and for {@code serve} also {@code slack:} and/or {@code teams:}
 * and {@code store:} ({@link ConfigLoader#parseForServe}). Sections a command does not use are not read, so the CLI
 * works with a file written for the bot; other top-level sections ({@code tickets:}) belong to the code that owns
 * them.
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
