package dev.pipelinetriage.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.forbidden;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code config check}: what the bot would do, secrets masked, and whether the services answer. */
class ConfigCheckCommandTest {
    private static final String GITHUB_TOKEN = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    private static final String SIGNING = "8f742231b10e8888abcd99yyyzzz85a5";

    @TempDir
    Path dir;
    private final WireMockServer services = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    private record Run(int status, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("hook-secret"), "whsec-7f3a9c0d2e41b8");
        services.start();
        services.stubFor(get(urlPathMatching("/.*")).willReturn(unauthorized()));
    }

    @AfterEach
    void stop() {
        services.stop();
    }

    private Run check(Map<String, String> env, String yaml, String... extra) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        ConfigCommand.Check command = new ConfigCommand.Check();
        command.env = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[extra.length + 2];
        args[0] = "--config";
        args[1] = file.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        int status = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private String config(String apiBase) {
        return """
                ci:
                  instances:
                    - name: github
                      type: github
                      apiUrl: %1$s/github
                      token: {env: GITHUB_TOKEN}
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                  apiBaseUrl: %1$s/slack/api
                store:
                  directory: %2$s
                ops:
                  shutdownGraceSeconds: 25
                  digest: {channel: C0DIGEST, day: friday, time: "16:00"}
                webhooks:
                  sources:
                    - instance: github
                      secret: {file: %3$s}
                  routes:
                    - repository: "acme/*"
                      channel: slack:C0BUILDS
                proposals:
                  host: github
                  repository: acme/triage-kb
                  token: {file: %3$s}
                  curators: {slack: {userGroups: [S0KBCURATE]}}
                """.formatted(apiBase, dir.resolve("data"), dir.resolve("hook-secret"));
    }

    @Test
    void aCompleteConfigurationIsDescribedWithSecretsMasked() throws Exception {
        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN",
                "xoxb-17-secret-value"), config(services.baseUrl()));

        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("github (github): links from https://github.com, API " + services.baseUrl() + "/github, token "
                        + "from $GITHUB_TOKEN: set, 40 characters")
                .contains("runs of pull requests from forks rerun nowhere")
                .contains("signing secret from $SLACK_SIGNING_SECRET: set, 32 characters")
                .contains("shutdown: in-flight work gets 25 s to finish")
                .contains("weekly digest: slack channel C0DIGEST, fridays at 16:00 UTC")
                .contains("webhooks: 1 source(s), 1 route(s), runs no route matches are dropped (audited); an outage "
                        + "banner from 5 jobs within 10 min")
                .contains("POST /webhooks/github, secret from file " + dir.resolve("hook-secret") + ": set, 20 characters")
                .contains("CI notifier messages: not read")
                .contains("proposals: pull requests on github acme/triage-kb (base main, entries in knowledge-base/, "
                        + "runbooks in runbooks/) through https://api.github.com")
                .contains("curators: 1 slack user(s) or group(s), 0 teams user(s) or group(s)")
                .endsWith("configuration OK" + System.lineSeparator())
                .doesNotContain(GITHUB_TOKEN).doesNotContain(SIGNING).doesNotContain("xoxb-17").doesNotContain("whsec-");
        assertThat(services.getAllServeEvents()).isEmpty();
    }

    @Test
    void aMissingSecretIsAProblemNamingItsVariable() throws Exception {
        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING), config(services.baseUrl()));

        assertThat(run.status()).isEqualTo(ConfigCommand.PROBLEMS);
        assertThat(run.out()).contains("bot token from $SLACK_BOT_TOKEN: MISSING")
                .contains("environment variable SLACK_BOT_TOKEN is not set or empty");
    }

    @Test
    @DisplayName("--reach: a 401 with the configured token means the service is there but refuses it: a problem")
    void reachTreatsRejectedCredentialsAsAProblemNotAsReachable() throws Exception {
        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "xoxb-1"),
                config(services.baseUrl()), "--reach");

        assertThat(run.status()).isEqualTo(ConfigCommand.PROBLEMS);
        assertThat(run.out()).contains("ci github API " + services.baseUrl() + "/github/: reachable, but the credentials "
                + "were rejected (HTTP 401): check the token")
                .doesNotContain(GITHUB_TOKEN);
        services.verify(getRequestedFor(urlPathMatching("/github/")).withHeader("Authorization",
                equalTo("Bearer " + GITHUB_TOKEN)));
    }

    @Test
    void reachWithAcceptedCredentialsIsOk() throws Exception {
        // GitHub REST API root and Slack's auth.test, as documented: 200, and {"ok": true, ...} for a valid token.
        services.stubFor(get(urlPathEqualTo("/github/")).willReturn(okJson("{\"current_user_url\":\"https://api.github.com/user\"}")));
        services.stubFor(get(urlPathEqualTo("/slack/api/auth.test")).willReturn(okJson(
                "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"triage\",\"team_id\":\"T1\",\"user_id\":\"U1\"}")));
        services.stubFor(get(urlPathEqualTo("/alerts")).willReturn(ok()));

        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "xoxb-1"),
                config(services.baseUrl()), "--reach");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("ci github API " + services.baseUrl() + "/github/: reachable, credentials accepted (HTTP 200)")
                .contains("slack Web API " + services.baseUrl() + "/slack/api/auth.test: reachable, credentials accepted");
    }

    @Test
    void reachReportsSlacksInvalidAuthAnsweredWithStatus200() throws Exception {
        // Slack's auth.test with a revoked token, as documented: HTTP 200 and {"ok": false, "error": "invalid_auth"}.
        services.stubFor(get(urlPathEqualTo("/github/")).willReturn(okJson("{}")));
        services.stubFor(get(urlPathEqualTo("/slack/api/auth.test")).willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));

        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "xoxb-1"),
                config(services.baseUrl()), "--reach");

        assertThat(run.status()).isEqualTo(ConfigCommand.PROBLEMS);
        assertThat(run.out()).contains("reachable, but Slack refused the token (invalid_auth)");
        services.verify(getRequestedFor(urlPathEqualTo("/slack/api/auth.test")).withHeader("Authorization",
                equalTo("Bearer xoxb-1")));
    }

    @Test
    void reachCallsAForbiddenTokenAProblemToo() throws Exception {
        services.stubFor(get(urlPathEqualTo("/github/")).willReturn(forbidden()));

        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "xoxb-1"),
                config(services.baseUrl()), "--reach");

        assertThat(run.out()).contains("ci github API " + services.baseUrl() + "/github/: reachable, but the credentials "
                + "were refused (HTTP 403)");
    }

    @Test
    void anUnreachableServiceIsAProblem() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "xoxb-1"),
                config("http://127.0.0.1:" + closed), "--reach");

        assertThat(run.status()).isEqualTo(ConfigCommand.PROBLEMS);
        assertThat(run.out()).contains("ci github API http://127.0.0.1:" + closed + "/github/: unreachable (ConnectException)");
    }

    @Test
    void anInvalidConfigurationNamesTheKey() throws Exception {
        Run run = check(Map.of(), "ci:\n  instances: []\n");

        assertThat(run.status()).isEqualTo(ConfigCommand.INVALID);
        assertThat(run.err()).contains("ci.instances");
    }

    @Test
    void aTeamsSectionShowsItsNotifiersAndWhereCardsForUnknownConversationsGo() throws Exception {
        String yaml = config(services.baseUrl()) + """
                teams:
                  appId: 6f1b1f3e-8c4d-4a55-9b8e-2f0d2c7a9e11
                  appPassword: {env: TEAMS_APP_PASSWORD}
                  tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47
                  allowedTenants: [72f988bf-86f1-41af-91ab-2d7cd011db47]
                  proactiveServiceUrl: https://smba.trafficmanager.net/teams/
                """;

        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "x",
                "TEAMS_APP_PASSWORD", "teams-app-password-value"), yaml);

        assertThat(run.out()).contains("conversations not heard from since the start: posted through "
                + "https://smba.trafficmanager.net/teams").doesNotContain("teams-app-password-value");
    }

    @Test
    void aWebhookSourceNamingNoConfiguredCiInstanceIsAProblem() throws Exception {
        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "x"),
                config(services.baseUrl()).replace("instance: github", "instance: gitlab"));

        assertThat(run.status()).isNotZero();
        assertThat(run.out() + run.err()).contains("webhooks.sources[0].instance").contains("must name one of ci.instances");
    }

    @Test
    void aMisspelledTopLevelSectionIsRejectedWithTheNameItProbablyMeant() throws Exception {
        Run run = check(Map.of(), config(services.baseUrl()).replace("slack:", "slak:"));

        assertThat(run.status()).isEqualTo(ConfigCommand.INVALID);
        assertThat(run.err()).contains("slak: unknown top-level section (did you mean 'slack'?); known sections: ci, slack,");
    }

    @Test
    void everyProblemInTheFileIsReportedNotJustTheFirst() throws Exception {
        String yaml = """
                ci:
                  instances:
                    - name: GitHub
                      type: github
                      token: {env: GITHUB_TOKEN}
                    - name: jenkins
                      type: jenkins
                      webUrl: https://ci.example.com
                      token: {env: JENKINS_TOKEN}
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                  allowedChannels: [general]
                store:
                  type: mysql
                tikets:
                  tracker: github
                ops:
                  shutdownGraceSeconds: 0
                """;

        Run run = check(Map.of(), yaml);

        assertThat(run.status()).isEqualTo(ConfigCommand.INVALID);
        assertThat(run.err()).contains("invalid configuration: 6 problem(s):")
                .contains("tikets: unknown top-level section (did you mean 'tickets'?)")
                .contains("ci.instances[0].name: must be lower-case")
                .contains("ci.instances[1].username: required for jenkins")
                .contains("slack.allowedChannels[0]: must be one of Slack channel ids")
                .contains("store.type: must be embedded or postgres, got 'mysql'")
                .contains("ops.shutdownGraceSeconds: must be a whole number in 1..600");
    }

    @Test
    void theEmbeddedStoreIsCheckedWhereItWillBeCreated() throws Exception {
        Path blocked = Files.writeString(dir.resolve("a-file"), "not a directory");
        String yaml = config(services.baseUrl()).replace(dir.resolve("data").toString(), blocked.resolve("data").toString());

        Run fresh = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "x"),
                config(services.baseUrl()));
        Run impossible = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "x"),
                yaml);

        assertThat(fresh.out()).contains("database: not created yet; the first start creates it");
        assertThat(impossible.status()).isEqualTo(ConfigCommand.PROBLEMS);
        assertThat(impossible.out()).contains("store: the data directory " + blocked.resolve("data") + " cannot be created: "
                + blocked + " is not a writable directory");
    }

    @Test
    void anExistingEmbeddedStoreShowsItsSchemaVersion() throws Exception {
        dev.pipelinetriage.adapter.store.EmbeddedStore.open(dir.resolve("data")).close();

        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "x"),
                config(services.baseUrl()));

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).containsPattern("database: connected, schema up to date \\(version \\d+\\)");
    }
}
