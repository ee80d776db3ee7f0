package dev.pipelinetriage.adapter.teams;

import dev.pipelinetriage.app.port.GroupDirectory;
import dev.pipelinetriage.chat.ChatPlatform;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.PlatformServices;
import dev.pipelinetriage.chat.TriageConversation;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Teams as a chat platform: Adaptive Cards through the Bot Connector, activities in over {@code POST /api/messages}.
 * The surface and the bot share what activities teach: where each conversation is answered and who is who.
 */
public final class TeamsPlatform implements ChatPlatform<HttpServlet> {
    private final TeamsClient client;
    private final PlatformServices services;
    private final Duration dedupFor;
    private final People people = new People();
    private final ServiceUrls serviceUrls;
    private final TeamsSurface surface;

    /**
     * @param services the shared chat layer for Teams' people, given the directory that answers for their groups
     * @param dedupFor how long an activity id is remembered (Teams resends activities it thinks timed out)
     */
    public TeamsPlatform(TeamsClient client, Function<GroupDirectory, PlatformServices> services, Duration dedupFor) {
        this.client = Objects.requireNonNull(client, "client");
        this.services = Objects.requireNonNull(services.apply(client.groupDirectory()), "services");
        this.dedupFor = Objects.requireNonNull(dedupFor, "dedupFor");
        this.serviceUrls = new ServiceUrls(client.settings().proactiveServiceUrl());
        this.surface = new TeamsSurface(client.connector(), serviceUrls, new AdaptiveCards(people), people);
    }

    @Override
    public String name() {
        return ActivityFields.PLATFORM;
    }

    /**
     * Posting outside a conversation turn (CI webhook cards, the digest) reaches a conversation once the bot has had
     * a verified activity from it since it started, or through the configured proactive service URL.
     */
    @Override
    public ChatSurface surface() {
        return surface;
    }

    @Override
    public TriageConversation conversation() {
        return services.conversation();
    }

    @Override
    public Endpoint<HttpServlet> endpoint(ChatSurface metered) {
        TeamsBot bot = new TeamsBot(client, surface, metered, serviceUrls, people, services, dedupFor);
        return new Endpoint<>("/api/messages", bot.servlet(), "teams over the Bot Framework");
    }
}
