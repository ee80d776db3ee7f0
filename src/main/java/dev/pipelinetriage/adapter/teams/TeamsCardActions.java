package dev.pipelinetriage.adapter.teams;

import static dev.pipelinetriage.adapter.teams.ActivityFields.PLATFORM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import dev.pipelinetriage.adapter.teams.ActivityReply.InvokeResponse;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.chat.CardActions;
import dev.pipelinetriage.chat.CardCodec;
import dev.pipelinetriage.chat.CardView;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.TicketActions;
import dev.pipelinetriage.domain.Verdict;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code adaptiveCard/action} invokes (the card's buttons), answered with the card to show or a message for the
 * person who pressed. Each invoke is handled once; the card is looked up by the id the button carried, and only in
 * the conversation it was posted in. Privileged actions (rerun, ticket) ask the connector who pressed.
 */
final class TeamsCardActions {
    private static final Logger LOG = LoggerFactory.getLogger(TeamsCardActions.class);

    private final CardActions actions;
    private final Optional<TicketActions> tickets;
    private final CardCodec codec;
    private final StateStore store;
    private final AdaptiveCards cards;
    private final BotConnector connector;
    private final Duration dedupFor;
    private final TurnContext turn;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param tickets the File ticket button's actions; empty when no ticket tracker is configured
     * @param dedupFor how long an invoke's id is remembered (Teams resends activities it thinks timed out)
     */
    TeamsCardActions(CardActions actions, Optional<TicketActions> tickets, CardCodec codec, StateStore store,
            AdaptiveCards cards, BotConnector connector, Duration dedupFor, TurnContext turn) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.store = Objects.requireNonNull(store, "store");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.dedupFor = Objects.requireNonNull(dedupFor, "dedupFor");
        this.turn = Objects.requireNonNull(turn, "turn");
    }

    /** A button pressed by someone of an admitted tenant. */
    InvokeResponse handle(Activity activity, String tenant) {
        String conversationId = activity.getConversation().getId();
        if (!store.claimEvent(PLATFORM + ":invoke:" + conversationId + "/" + activity.getId(), turn.clock().instant(),
                dedupFor)) {
            return InvokeResponse.message("This action was already handled.");
        }
        JsonNode action = json.valueToTree(activity.getValue()).path("action");
        String verb = action.path("verb").asText("");
        JsonNode data = action.path("data");
        String cardId = data.path("cardId").asText("");
        Optional<StoredCard> stored = cardId.isEmpty() ? Optional.empty() : store.card(cardId);
        // A card id from another conversation (a crafted invoke) is treated as unknown.
        if (stored.isEmpty() || !stored.get().message().workspace().equals(tenant)
                || !ActivityFields.thread(stored.get().message().channel()).equals(ActivityFields.thread(conversationId))) {
            return InvokeResponse.message("The bot no longer knows this card; paste the link again to get a fresh one.");
        }
        CardView view = codec.decode(stored.get().document());
        ChannelAccount from = activity.getFrom();
        Place where = new Place(PLATFORM, tenant, conversationId, activity.getReplyToId());
        return switch (verb) {
            case AdaptiveCards.RERUN -> switch (actions.rerunClicked(actor(activity, tenant, true), conversationId, cardId)) {
                case CardActions.ConfirmRerun confirm -> InvokeResponse.card(cards.withConfirmation(view, confirm));
                case CardActions.Refuse refuse -> InvokeResponse.message(refuse.text().plain());
            };
            case AdaptiveCards.CONFIRM_RERUN -> {
                Actor actor = actor(activity, tenant, true);
                String token = data.path("token").asText("");
                // The CI call takes seconds: the card comes back at once, and is redrawn with the new attempt.
                turn.work("rerun confirm", () -> actions.rerunConfirmed(actor, where, token, turn.chat()));
                yield InvokeResponse.card(cards.render(view));
            }
            case AdaptiveCards.FILE_TICKET, AdaptiveCards.CONFIRM_TICKET -> tickets
                    .map(t -> ticket(t, verb, actor(activity, tenant, true), where, data, view))
                    .orElseGet(() -> InvokeResponse.message("No ticket tracker is configured for this bot."));
            case AdaptiveCards.PROPOSE_ENTRY -> {
                Actor actor = actor(activity, tenant, true);
                // Drafting, checking and opening the request take seconds: the answer is told to the curator.
                turn.work("propose entry", () -> actions.proposeClicked(actor, where, cardId, turn.chat()));
                yield InvokeResponse.message("Drafting a knowledge-base entry from this failure; the bot tells you when it is proposed.");
            }
            case AdaptiveCards.RESTORE -> InvokeResponse.card(cards.render(view));
            case AdaptiveCards.HELPFUL -> InvokeResponse.message(actions.helpful(actor(activity, tenant, false), cardId).plain());
            case AdaptiveCards.NOT_RIGHT -> actions.notRightClicked(cardId)
                    .map(form -> InvokeResponse.card(cards.withFeedbackForm(view, form)))
                    .orElseGet(() -> InvokeResponse.message("The bot no longer knows this card."));
            case AdaptiveCards.NOT_RIGHT_SUBMIT -> {
                Optional<Verdict> verdict = verdict(data.path(AdaptiveCards.VERDICT_INPUT).asText(""));
                if (verdict.isEmpty()) {
                    yield InvokeResponse.message("Pick the right verdict.");
                }
                String known = data.path(AdaptiveCards.KNOWN_ERROR_INPUT).asText("");
                String note = data.path(AdaptiveCards.NOTE_INPUT).asText("");
                String thanks = actions.notRightSubmitted(actor(activity, tenant, false), cardId, verdict.get(),
                        known.isBlank() ? null : known, note.isBlank() ? null : note).plain();
                yield InvokeResponse.card(cards.withNote(view, thanks));
            }
            default -> {
                LOG.info("unknown card action '{}' from {}", ActivityFields.loggable(verb), ActivityFields.loggable(from.getId()));
                yield InvokeResponse.message("The bot does not know this action.");
            }
        };
    }

    /** File ticket: the same guarded path as a rerun, the tracker called on a worker like the CI. */
    private InvokeResponse ticket(TicketActions tickets, String verb, Actor actor, Place where, JsonNode data,
            CardView view) {
        if (verb.equals(AdaptiveCards.FILE_TICKET)) {
            return switch (tickets.fileClicked(actor, where.channel(), view.cardId())) {
                case TicketActions.Confirm confirm -> InvokeResponse.card(cards.withTicketConfirmation(view, confirm));
                case TicketActions.Refuse refuse -> InvokeResponse.message(refuse.text().plain());
            };
        }
        String token = data.path("token").asText("");
        turn.work("file ticket confirm", () -> tickets.fileConfirmed(actor, where, token, turn.chat()));
        return InvokeResponse.card(cards.render(view));
    }

    /**
     * For privileged actions the Teams account is looked up: guests and anonymous users count as another
     * organization, and so does anyone the connector cannot vouch for (fail closed).
     */
    private Actor actor(Activity activity, String tenant, boolean privileged) {
        ChannelAccount from = activity.getFrom();
        boolean external = false;
        if (privileged) {
            Optional<JsonNode> member = connector.member(activity.getServiceUrl(), activity.getConversation().getId(), from.getId());
            String role = member.map(m -> m.path("userRole").asText("")).orElse("unknown").toLowerCase(Locale.ROOT);
            String home = member.map(m -> m.path("tenantId").asText(tenant)).orElse(tenant);
            external = member.isEmpty() || role.equals("guest") || role.equals("anonymous") || !home.equalsIgnoreCase(tenant);
            if (member.isEmpty()) {
                LOG.warn("could not look up the Teams account of {}; treated as external", from.getId());
            }
        }
        return new Actor(PLATFORM, tenant, ActivityFields.userId(from), external);
    }

    private static Optional<Verdict> verdict(String wire) {
        try {
            return wire.isBlank() ? Optional.empty() : Optional.of(Verdict.fromWireName(wire));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
