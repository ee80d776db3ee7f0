package dev.pipelinetriage.boot.config;

import dev.pipelinetriage.chat.RefusedLinks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code slack:} section: secrets by reference only, where the bot answers, who may rerun.
 *
 * @param appToken Socket Mode's app-level token, or null to receive events over HTTP
 * @param allowedChannels channel ids the bot answers in; empty for every channel it was added to
 * @param rerunUsers user ids allowed to rerun jobs
 * @param rerunUserGroups user group ids whose members may rerun jobs (on-call)
 * @param runbookBaseUrl where runbook paths are published (e.g. the repository's web view), or null
 * @param apiBaseUrl the Slack Web API base ({@code https://slack.com/api/})
 * @param notifiers CI notifier bots (bot or app ids) whose messages are triaged, and in which channels
 * @param refusedLinks how a message in passing whose CI links are refused is answered
 */
public record SlackSection(CredentialSource signingSecret, CredentialSource botToken, CredentialSource appToken,
        List<String> allowedChannels, List<String> rerunUsers, List<String> rerunUserGroups, URI runbookBaseUrl,
        URI apiBaseUrl, int maxLinksPerMessage, Duration postInterval, NotifierSection notifiers,
        RefusedLinks refusedLinks) {

    public SlackSection(CredentialSource signingSecret, CredentialSource botToken, CredentialSource appToken,
            List<String> allowedChannels, List<String> rerunUsers, List<String> rerunUserGroups, URI runbookBaseUrl,
            URI apiBaseUrl, int maxLinksPerMessage, Duration postInterval, NotifierSection notifiers) {
        this(signingSecret, botToken, appToken, allowedChannels, rerunUsers, rerunUserGroups, runbookBaseUrl, apiBaseUrl,
                maxLinksPerMessage, postInterval, notifiers, RefusedLinks.EPHEMERAL);
    }

    public SlackSection(CredentialSource signingSecret, CredentialSource botToken, CredentialSource appToken,
            List<String> allowedChannels, List<String> rerunUsers, List<String> rerunUserGroups, URI runbookBaseUrl,
            URI apiBaseUrl, int maxLinksPerMessage, Duration postInterval) {
        this(signingSecret, botToken, appToken, allowedChannels, rerunUsers, rerunUserGroups, runbookBaseUrl, apiBaseUrl,
                maxLinksPerMessage, postInterval, NotifierSection.off());
    }

    public SlackSection {
        notifiers = notifiers == null ? NotifierSection.off() : notifiers;
        refusedLinks = refusedLinks == null ? RefusedLinks.EPHEMERAL : refusedLinks;
        Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(postInterval, "postInterval");
        allowedChannels = List.copyOf(allowedChannels);
        rerunUsers = List.copyOf(rerunUsers);
        rerunUserGroups = List.copyOf(rerunUserGroups);
    }

    public Optional<CredentialSource> socketModeToken() {
        return Optional.ofNullable(appToken);
    }
}
