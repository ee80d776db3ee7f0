package dev.pipelinetriage.adapter.ticket.jira;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where and how tickets are filed in Jira.
 *
 * @param baseUrl the site, e.g. {@code https://your-domain.atlassian.net} or {@code https://jira.example.com}
 * @param project the project key, e.g. {@code OPS}
 * @param issueType the issue type's name, e.g. {@code Bug}
 * @param labels added to every ticket, next to the signature's label
 * @param components component names, or empty
 * @param reopenTransition the transition that reopens a done ticket, or null for "the first that leaves done"
 */
public record JiraSettings(URI baseUrl, String project, String issueType, List<String> labels, List<String> components,
        String reopenTransition) {

    public JiraSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(issueType, "issueType");
        labels = List.copyOf(labels);
        components = List.copyOf(components);
    }

    String base() {
        return baseUrl.toString().replaceAll("/+$", "");
    }
}
