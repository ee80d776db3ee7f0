package dev.pipelinetriage.boot.config;

import dev.pipelinetriage.app.TicketPolicy;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The {@code tickets:} section: which tracker, where in it, with which credential, and when to file.
 *
 * @param baseUrl the Jira site, or the GitHub API ({@code https://api.github.com} by default)
 * @param project the Jira project key (Jira only)
 * @param repository {@code owner/repo} (GitHub only)
 * @param issueType the Jira issue type's name (Jira only)
 * @param user the Jira Cloud account's e-mail for basic auth (Jira Cloud only)
 * @param reopenTransition the Jira transition that reopens, or null for the first that leaves "done"
 */
public record TicketsSection(Tracker tracker, URI baseUrl, String project, String repository, String issueType,
        List<String> labels, List<String> components, String user, CredentialSource token, String reopenTransition,
        TicketPolicy policy) {

    public enum Tracker {
        JIRA_CLOUD("jira-cloud"), JIRA_DATA_CENTER("jira-datacenter"), GITHUB("github");

        private final String wireName;

        Tracker(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public TicketsSection {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(policy, "policy");
        labels = List.copyOf(labels);
        components = List.copyOf(components);
    }
}
