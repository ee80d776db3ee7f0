package dev.pipelinetriage.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.pipelinetriage.app.port.GroupDirectory;
import java.time.Clock;
import java.util.Objects;

/**
 * The Web API side of the Slack adapter, built before the app because the rerun permissions need its user-group
 * lookups. One SDK instance per process, pointed at the configured API base URL.
 */
public final class SlackClient {
    private final SlackSettings settings;
    private final Slack slack;
    private final SlackWeb web;

    public SlackClient(SlackSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiBaseUrl());
        // The SDK's metrics keep background threads and per-method state we do not use.
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        config.setHttpClientCallTimeoutMillis(15_000);
        config.setHttpClientReadTimeoutMillis(10_000);
        this.slack = Slack.getInstance(config);
        this.web = new SlackWeb(slack.methods(settings.botToken()), clock, sleeper, settings.postInterval(),
                settings.maxAttempts());
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
