package dev.pipelinetriage.adapter.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.PlatformServices;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack app: a Bolt app with the bot's handlers, served over HTTP ({@link #servlet()}) or Socket Mode
 * ({@link #startSocketMode}) -- the same handlers either way.
 */
final class SlackApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackApp.class);

    private final App app;
    private final AppConfig config;
    private final SlackSignature signature;
    private final int maxBodyBytes;
    private final TriageMetrics metrics;
    private SocketModeApp socketMode;

    /**
     * @param services the conversation, card and ticket actions, notifiers and metrics for Slack's people
     * @param surface where the handlers post: the registry's metered Slack surface
     */
    SlackApp(SlackClient client, PlatformServices services, ChatSurface surface) {
        Objects.requireNonNull(client, "client");
        SlackSettings settings = client.settings();
        this.config = AppConfig.builder()
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                .slack(client.slack())
                // Our own check runs before Bolt's: both-sided time window and constant-time comparison.
                .requestVerificationEnabled(false)
                // Events the bot does not handle (edits, deletions, other subtypes) are acknowledged, never retried.
                .allEventsApiAutoAckEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .authTestCacheEnabled(true)
                // Our handlers drop every message with a bot_id (ours and other bots'); Bolt's own check would call
                // bots.info for each of them.
                .ignoringSelfEventsEnabled(false)
                .build();
        this.app = new App(config);
        this.signature = new SlackSignature(settings.signingSecret(), services.clock());
        this.maxBodyBytes = settings.maxBodyBytes();
        this.metrics = services.metrics();
        SlackHandlers handlers = new SlackHandlers(services.conversation(), services.actions(), surface, client.web(),
                services.workers(), new SlackNotifierMessages(services.notifiers()),
                new SlackRefusals(settings.refusedLinks(), services.clock()));
        handlers.register(app);
        services.tickets().ifPresent(tickets -> handlers.registerTickets(app, tickets));
    }

    /** The servlet for {@code POST /slack/events}. */
    HttpServlet servlet() {
        return new SlackEndpoint(app, config, signature, maxBodyBytes, metrics);
    }

    /** Connects over Socket Mode with the app-level token ({@code xapp-...}); requests are then not signed. */
    synchronized void startSocketMode(String appToken) throws IOException {
        socketMode = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app);
        try {
            socketMode.startAsync();
        } catch (Exception e) {
            throw new IOException("Socket Mode did not connect: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (socketMode != null) {
            try {
                socketMode.close();
            } catch (Exception e) {
                LOG.warn("Socket Mode did not close cleanly", e);
            }
        }
    }
}
