package dev.pipelinetriage.adapter.teams;

import dev.pipelinetriage.app.port.GroupDirectory;
import dev.pipelinetriage.net.Sleeper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The outbound side of the Teams adapter, built before the bot because the rerun permissions need its Graph
 * lookups: app tokens, the Bot Connector and Microsoft Graph, all on one client derived from the process's shared
 * OkHttp client (no redirects: a token must never follow one).
 */
public final class TeamsClient {
    private static final int CONNECTOR_ATTEMPTS = 4;

    private final TeamsSettings settings;
    private final OkHttpClient http;
    private final AppTokens tokens;
    private final BotConnector connector;
    private final GraphGroupDirectory graph;
    private final Clock clock;

    public TeamsClient(TeamsSettings settings, OkHttpClient shared, Clock clock, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = shared.newBuilder().followRedirects(false).followSslRedirects(false)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(12))
                .build();
        this.tokens = new AppTokens(http, settings.loginBaseUrl(), settings.tenant(), settings.appId(),
                settings.appPassword(), clock);
        this.connector = new BotConnector(http, tokens, clock, sleeper, new SecureRandom(), settings.testServiceUrl(),
                CONNECTOR_ATTEMPTS, settings.postInterval());
        this.graph = new GraphGroupDirectory(http, tokens, settings.graphBaseUrl(), settings.tenant());
    }

    /** Entra ID groups through Microsoft Graph, for the rerun permissions. */
    public GroupDirectory groupDirectory() {
        return graph;
    }

    TeamsSettings settings() {
        return settings;
    }

    OkHttpClient http() {
        return http;
    }

    BotConnector connector() {
        return connector;
    }

    Clock clock() {
        return clock;
    }
}
