package dev.pipelinetriage.adapter.teams;

import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.chat.CardActions;
import dev.pipelinetriage.chat.CardCodec;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.MeteredSurface;
import dev.pipelinetriage.chat.Notifiers;
import dev.pipelinetriage.chat.TicketActions;
import dev.pipelinetriage.chat.TriageConversation;
import dev.pipelinetriage.chat.Workers;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The Teams bot: {@code POST /api/messages} for Bot Framework activities, on the shared chat layer. */
public final class TeamsBot {
    private final TeamsEndpoint endpoint;
    private final TeamsSurface surface;

    /**
     * @param tickets the File ticket button's actions; empty when no ticket tracker is configured
     * @param dedupFor how long an activity id is remembered (Teams resends activities it thinks timed out)
     */
    public TeamsBot(TeamsClient client, TriageConversation conversation, CardActions actions,
            Optional<TicketActions> tickets, CardCodec codec, StateStore store, AuditLog audit, Workers workers,
            Duration dedupFor) {
        this(client, conversation, actions, tickets, codec, store, audit, workers, dedupFor, TriageMetrics.none(),
                Notifiers.off());
    }

    /**
     * @param metrics counts activities received and refused, handler errors and undelivered posts
     * @param notifiers which CI notifier bots' messages are triaged, and where
     */
    public TeamsBot(TeamsClient client, TriageConversation conversation, CardActions actions,
            Optional<TicketActions> tickets, CardCodec codec, StateStore store, AuditLog audit, Workers workers,
            Duration dedupFor, TriageMetrics metrics, Notifiers notifiers) {
        Objects.requireNonNull(client, "client");
        TeamsSettings settings = client.settings();
        OpenIdKeys keys = new OpenIdKeys(client.http(), settings.openIdMetadataUrl(), client.clock(),
                settings.keyRefreshInterval());
        People people = new People();
        ServiceUrls serviceUrls = new ServiceUrls(settings.proactiveServiceUrl());
        this.surface = new TeamsSurface(client.connector(), serviceUrls, new AdaptiveCards(people), people);
        TurnContext turn = new TurnContext(surface, new MeteredSurface(surface, metrics, ActivityFields.PLATFORM),
                workers, client.clock());
        TeamsActivities activities = new TeamsActivities(
                new TenantGate(settings.allowedTenants(), serviceUrls, people, audit, client.clock()),
                new TeamsMessages(conversation, notifiers, turn),
                new TeamsCardActions(actions, tickets, codec, store, new AdaptiveCards(people), client.connector(), dedupFor,
                        turn));
        this.endpoint = new TeamsEndpoint(new InboundAuth(keys, settings.appId(), client.clock()), activities, metrics);
    }

    /**
     * Posting to Teams outside a conversation turn (CI webhook cards). It reaches a conversation once the bot has
     * had a verified activity from it since it started, because only such an activity tells it where to post.
     */
    public ChatSurface surface() {
        return surface;
    }

    /** The servlet for {@code POST /api/messages}. */
    public HttpServlet servlet() {
        return endpoint;
    }
}
