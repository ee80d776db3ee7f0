package dev.pipelinetriage.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import dev.pipelinetriage.app.port.GroupDirectory;
import dev.pipelinetriage.chat.ChatSurface;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The Web API side of the Slack adapter, built before the app because the rerun permissions need its user-group
 * lookups. One SDK instance per process, pointed at the configured API base URL.
 */
public final class SlackClient {
    private final SlackSettings settings;
    private final Slack slack;
    private final SlackWeb web;

    public SlackClient(SlackSettings settings, Clock clock, Sleeper sleeper) {
        this(settings, clock, sleeper, Optional.empty());
    }

    /** @param trust verifies Slack's (or a proxy's) certificate instead of the JDK's defaults, e.g. with a company CA */
    public SlackClient(SlackSettings settings, Clock clock, Sleeper sleeper, Optional<X509TrustManager> trust) {
        this.settings = Objects.requireNonNull(settings, "settings");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiBaseUrl());
        // The SDK's metrics keep background threads and per-method state we do not use.
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        // OkHttp's own silent retry after a connection failure is off: it would send a chat.postMessage whose
        // answer was lost a second time, leaving the first post behind. SlackWeb decides what may be repeated.
        OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .callTimeout(Duration.ofSeconds(15)).readTimeout(Duration.ofSeconds(10)).build();
        this.slack = Slack.getInstance(config, new SlackHttpClient(trust.map(t -> trusting(http, t)).orElse(http)));
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

    private static OkHttpClient trusting(OkHttpClient client, X509TrustManager trust) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            return client.newBuilder().sslSocketFactory(tls.getSocketFactory(), trust).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
