package dev.pipelinetriage.adapter.ticket.github;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where tickets are filed on GitHub.
 *
 * @param apiUrl {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub Enterprise Server
 * @param repository {@code owner/repo}
 * @param labels added to every issue, next to the signature's label
 */
public record GitHubIssuesSettings(URI apiUrl, String repository, List<String> labels) {
    public GitHubIssuesSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(repository, "repository");
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("repository must be owner/repo, got '" + repository + "'");
        }
        labels = List.copyOf(labels);
    }
}
