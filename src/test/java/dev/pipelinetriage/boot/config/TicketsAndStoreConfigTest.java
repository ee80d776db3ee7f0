package dev.pipelinetriage.boot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.app.TicketPolicy;
import dev.pipelinetriage.domain.Verdict;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TicketsAndStoreConfigTest {
    private static final String CI = "ci: {instances: [{name: gh, type: github, token: {env: GH}}]}\n";

    @Test
    void aJiraCloudSectionLoadsWithItsThresholdsAndDefaultsForTheRest() {
        TicketsSection t = ConfigLoader.parseForServe(CI + """
                tickets:
                  tracker: jira-cloud
                  baseUrl: https://example.atlassian.net
                  project: OPS
                  issueType: Task
                  labels: [ci-failure]
                  components: [CI]
                  user: bot@example.com
                  token: {env: JIRA_TOKEN}
                  reopen: new
                  thresholds:
                    flaky: {activate: 8, deactivate: 3, windowDays: 14}
                    code: off
                """).ticketsSection().orElseThrow();

        assertThat(t.tracker()).isEqualTo(TicketsSection.Tracker.JIRA_CLOUD);
        assertThat(t.baseUrl()).isEqualTo(URI.create("https://example.atlassian.net"));
        assertThat(t.issueType()).isEqualTo("Task");
        assertThat(t.token()).isEqualTo(new CredentialSource.FromEnv("JIRA_TOKEN"));
        assertThat(t.policy().reopen()).isEqualTo(TicketPolicy.Reopen.NEW);
        assertThat(t.policy().thresholds())
                .containsEntry(Verdict.FLAKY, new TicketPolicy.Threshold(8, 3, Duration.ofDays(14)))
                .containsEntry(Verdict.PLATFORM, new TicketPolicy.Threshold(3, 1, Duration.ofDays(7)))
                .doesNotContainKey(Verdict.CODE);
        assertThat(t.policy().commentEvery()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aGitHubSectionNeedsOnlyTheRepositoryAndAToken() {
        TicketsSection t = ConfigLoader.parseForServe(CI + "tickets: {tracker: github, repository: acme/ci, token: {file: /run/secrets/gh}}")
                .ticketsSection().orElseThrow();

        assertThat(t.baseUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(t.repository()).isEqualTo("acme/ci");
        assertThat(ConfigLoader.parseForServe(CI).ticketsSection()).isEmpty();
        assertThat(ConfigLoader.parse(CI + "tickets: {tracker: nonsense}").ticketsSection()).isEmpty();
    }

    @Test
    void ticketMistakesNameTheirKey() {
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "tickets: {tracker: jira, token: {env: T}}"))
                .hasMessage("tickets.tracker: must be jira-cloud, jira-datacenter or github, got 'jira'");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "tickets: {tracker: jira-cloud, baseUrl: 'https://x.atlassian.net', "
                + "project: OPS, token: {env: T}}"))
                .hasMessageStartingWith("tickets.user: required for jira-cloud");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "tickets: {tracker: jira-datacenter, baseUrl: 'https://jira.example', "
                + "project: ops, token: {env: T}}"))
                .hasMessageStartingWith("tickets.project: must be a Jira project key like OPS");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "tickets: {tracker: github, repository: a/b, token: ghp_inline}"))
                .hasMessageStartingWith("tickets.token: inline secrets are not allowed");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "tickets: {tracker: github, repository: a/b, token: {env: T}, "
                + "thresholds: {platform: {activate: 3, deactivate: 3}}}"))
                .hasMessage("tickets.thresholds.platform.deactivate: must be below activate (3), got 3");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "tickets: {tracker: github, repository: a/b, token: {env: T}, "
                + "labels: ['has space']}"))
                .hasMessageStartingWith("tickets.labels[0]: must be 1-50 letters");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "tickets: {tracker: github, repository: a/b, token: {env: T}, "
                + "retentionDays: 3}"))
                .hasMessage("tickets.retentionDays: must be at least the longest threshold window (7 days), got 3");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "tickets: {tracker: github, repository: a/b, token: {env: T}, proj: X}"))
                .hasMessageStartingWith("tickets.proj: unknown key");
    }

    @Test
    void thePostgresStoreTakesItsPasswordFromTheEnvironment() {
        StoreSection s = ConfigLoader.parseForServe(CI + """
                store: {type: postgres, url: 'jdbc:postgresql://db:5432/triage', user: triage, password: {env: PGPASSWORD}}
                """).store();

        assertThat(s.type()).isEqualTo(StoreSection.Type.POSTGRES);
        assertThat(s.url()).isEqualTo("jdbc:postgresql://db:5432/triage");
        assertThat(s.password()).isEqualTo(new CredentialSource.FromEnv("PGPASSWORD"));
        assertThat(s.maxConnections()).isEqualTo(10);
        assertThat(ConfigLoader.parseForServe(CI + "store: {directory: /var/lib/triage}").store().type())
                .isEqualTo(StoreSection.Type.EMBEDDED);
    }

    @Test
    void storeMistakesNameTheirKeyAndNeverEchoAPassword() {
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "store: {type: mysql}"))
                .hasMessage("store.type: must be embedded or postgres, got 'mysql'");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "store: {type: postgres, url: 'jdbc:postgresql://db/t?password=hunter2', "
                + "user: u, password: {env: P}}"))
                .hasMessage("store.url: must not contain the password; use store.password {env: ...}");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "store: {type: postgres, url: 'jdbc:postgresql://db/t', user: u}"))
                .hasMessageStartingWith("store.password: required");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "store: {type: embedded, url: 'jdbc:postgresql://db/t'}"))
                .hasMessageStartingWith("store.url: unknown key");
    }
}
