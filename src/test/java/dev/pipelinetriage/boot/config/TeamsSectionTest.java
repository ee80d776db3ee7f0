package dev.pipelinetriage.boot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.boot.ServeWiring;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code teams:} section: what a Teams admin writes, and the bot refusing to run without its credential. */
class TeamsSectionTest {
    private static final String CI = """
            ci:
              instances:
                - {name: github, type: github, token: {env: GITHUB_TOKEN}}
            """;
    private static final String APP = "6f1b1f3e-8c4d-4a55-9b8e-2f0d2c7a9e11";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    @TempDir
    Path dir;

    @Test
    void aTeamsSectionLoadsWithTheMicrosoftEndpointsAsDefaults() {
        TeamsSection teams = ConfigLoader.parseForServe(CI + """
                teams:
                  appId: %s
                  appPassword: {file: /run/secrets/teams-app-password}
                  tenant: %s
                  allowedTenants: [%s]
                  rerun:
                    users: [0c1e7d6a-3b1f-4f4b-9a43-7d1e5f2a9b01]
                    groups: [a1b2c3d4-e5f6-4789-abcd-ef0123456789]
                """.formatted(APP, TENANT, TENANT)).teamsSection().orElseThrow();

        assertThat(teams.appPassword()).isEqualTo(new CredentialSource.FromFile(Path.of("/run/secrets/teams-app-password")));
        assertThat(teams.rerunGroups()).containsExactly("a1b2c3d4-e5f6-4789-abcd-ef0123456789");
        assertThat(teams.openIdMetadataUrl()).isEqualTo(URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration"));
        assertThat(teams.loginBaseUrl()).isEqualTo(URI.create("https://login.microsoftonline.com"));
        assertThat(teams.graphBaseUrl()).isEqualTo(URI.create("https://graph.microsoft.com"));
        assertThat(teams.testServiceUrlPrefix()).isEmpty();
        assertThat(teams.proactiveServiceUrlIfSet()).as("posts only where an activity showed the way").isEmpty();
        assertThat(teams.maxLinksPerMessage()).isEqualTo(3);
    }

    @Test
    void microsoftsProactiveBotConnectorMayBeNamedButNotWithCredentialsInIt() {
        String teams = "teams: {appId: " + APP + ", appPassword: {env: P}, allowedTenants: [" + TENANT + "], ";

        assertThat(ConfigLoader.parseForServe(CI + teams + "proactiveServiceUrl: 'https://smba.trafficmanager.net/teams/'}")
                .teamsSection().orElseThrow().proactiveServiceUrlIfSet())
                .contains(URI.create("https://smba.trafficmanager.net/teams"));
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + teams
                + "proactiveServiceUrl: 'https://bot:pw@smba.trafficmanager.net/teams/'}"))
                .hasMessageStartingWith("teams.proactiveServiceUrl: must not contain user info");
    }

    @Test
    void postsToOneConversationAreNotPacedUnlessAnIntervalIsSet() {
        String teams = "teams: {appId: " + APP + ", appPassword: {env: P}, allowedTenants: [" + TENANT + "]";

        assertThat(ConfigLoader.parseForServe(CI + teams + "}").teamsSection().orElseThrow().postInterval())
                .isEqualTo(java.time.Duration.ZERO);
        assertThat(ConfigLoader.parseForServe(CI + teams + ", postIntervalMillis: 200}").teamsSection().orElseThrow()
                .postInterval()).isEqualTo(java.time.Duration.ofMillis(200));
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + teams + ", postIntervalMillis: -1}"))
                .hasMessageStartingWith("teams.postIntervalMillis");
    }

    @Test
    void withoutAnAppIdOrCredentialTheConfigurationIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "teams: {appPassword: {env: P}, allowedTenants: [" + TENANT + "]}"))
                .hasMessage("teams.appId: required");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "teams: {appId: " + APP + ", allowedTenants: [" + TENANT + "]}"))
                .hasMessageStartingWith("teams.appPassword: required");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "teams: {appId: " + APP + ", appPassword: s3cr3t, allowedTenants: ["
                + TENANT + "]}")).hasMessageStartingWith("teams.appPassword: inline secrets are not allowed")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void tenantsAreRequiredAndGroupsNeedTheTenantGraphIsAskedIn() {
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "teams: {appId: " + APP + ", appPassword: {env: P}}"))
                .hasMessageStartingWith("teams.allowedTenants: required");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "teams: {appId: " + APP + ", appPassword: {env: P}, allowedTenants: ["
                + TENANT + "], rerun: {groups: [a1b2c3d4-e5f6-4789-abcd-ef0123456789]}}"))
                .hasMessageStartingWith("teams.tenant: must be the tenant id when teams.rerun.groups are named");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "teams: {appId: " + APP + ", appPassword: {env: P}, allowedTenants: [contoso]}"))
                .hasMessageStartingWith("teams.allowedTenants[0]: must be one of tenant ids");
    }

    @Test
    void serveRefusesToStartWhenTheCredentialIsMissing() {
        AppConfig config = ConfigLoader.parseForServe(CI + "store: {directory: " + dir + "}\nteams: {appId: " + APP
                + ", appPassword: {env: TEAMS_APP_PASSWORD}, allowedTenants: [" + TENANT + "]}");

        assertThatThrownBy(() -> ServeWiring.start(config, Map.of("GITHUB_TOKEN", "t"), ServeWiring.Setup.production("127.0.0.1", 0, java.util.OptionalInt.of(0))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("teams.appPassword.env").hasMessageContaining("TEAMS_APP_PASSWORD");
        assertThat(dir.toFile().list()).as("nothing was started, not even the store").isEmpty();
        assertThat(List.of(config.teamsSection().orElseThrow().allowedTenants())).hasSize(1);
    }
}
