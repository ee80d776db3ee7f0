package dev.pipelinetriage.boot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The {@code proposals:} section: defaults, both code hosts, and a clear message naming each bad key. */
class ProposalsConfigTest {

    private static ProposalsSection parse(String yaml) {
        return ProposalsConfigLoader.parse(yaml).orElseThrow();
    }

    private static void rejected(String yaml, String key, String words) {
        assertThatThrownBy(() -> ProposalsConfigLoader.parse(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(key).hasMessageContaining(words);
    }

    @Test
    void aGitHubRepositoryWithSlackCuratorsTakesTheDefaults() {
        ProposalsSection section = parse("""
                proposals:
                  host: github
                  repository: acme/triage-kb
                  token: {env: KB_TOKEN}
                  curators: {slack: {users: [U012AB3CD], userGroups: [S0614TZR7]}}
                """);

        assertThat(section.apiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(section.baseBranch()).isEqualTo("main");
        assertThat(section.entries()).isEqualTo("knowledge-base");
        assertThat(section.runbooks()).isEqualTo("runbooks");
        assertThat(section.slackUsers()).containsExactly("U012AB3CD");
        assertThat(section.slackGroups()).containsExactly("S0614TZR7");
        assertThat(section.teamsGroups()).isEmpty();
    }

    @Test
    void aGitLabProjectNeedsItsApiUrlAndMayNameTeamsCurators() {
        ProposalsSection section = parse("""
                proposals:
                  host: gitlab
                  apiUrl: https://gitlab.example.com/api/v4
                  repository: platform/ci/triage-kb
                  baseBranch: release/kb
                  entries: kb/entries
                  token: {file: /run/secrets/kb}
                  curators: {teams: {groups: [9a0b5d1e-3f4c-4e2a-8b7d-6c5e4f3a2b1c]}}
                """);

        assertThat(section.host()).isEqualTo(ProposalsSection.Host.GITLAB);
        assertThat(section.repository()).isEqualTo("platform/ci/triage-kb");
        assertThat(section.entries()).isEqualTo("kb/entries");
        assertThat(section.runbooks()).isEqualTo("kb/runbooks");
        assertThat(section.teamsGroups()).containsExactly("9a0b5d1e-3f4c-4e2a-8b7d-6c5e4f3a2b1c");
        assertThat(ProposalsConfigLoader.parse("ci: {}\n")).isEmpty();
    }

    @Test
    void badValuesNameTheirKey() {
        String base = "proposals:\n  host: github\n  repository: acme/kb\n  token: {env: T}\n";
        rejected(base.replace("github", "bitbucket") + "  curators: {slack: {users: [U012AB3CD]}}\n", "proposals.host",
                "github or gitlab");
        rejected(base.replace("github", "gitlab") + "  curators: {slack: {users: [U012AB3CD]}}\n", "proposals.apiUrl",
                "required for gitlab");
        rejected(base.replace("acme/kb", "acme/kb/extra") + "  curators: {slack: {users: [U012AB3CD]}}\n",
                "proposals.repository", "owner/repo");
        rejected(base, "proposals.curators", "required");
        rejected(base + "  curators: {slack: {users: []}}\n", "proposals.curators", "names nobody");
        rejected(base + "  curators: {slack: {users: [alice]}}\n", "proposals.curators.slack.users[0]", "Slack user ids");
        rejected(base + "  entries: ../outside\n  curators: {slack: {users: [U012AB3CD]}}\n", "proposals.entries",
                "folder path");
        rejected(base.replace("{env: T}", "ghp_inline") + "  curators: {slack: {users: [U012AB3CD]}}\n",
                "proposals.token", "inline secrets are not allowed");
        rejected(base + "  curator: {}\n", "proposals.curator", "unknown key");
    }
}
