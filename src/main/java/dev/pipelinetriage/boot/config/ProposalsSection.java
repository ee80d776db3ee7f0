package dev.pipelinetriage.boot.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code proposals:} section: where curators' proposed knowledge-base entries go (a pull request on GitHub or
 * a merge request on GitLab), and who the curators are on each chat platform.
 *
 * @param repository GitHub {@code owner/repo} or GitLab project path
 * @param entries the knowledge-base folder in that repository
 * @param runbooks the runbooks folder in that repository: {@code runbooks} next to {@code entries}, where the entries'
 *     {@code runbook: runbooks/<id>.md} paths point
 * @param slackUsers Slack user ids who may propose; {@code slackGroups} user group ids whose members may
 * @param teamsUsers Entra object ids who may propose; {@code teamsGroups} Entra group ids whose members may
 */
public record ProposalsSection(Host host, URI apiUrl, String repository, String baseBranch, String entries,
        String runbooks, CredentialSource token, List<String> slackUsers, List<String> slackGroups,
        List<String> teamsUsers, List<String> teamsGroups) {

    public enum Host {
        GITHUB, GITLAB;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ProposalsSection {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(baseBranch, "baseBranch");
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(runbooks, "runbooks");
        Objects.requireNonNull(token, "token");
        slackUsers = List.copyOf(slackUsers);
        slackGroups = List.copyOf(slackGroups);
        teamsUsers = List.copyOf(teamsUsers);
        teamsGroups = List.copyOf(teamsGroups);
    }
}
