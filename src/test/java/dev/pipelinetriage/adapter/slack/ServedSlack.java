package dev.pipelinetriage.adapter.slack;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.store.EmbeddedStores;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code serve} with a slack section, for a test class: real Jetty, Bolt, wiring and embedded store, with
 * {@link SlackFakes} as Slack's Web API and one WireMock ({@link #ci}) as GitHub ({@code /api/v3}) and GitLab
 * ({@code /api/v4}). CI retries never wait; Slack's waits are recorded in {@link #slackWaits}.
 */
final class ServedSlack implements AutoCloseable {
    final SlackFakes slack = new SlackFakes();
    final WireMockServer ci = new WireMockServer(options().dynamicPort());
    final List<Duration> slackWaits = new CopyOnWriteArrayList<>();
    final ServeWiring.Served served;
    private final Path data;

    /**
     * @param slackKeys further keys of the slack section, each line indented by two spaces
     * @param env the variables the configuration names: GITHUB_TOKEN, GITLAB_TOKEN, SLACK_SIGNING_SECRET and
     *     SLACK_BOT_TOKEN
     */
    ServedSlack(String slackKeys, Map<String, String> env) throws IOException {
        ci.start();
        data = Files.createTempDirectory("serve-");
        var config = ConfigLoader.parseForServe("""
                ci:
                  instances:
                    - name: github
                      type: github
                      webUrl: https://github.com
                      apiUrl: http://localhost:%1$d/api/v3
                      token: {env: GITHUB_TOKEN}
                    - name: gitlab
                      type: gitlab
                      webUrl: https://gitlab.example.com
                      apiUrl: http://localhost:%1$d/api/v4
                      token: {env: GITLAB_TOKEN}
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                  apiBaseUrl: %2$s
                %3$s
                store:
                  directory: %4$s
                """.formatted(ci.port(), slack.baseUrl(), slackKeys.stripTrailing(), data));
        served = ServeWiring.start(config, env, new ServeWiring.Setup(Clock.systemUTC(), d -> { }, slackWaits::add,
                "127.0.0.1", 0, 4, 1_000));
    }

    /** Waits until no chat task is left (work a test started must not land in the next), so nothing is pending. */
    void settle() {
        Await.until("the bot's chat tasks to finish", () -> served.pendingTasks() == 0);
    }

    /**
     * Between tests: once the bot is idle, the fakes forget their stubs and requests and the store its rows, so a
     * test sees the bot as a fresh start would. What the bot caches in memory stays: finished CI runs and logs.
     */
    void reset() throws SQLException {
        settle();
        slack.reset();
        ci.resetAll();
        slackWaits.clear();
        EmbeddedStores.empty(data);
    }

    @Override
    public void close() {
        served.close();
        slack.close();
        ci.stop();
    }
}
