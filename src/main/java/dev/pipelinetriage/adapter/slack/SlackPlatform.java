package dev.pipelinetriage.adapter.slack;

import dev.pipelinetriage.app.port.GroupDirectory;
import dev.pipelinetriage.chat.ChatPlatform;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.PlatformServices;
import dev.pipelinetriage.chat.TriageConversation;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Slack as a chat platform: Block Kit cards over the Web API, events and interactions in over
 * {@code POST /slack/events} and, with an app-level token, over Socket Mode -- the same handlers either way.
 */
public final class SlackPlatform implements ChatPlatform<HttpServlet> {
    private final SlackClient client;
    private final PlatformServices services;
    private final Optional<String> socketModeToken;

    /**
     * @param services the shared chat layer for Slack's people, given the directory that answers for Slack's user
     *     groups
     * @param socketModeToken the app-level token ({@code xapp-...}); empty serves HTTP events only
     */
    public SlackPlatform(SlackClient client, Function<GroupDirectory, PlatformServices> services,
            Optional<String> socketModeToken) {
        this.client = Objects.requireNonNull(client, "client");
        this.services = Objects.requireNonNull(services.apply(client.groupDirectory()), "services");
        this.socketModeToken = Objects.requireNonNull(socketModeToken, "socketModeToken");
    }

    @Override
    public String name() {
        return SlackHandlers.PLATFORM;
    }

    @Override
    public ChatSurface surface() {
        return client.surface();
    }

    @Override
    public TriageConversation conversation() {
        return services.conversation();
    }

    @Override
    public Endpoint<HttpServlet> endpoint(ChatSurface metered) {
        SlackApp app = new SlackApp(client, services, metered);
        return new Endpoint<>("/slack/events", app.servlet(),
                socketModeToken.isPresent() ? "slack over Socket Mode" : "slack over HTTP events", new Connection() {
                    @Override
                    public void start() throws IOException {
                        if (socketModeToken.isPresent()) {
                            app.startSocketMode(socketModeToken.get());
                        }
                    }

                    @Override
                    public void close() {
                        app.close();
                    }
                });
    }
}
