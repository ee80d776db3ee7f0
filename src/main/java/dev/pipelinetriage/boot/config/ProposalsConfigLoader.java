package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code proposals:} section. Every problem is a {@link ConfigException} naming the key; unknown keys are
 * rejected. Curators are named like the people who may rerun: Slack user and user group ids, Entra user and group
 * object ids.
 */
public final class ProposalsConfigLoader {
    private static final Set<String> KEYS = Set.of("host", "apiUrl", "repository", "baseBranch", "entries", "token",
            "curators");
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String FOLDER = "[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*";

    private ProposalsConfigLoader() {
    }

    public static Optional<ProposalsSection> parse(String yaml) {
        return section(ConfigLoader.root(yaml));
    }

    static Optional<ProposalsSection> section(JsonNode root) {
        JsonNode node = root.get("proposals");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new ConfigException("proposals", "must be a mapping with host, repository, token and curators");
        }
        ConfigLoader.rejectUnknown(node, "proposals", KEYS);
        String hostText = ConfigLoader.text(node, "proposals", "host", true);
        ProposalsSection.Host host = switch (hostText) {
            case "github" -> ProposalsSection.Host.GITHUB;
            case "gitlab" -> ProposalsSection.Host.GITLAB;
            default -> throw new ConfigException("proposals.host", "must be github or gitlab, got '"
                    + ConfigLoader.abbreviate(hostText) + "'");
        };
        URI api = ConfigLoader.url(node, "proposals", "apiUrl").orElseGet(() -> {
            if (host == ProposalsSection.Host.GITLAB) {
                throw new ConfigException("proposals.apiUrl", "required for gitlab: the API root, e.g. "
                        + "https://gitlab.example.com/api/v4");
            }
            return URI.create("https://api.github.com");
        });
        String repository = ConfigLoader.text(node, "proposals", "repository", true);
        if (!repository.matches(FOLDER) || host == ProposalsSection.Host.GITHUB && !repository.matches("[^/]+/[^/]+")) {
            throw new ConfigException("proposals.repository", host == ProposalsSection.Host.GITHUB
                    ? "must be owner/repo, got '" + ConfigLoader.abbreviate(repository) + "'"
                    : "must be the project's path (group/project), got '" + ConfigLoader.abbreviate(repository) + "'");
        }
        String base = Optional.ofNullable(ConfigLoader.text(node, "proposals", "baseBranch", false)).orElse("main");
        if (!base.matches(FOLDER)) {
            throw new ConfigException("proposals.baseBranch", "must be a branch name, got '" + ConfigLoader.abbreviate(base) + "'");
        }
        String entries = folder(node, "entries", "knowledge-base");
        // Entries name runbooks/<id>.md relative to the knowledge-base folder's parent, as the loader reads them.
        String runbooks = (entries.contains("/") ? entries.substring(0, entries.lastIndexOf('/') + 1) : "") + "runbooks";
        CredentialSource token = ConfigLoader.token(node.get("token"), "proposals.token");
        JsonNode curators = node.get("curators");
        if (curators == null || !curators.isObject()) {
            throw new ConfigException("proposals.curators", "required: slack: {users, userGroups} and/or teams: {users, groups}");
        }
        ConfigLoader.rejectUnknown(curators, "proposals.curators", Set.of("slack", "teams"));
        List<String> slackUsers = List.of();
        List<String> slackGroups = List.of();
        List<String> teamsUsers = List.of();
        List<String> teamsGroups = List.of();
        JsonNode slack = curators.get("slack");
        if (slack != null && !slack.isNull()) {
            ConfigLoader.rejectUnknown(slack, "proposals.curators.slack", Set.of("users", "userGroups"));
            slackUsers = ConfigLoader.ids(slack, "proposals.curators.slack", "users", "[UW][A-Z0-9]{2,30}",
                    "Slack user ids like U012AB3CD");
            slackGroups = ConfigLoader.ids(slack, "proposals.curators.slack", "userGroups", "S[A-Z0-9]{2,30}",
                    "Slack user group ids like S0614TZR7");
        }
        JsonNode teams = curators.get("teams");
        if (teams != null && !teams.isNull()) {
            ConfigLoader.rejectUnknown(teams, "proposals.curators.teams", Set.of("users", "groups"));
            teamsUsers = ConfigLoader.ids(teams, "proposals.curators.teams", "users", GUID, "Entra object ids (GUIDs)");
            teamsGroups = ConfigLoader.ids(teams, "proposals.curators.teams", "groups", GUID, "Entra group ids (GUIDs)");
        }
        if (slackUsers.isEmpty() && slackGroups.isEmpty() && teamsUsers.isEmpty() && teamsGroups.isEmpty()) {
            throw new ConfigException("proposals.curators", "names nobody: list Slack or Teams users or groups");
        }
        return Optional.of(new ProposalsSection(host, api, repository, base, entries, runbooks, token, slackUsers,
                slackGroups, teamsUsers, teamsGroups));
    }

    private static String folder(JsonNode node, String field, String fallback) {
        String value = Optional.ofNullable(ConfigLoader.text(node, "proposals", field, false)).orElse(fallback);
        if (!value.matches(FOLDER) || value.contains("..")) {
            throw new ConfigException("proposals." + field, "must be a folder path in the repository, got '"
                    + ConfigLoader.abbreviate(value) + "'");
        }
        return value;
    }
}
