package dev.pipelinetriage.adapter.teams;

import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.PlatformServices;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.Objects;

/** The Teams bot: {@code POST /api/messages} for Bot Framework activities, on the shared chat layer. */
final class TeamsBot {
    private final TeamsEndpoint endpoint;

    /**
     * @param surface the Teams surface itself, for what only Teams has (typing)
     * @param metered the same surface as the registry metered it: what the handlers post through
     * @param serviceUrls where each conversation is answered, learnt from verified activities (shared with the
     *     surface)
     * @param people names of people learnt from activities (shared with the surface's cards)
     * @param dedupFor how long an activity id is remembered (Teams resends activities it thinks timed out)
     */
    TeamsBot(TeamsClient client, TeamsSurface surface, ChatSurface metered, ServiceUrls serviceUrls, People people,
            PlatformServices services, Duration dedupFor) {
        Objects.requireNonNull(client, "client");
        TeamsSettings settings = client.settings();
        OpenIdKeys keys = new OpenIdKeys(client.http(), settings.openIdMetadataUrl(), client.clock(),
                settings.keyRefreshInterval());
        TurnContext turn = new TurnContext(surface, metered, services.workers(), client.clock());
        TeamsActivities activities = new TeamsActivities(
                new TenantGate(settings.allowedTenants(), serviceUrls, people, services.audit(), client.clock()),
                new TeamsMessages(services.conversation(), services.notifiers(), turn),
                new TeamsCardActions(services.actions(), services.tickets(), services.codec(), services.state(),
                        new AdaptiveCards(people), client.connector(), dedupFor, turn));
        this.endpoint = new TeamsEndpoint(new InboundAuth(keys, settings.appId(), client.clock()), activities,
                services.metrics());
    }

    /** The servlet for {@code POST /api/messages}. */
    HttpServlet servlet() {
        return endpoint;
    }
}
