package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.net.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * {@code serve} with a teams section, for a test class: real Jetty, wiring and embedded store, with WireMock as
 * the Bot Framework login and Microsoft Graph ({@link #login}), the Bot Connector ({@link #connector}) and GitHub
 * ({@link #github}). CI and Bot Connector retries never wait; the clock stands at {@link #NOW}.
 */
final class ServedTeams implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    final WireMockServer login = new WireMockServer(options().dynamicPort());
    final WireMockServer connector = new WireMockServer(options().dynamicPort());
    final WireMockServer github = new WireMockServer(options().dynamicPort());
    final ServeWiring.Served served;
    /** The connector's address as activities carry it. */
    final String serviceUrl;

    /**
     * @param teamsKeys further keys of the teams section, each line indented by two spaces
     * @param teamsSleeper where the Bot Connector's retries wait
     */
    ServedTeams(Path store, String teamsKeys, Sleeper teamsSleeper) {
        login.start();
        connector.start();
        github.start();
        serviceUrl = connector.baseUrl() + "/";
        String config = BotFrameworkFakes.serveConfig(github.baseUrl(), store, login.baseUrl(), connector.baseUrl(),
                teamsKeys, "");
        served = ServeWiring.start(ConfigLoader.parseForServe(config), Map.of("GITHUB_TOKEN", "ghp_teamsE2eToken",
                "TEAMS_APP_PASSWORD", "teams-app-password-value"), new ServeWiring.Setup(Clock.fixed(NOW, ZoneOffset.UTC),
                d -> { }, d -> { }, teamsSleeper, "127.0.0.1", 0, 2, 100));
    }

    /**
     * Between tests: waits until the work an earlier test started is done (so it cannot land in this test's request
     * counts), then forgets every fake's stubs and requests.
     */
    void reset() throws InterruptedException {
        BotFrameworkFakes.await("idle workers", () -> served.pendingTasks() == 0);
        login.resetAll();
        connector.resetAll();
        github.resetAll();
    }

    @Override
    public void close() {
        served.close();
        login.stop();
        connector.stop();
        github.stop();
    }
}
