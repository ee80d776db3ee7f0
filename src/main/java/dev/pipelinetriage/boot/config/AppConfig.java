package dev.pipelinetriage.boot.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration file: {@code ci:} (required), {@code slack:} (required by {@code serve}) and
 * {@code store:} and {@code tickets:}. Other top-level sections ({@code teams:}) are accepted and left to the code
 * that owns them.
 *
 * @param slack the Slack section, or null when the file has none
 * @param tickets the tickets section, or null when recurring failures are only counted
 */
public record AppConfig(CiConfig ci, SlackSection slack, StoreSection store, TicketsSection tickets) {
    /** Where the embedded store goes when the file does not say. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

    public AppConfig {
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(store, "store");
    }

    public AppConfig(CiConfig ci, SlackSection slack, StoreSection store) {
        this(ci, slack, store, null);
    }

    public AppConfig(CiConfig ci) {
        this(ci, null, new StoreSection(DEFAULT_DATA_DIRECTORY));
    }

    /** The tickets section, when recurring failures are to be filed. */
    public Optional<TicketsSection> ticketsSection() {
        return Optional.ofNullable(tickets);
    }

    public Optional<SlackSection> slackSection() {
        return Optional.ofNullable(slack);
    }
}
