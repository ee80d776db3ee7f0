package dev.pipelinetriage.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
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
    void start() {
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
                alerts:
                  webhook:
                    url: %1$s/alerts
                """.formatted(apiBase, dir.resolve("data"));
    }

    @Test
    void aCompleteConfigurationIsDescribedWithSecretsMasked() throws Exception {
        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN",
                "xoxb-17-secret-value"), config(services.baseUrl()));

        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("github (github): links from https://github.com, API " + services.baseUrl() + "/github, token "
                        + "from $GITHUB_TOKEN: set, 40 characters")
                .contains("signing secret from $SLACK_SIGNING_SECRET: set, 32 characters")
                .contains("shutdown: in-flight work gets 25 s to finish")
                .contains("weekly digest: slack channel C0DIGEST, fridays at 16:00 UTC")
                .contains("other sections (checked when their feature starts): alerts")
                .endsWith("configuration OK" + System.lineSeparator())
                .doesNotContain(GITHUB_TOKEN).doesNotContain(SIGNING).doesNotContain("xoxb-17");
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
    void reachChecksEveryConfiguredServiceAndCountsAnyHttpAnswerAsReachable() throws Exception {
        Run run = check(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "SLACK_SIGNING_SECRET", SIGNING, "SLACK_BOT_TOKEN", "xoxb-1"),
                config(services.baseUrl()), "--reach");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("ci github API " + services.baseUrl() + "/github: reachable (HTTP 401)")
                .contains("slack Web API " + services.baseUrl() + "/slack/api: reachable (HTTP 401)")
                .contains("alerts.webhook.url " + services.baseUrl() + "/alerts: reachable (HTTP 401)");
        services.verify(getRequestedFor(urlPathMatching("/github")));
        assertThat(services.getAllServeEvents()).noneMatch(e -> e.getRequest().containsHeader("Authorization"));
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
        assertThat(run.out()).contains("ci github API http://127.0.0.1:" + closed + "/github: unreachable (ConnectException)");
    }

    @Test
    void anInvalidConfigurationNamesTheKey() throws Exception {
        Run run = check(Map.of(), "ci:\n  instances: []\n");

        assertThat(run.status()).isEqualTo(ConfigCommand.INVALID);
        assertThat(run.err()).contains("ci.instances");
    }
}
