package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.store.EmbeddedStores;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.net.Sleeper;
import dev.pipelinetriage.testing.Await;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code serve} with a teams section, for a test class: real Jetty, wiring and embedded store, with WireMock as
 * the Bot Framework login and Microsoft Graph ({@link #login}), the Bot Connector ({@link #connector}), GitHub
 * ({@link #github}) and a ticket tracker ({@link #tracker}, for configurations with a tickets section). CI and Bot
 * Connector retries never wait; the clock stands at {@link #NOW}.
 */
final class ServedTeams implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    final WireMockServer login = new WireMockServer(options().dynamicPort());
    final WireMockServer connector = new WireMockServer(options().dynamicPort());
    final WireMockServer github = new WireMockServer(options().dynamicPort());
    final WireMockServer tracker = new WireMockServer(options().dynamicPort());
    final ServeWiring.Served served;
    private final Path store;
    /** The connector's address as activities carry it. */
    final String serviceUrl;

    /**
     * @param teamsKeys further keys of the teams section, each line indented by two spaces
     * @param teamsSleeper where the Bot Connector's retries wait
     */
    ServedTeams(Path store, String teamsKeys, Sleeper teamsSleeper) {
        this(store, teamsKeys, tracker -> "", Map.of(), teamsSleeper);
    }

    /**
     * @param sections further top-level sections, given the tracker's base URL
     * @param env variables those sections name, beside GITHUB_TOKEN and TEAMS_APP_PASSWORD
     */
    ServedTeams(Path store, String teamsKeys, UnaryOperator<String> sections, Map<String, String> env,
            Sleeper teamsSleeper) {
        this.store = store;
        login.start();
        connector.start();
        github.start();
        tracker.start();
        serviceUrl = connector.baseUrl() + "/";
        String config = BotFrameworkFakes.serveConfig(github.baseUrl(), store, login.baseUrl(), connector.baseUrl(),
                teamsKeys, sections.apply(tracker.baseUrl()));
        Map<String, String> variables = new HashMap<>(env);
        variables.put("GITHUB_TOKEN", "ghp_teamsE2eToken");
        variables.put("TEAMS_APP_PASSWORD", "teams-app-password-value");
        served = ServeWiring.start(ConfigLoader.parseForServe(config), variables, new ServeWiring.Setup(
                Clock.fixed(NOW, ZoneOffset.UTC), d -> { }, d -> { }, teamsSleeper, "127.0.0.1", 0, 2, 100));
    }

    /** Teams keys for a bot whose reruns (and tickets) are for members of {@code group}, with runbook links. */
    static String rerunByGroup(String group) {
        return """
                  rerun:
                    groups: [%s]
                  runbookBaseUrl: https://git.example/kb/blob/main
                """.formatted(group);
    }

    /**
     * Between tests: waits until the work an earlier test started is done (so it cannot land in this test's request
     * counts), then forgets every fake's stubs and requests and the store's rows.
     */
    void reset() throws SQLException {
        Await.until("the bot's workers to finish", () -> served.pendingTasks() == 0);
        login.resetAll();
        connector.resetAll();
        github.resetAll();
        tracker.resetAll();
        EmbeddedStores.empty(store);
    }

    @Override
    public void close() {
        served.close();
        login.stop();
        connector.stop();
        github.stop();
        tracker.stop();
    }
}
