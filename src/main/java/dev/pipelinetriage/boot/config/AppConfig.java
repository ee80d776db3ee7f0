package dev.pipelinetriage.boot.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration file: {@code ci:} (required), and for {@code serve} also {@code slack:} and/or {@code teams:}
 * and {@code store:} and {@code tickets:} ({@link ConfigLoader#parseForServe}). Sections a command does not use are
 * not read, so the CLI works with a file written for the bot.
 *
 * @param slack the Slack section, or null when the file has none
 * @param teams the Teams section, or null when the file has none
 * @param tickets the tickets section, or null when recurring failures are not counted nor filed
 */
public record AppConfig(CiConfig ci, SlackSection slack, StoreSection store, TeamsSection teams, TicketsSection tickets) {
    /** Where the embedded store goes when the file does not say. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

    public AppConfig {
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(store, "store");
    }

    public AppConfig(CiConfig ci) {
        this(ci, null, new StoreSection(DEFAULT_DATA_DIRECTORY), null, null);
    }

    public AppConfig(CiConfig ci, SlackSection slack, StoreSection store) {
        this(ci, slack, store, null, null);
    }

    public AppConfig(CiConfig ci, SlackSection slack, StoreSection store, TeamsSection teams) {
        this(ci, slack, store, teams, null);
    }

    public Optional<SlackSection> slackSection() {
        return Optional.ofNullable(slack);
    }

    public Optional<TeamsSection> teamsSection() {
        return Optional.ofNullable(teams);
    }

    /** The tickets section, when recurring failures are to be counted and filed. */
    public Optional<TicketsSection> ticketsSection() {
        return Optional.ofNullable(tickets);
    }
}
