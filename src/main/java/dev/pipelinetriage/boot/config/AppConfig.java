package dev.pipelinetriage.boot.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration file as one immutable tree, parsed once ({@link Config#load}): {@code ci:} (required),
 * {@code slack:} and/or {@code teams:} (for {@code serve}), {@code store:}, {@code tickets:}, {@code ops:} and
 * {@code webhooks:}. Secrets stay references until the part that needs one reads it.
 *
 * @param slack the Slack section, or null when the file has none
 * @param teams the Teams section, or null when the file has none
 * @param tickets the tickets section, or null when recurring failures are not counted nor filed
 * @param ops operations: knowledge-base location and reload, shutdown grace, digest (defaults when absent)
 * @param webhooks the CI webhooks section, or null when failures are not announced by webhooks
 * @param proposals where curators' proposed knowledge-base entries go, or null when they cannot propose from chat
 */
public record AppConfig(CiConfig ci, SlackSection slack, StoreSection store, TeamsSection teams, TicketsSection tickets,
        OpsSection ops, WebhooksSection webhooks, ProposalsSection proposals) {
    /** Where the embedded store goes when the file does not say. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

    public AppConfig {
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(ops, "ops");
    }

    public AppConfig(CiConfig ci, SlackSection slack, StoreSection store, TeamsSection teams, TicketsSection tickets) {
        this(ci, slack, store, teams, tickets, OpsSection.defaults(), null, null);
    }

    public AppConfig(CiConfig ci, SlackSection slack, StoreSection store, TeamsSection teams, TicketsSection tickets,
            OpsSection ops, WebhooksSection webhooks) {
        this(ci, slack, store, teams, tickets, ops, webhooks, null);
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

    /** The webhooks section, when CI webhooks announce failures. */
    public Optional<WebhooksSection> webhooksSection() {
        return Optional.ofNullable(webhooks);
    }

    /** The same configuration with other operations and webhooks sections. */
    public AppConfig with(OpsSection otherOps, Optional<WebhooksSection> otherWebhooks) {
        return new AppConfig(ci, slack, store, teams, tickets, otherOps, otherWebhooks.orElse(null), proposals);
    }

    /** The same configuration with another proposals section. */
    public AppConfig withProposals(Optional<ProposalsSection> otherProposals) {
        return new AppConfig(ci, slack, store, teams, tickets, ops, webhooks, otherProposals.orElse(null));
    }

    /** Where curators' proposed entries go, when they may propose from chat. */
    public Optional<ProposalsSection> proposalsSection() {
        return Optional.ofNullable(proposals);
    }
}
