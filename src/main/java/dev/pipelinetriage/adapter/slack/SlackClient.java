package dev.pipelinetriage.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import dev.pipelinetriage.app.port.GroupDirectory;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.net.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The Web API side of the Slack adapter, built before the app because the rerun permissions need its user-group
 * lookups. One SDK instance per process, pointed at the configured API base URL.
 */
public final class SlackClient {
    private final SlackSettings settings;
    private final Slack slack;
    private final SlackWeb web;

    /**
     * @param shared the process's client ({@link dev.pipelinetriage.net.HttpClients#newShared}): its pool and its TLS
     *     trust (e.g. a company CA for a proxy in front of Slack)
     */
    public SlackClient(SlackSettings settings, OkHttpClient shared, Clock clock, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiBaseUrl());
        // The SDK's metrics keep background threads and per-method state we do not use.
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        // OkHttp's own silent retry after a connection failure stays off, as in the shared client: it would send a
        // chat.postMessage whose answer was lost a second time, leaving the first post behind. SlackWeb decides what
        // may be repeated. Redirects are followed and writes time out after 10 s, OkHttp's defaults, as the SDK
        // expects.
        OkHttpClient http = shared.newBuilder().retryOnConnectionFailure(false).followRedirects(true)
                .followSslRedirects(true).callTimeout(Duration.ofSeconds(15)).readTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(10)).build();
        this.slack = Slack.getInstance(config, new SlackHttpClient(http));
        this.web = new SlackWeb(slack.methods(settings.botToken()), clock, sleeper, settings.postInterval(),
                settings.maxAttempts());
    }

    /** Posting as the bot, for messages that answer no event (the weekly digest). */
    public ChatSurface surface() {
        return new SlackSurface(web);
    }

    public GroupDirectory groupDirectory() {
        return new SlackGroupDirectory(web);
    }

    SlackSettings settings() {
        return settings;
    }

    Slack slack() {
        return slack;
    }

    SlackWeb web() {
        return web;
    }
}
