package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.RoleTypes;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.chat.CardActions;
import dev.pipelinetriage.chat.CardCodec;
import dev.pipelinetriage.chat.CardView;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.MeteredSurface;
import dev.pipelinetriage.chat.Notifiers;
import dev.pipelinetriage.chat.Inbound;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.TicketActions;
import dev.pipelinetriage.chat.TriageConversation;
import dev.pipelinetriage.chat.Workers;
import dev.pipelinetriage.domain.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verified activities, translated into the chat layer's terms and back. Messages are answered at once and worked
 * on by the workers; {@code adaptiveCard/action} invokes (the card's buttons) are answered with the card to show
 * or a message for the person who pressed. Identity comes only from the verified activity: the Entra object id
 * and the tenant, never a display name or anything the card carried.
 */
final class TeamsActivities {
    static final String PLATFORM = "teams";
    private static final Logger LOG = LoggerFactory.getLogger(TeamsActivities.class);
    private static final Pattern COMMAND_WORD = Pattern.compile("\\s*[A-Za-z]+\\s*");

    private final Set<String> allowedTenants;
    private final TriageConversation conversation;
    private final CardActions actions;
    private final Optional<TicketActions> tickets;
    private final CardCodec codec;
    private final StateStore store;
    private final AuditLog audit;
    private final Workers workers;
    private final TeamsSurface surface;
    /** The surface the chat layer posts through: the same, with what Teams did not take counted. */
    private final ChatSurface chat;
    private final Notifiers notifiers;
    private final AdaptiveCards cards;
    private final BotConnector connector;
    private final ServiceUrls serviceUrls;
    private final People people;
    private final Clock clock;
    private final Duration dedupFor;
    private final ObjectMapper json = new ObjectMapper();

    /** @param tickets the File ticket button's actions; empty when no ticket tracker is configured */
    TeamsActivities(Set<String> allowedTenants, TriageConversation conversation, CardActions actions,
            Optional<TicketActions> tickets, CardCodec codec, StateStore store, AuditLog audit, Workers workers, TeamsSurface surface, AdaptiveCards cards,
            BotConnector connector, ServiceUrls serviceUrls, People people, Clock clock, Duration dedupFor,
            TriageMetrics metrics, Notifiers notifiers) {
        this.chat = new MeteredSurface(surface, metrics, PLATFORM);
        this.notifiers = notifiers;
        this.allowedTenants = Set.copyOf(allowedTenants);
        this.conversation = conversation;
        this.actions = actions;
        this.tickets = tickets;
        this.codec = codec;
        this.store = store;
        this.audit = audit;
        this.workers = workers;
        this.surface = surface;
        this.cards = cards;
        this.connector = connector;
        this.serviceUrls = serviceUrls;
        this.people = people;
        this.clock = clock;
        this.dedupFor = dedupFor;
    }

    sealed interface Reply {
    }

    /** 200 without a body. */
    record Done() implements Reply {
    }

    /** 200 without a body, for an activity of a kind the bot has no use for; {@code what} names it in the log. */
    record Ignored(String what) implements Reply {
    }

    /** 200 with an invoke response body. */
    record InvokeResponse(ObjectNode body) implements Reply {
    }

    /**
     * A verified activity that carries what {@link InboundActivity#incomplete} asks for. Whatever its type, an
     * activity from an allowed tenant teaches where its conversation's connector is.
     */
    Reply handle(Activity activity) {
        String tenant = tenant(activity);
        String conversationId = activity.getConversation().getId();
        ChannelAccount from = activity.getFrom();
        boolean action = InboundActivity.isCardAction(activity);
        if (tenant == null || !allowedTenants.contains(tenant)) {
            record(tenant, from, conversationId, "denied", "tenant is not in teams.allowedTenants");
            return action ? message("This bot does not serve your organization.") : new Done();
        }
        serviceUrls.verified(tenant, conversationId, activity.getServiceUrl());
        people.saw(from.getAadObjectId(), from.getId(), from.getName());
        String type = activity.getType();
        if ((InboundActivity.MESSAGE.equals(type) || InboundActivity.MESSAGE_UPDATE.equals(type))
                && notifier(activity, tenant)) {
            return new Done();
        }
        if (InboundActivity.MESSAGE.equals(type)) {
            onMessage(activity, tenant);
            return new Done();
        }
        if (action) {
            return onAction(activity, tenant);
        }
        return new Ignored(InboundActivity.INVOKE.equals(type) ? "an invoke named '" + loggable(activity.getName()) + "'"
                : "an activity of type '" + loggable(type) + "'");
    }

    private void onMessage(Activity activity, String tenant) {
        ChannelAccount from = activity.getFrom();
        if (from.getRole() == RoleTypes.BOT || from.getId().equals(activity.getRecipient().getId())) {
            return;
        }
        String type = activity.getConversation().getConversationType();
        boolean personal = "personal".equals(type);
        boolean mentioned = mentions(activity, activity.getRecipient().getId());
        String text = plainText(activity.getText());
        Inbound.Trigger trigger = personal || mentioned ? explicitTrigger(text) : Inbound.Trigger.MESSAGE;
        String conversationId = activity.getConversation().getId();
        Place place = new Place(PLATFORM, tenant, conversationId, activity.getId());
        Actor actor = new Actor(PLATFORM, tenant, userId(from), false);
        Inbound in = new Inbound(trigger, conversationId + "/" + activity.getId(), place, actor, text);
        switch (conversation.onMessage(in, chat)) {
            case TriageConversation.Accepted accepted -> work("typing", () -> surface.typing(place));
            case TriageConversation.Hint hint -> work("hint", () -> chat.tell(place, actor.user(), hint.text()));
            case TriageConversation.Ignored ignored -> {
            }
        }
    }

    /** Whether a mention entity names {@code id}; entities of other shapes are passed over. */
    private boolean mentions(Activity activity, String id) {
        for (JsonNode entity : json.valueToTree(activity.getEntities())) {
            if ("mention".equals(entity.path("type").asText()) && id.equals(entity.path("mentioned").path("id").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A CI notifier's post or edit (a Workflows or connector card, another bot's message) in a listed channel from a
     * listed sender: handed over for quiet triage. True when it was such a message; the bot's own never is.
     */
    private boolean notifier(Activity activity, String tenant) {
        ChannelAccount from = activity.getFrom();
        if (!notifiers.enabled() || from.getId().equals(activity.getRecipient().getId())) {
            return false;
        }
        String conversationId = activity.getConversation().getId();
        JsonNode channelData = activity.getChannelData() == null ? json.nullNode() : json.valueToTree(activity.getChannelData());
        String channel = channelData.path("channel").path("id").asText(thread(conversationId));
        List<String> senders = new ArrayList<>();
        senders.add(from.getId());
        senders.add(from.getAadObjectId());
        if (!notifiers.reads(channel, senders) && !notifiers.reads(thread(conversationId), senders)) {
            return false;
        }
        StringBuilder text = new StringBuilder(plainText(activity.getText()));
        JsonNode attachments = json.valueToTree(activity.getAttachments());
        collectCardText(attachments, text);
        // An edit reuses the message's id: its delivery is told apart by when it was made.
        String delivery = "messageUpdate".equals(activity.getType())
                ? (activity.getTimestamp() == null ? null : conversationId + "/" + activity.getId() + "@" + activity.getTimestamp())
                : conversationId + "/" + activity.getId();
        Place place = new Place(PLATFORM, tenant, conversationId, activity.getId());
        conversation.onMessage(new Inbound(Inbound.Trigger.NOTIFIER, delivery, place,
                new Actor(PLATFORM, tenant, from.getId(), false), text.toString()), chat);
        return true;
    }

    /** Card fields that carry text or link targets: TextBlock and TextRun text, fact values, OpenUrl and button targets. */
    private static final Set<String> CARD_TEXT_FIELDS = Set.of("text", "title", "subtitle", "value", "url");

    private static void collectCardText(JsonNode node, StringBuilder text) {
        if (node.isArray()) {
            node.forEach(child -> collectCardText(child, text));
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getValue().isTextual()) {
                    if (CARD_TEXT_FIELDS.contains(field.getKey())) {
                        text.append('\n').append(plainText(field.getValue().asText()));
                    }
                } else {
                    collectCardText(field.getValue(), text);
                }
            });
        }
    }

    /**
     * Teams has no slash commands: a message to the bot that is a single word ("top", as the manifest's command
     * list sends it) is handed over as a command, which the chat layer answers or treats as a message without links.
     */
    private static Inbound.Trigger explicitTrigger(String text) {
        return COMMAND_WORD.matcher(text).matches() ? Inbound.Trigger.COMMAND : Inbound.Trigger.MENTION;
    }

    private Reply onAction(Activity activity, String tenant) {
        String conversationId = activity.getConversation().getId();
        if (!store.claimEvent(PLATFORM + ":invoke:" + conversationId + "/" + activity.getId(), clock.instant(), dedupFor)) {
            return message("This action was already handled.");
        }
        JsonNode action = json.valueToTree(activity.getValue()).path("action");
        String verb = action.path("verb").asText("");
        JsonNode data = action.path("data");
        String cardId = data.path("cardId").asText("");
        Optional<StoredCard> stored = cardId.isEmpty() ? Optional.empty() : store.card(cardId);
        // A card id from another conversation (a crafted invoke) is treated as unknown.
        if (stored.isEmpty() || !stored.get().message().workspace().equals(tenant)
                || !thread(stored.get().message().channel()).equals(thread(conversationId))) {
            return message("The bot no longer knows this card; paste the link again to get a fresh one.");
        }
        CardView view = codec.decode(stored.get().document());
        ChannelAccount from = activity.getFrom();
        Place where = new Place(PLATFORM, tenant, conversationId, activity.getReplyToId());
        return switch (verb) {
            case AdaptiveCards.RERUN -> switch (actions.rerunClicked(actor(activity, tenant, true), conversationId, cardId)) {
                case CardActions.ConfirmRerun confirm -> card(cards.withConfirmation(view, confirm));
                case CardActions.Refuse refuse -> message(refuse.text().plain());
            };
            case AdaptiveCards.CONFIRM_RERUN -> {
                Actor actor = actor(activity, tenant, true);
                String token = data.path("token").asText("");
                // The CI call takes seconds: the card comes back at once, and is redrawn with the new attempt.
                work("rerun confirm", () -> actions.rerunConfirmed(actor, where, token, chat));
                yield card(cards.render(view));
            }
            case AdaptiveCards.FILE_TICKET, AdaptiveCards.CONFIRM_TICKET -> tickets
                    .map(t -> ticket(t, verb, actor(activity, tenant, true), where, data, view))
                    .orElseGet(() -> message("No ticket tracker is configured for this bot."));
            case AdaptiveCards.PROPOSE_ENTRY -> {
                Actor actor = actor(activity, tenant, true);
                // Drafting, checking and opening the request take seconds: the answer is told to the curator.
                work("propose entry", () -> actions.proposeClicked(actor, where, cardId, chat));
                yield message("Drafting a knowledge-base entry from this failure; the bot tells you when it is proposed.");
            }
            case AdaptiveCards.RESTORE -> card(cards.render(view));
            case AdaptiveCards.HELPFUL -> message(actions.helpful(actor(activity, tenant, false), cardId).plain());
            case AdaptiveCards.NOT_RIGHT -> actions.notRightClicked(cardId)
                    .map(form -> card(cards.withFeedbackForm(view, form)))
                    .orElseGet(() -> message("The bot no longer knows this card."));
            case AdaptiveCards.NOT_RIGHT_SUBMIT -> {
                Optional<Verdict> verdict = verdict(data.path(AdaptiveCards.VERDICT_INPUT).asText(""));
                if (verdict.isEmpty()) {
                    yield message("Pick the right verdict.");
                }
                String known = data.path(AdaptiveCards.KNOWN_ERROR_INPUT).asText("");
                String note = data.path(AdaptiveCards.NOTE_INPUT).asText("");
                String thanks = actions.notRightSubmitted(actor(activity, tenant, false), cardId, verdict.get(),
                        known.isBlank() ? null : known, note.isBlank() ? null : note).plain();
                yield card(cards.withNote(view, thanks));
            }
            default -> {
                LOG.info("unknown card action '{}' from {}", loggable(verb), loggable(from.getId()));
                yield message("The bot does not know this action.");
            }
        };
    }

    /** File ticket: the same guarded path as a rerun, the tracker called on a worker like the CI. */
    private Reply ticket(TicketActions tickets, String verb, Actor actor, Place where, JsonNode data, CardView view) {
        if (verb.equals(AdaptiveCards.FILE_TICKET)) {
            return switch (tickets.fileClicked(actor, where.channel(), view.cardId())) {
                case TicketActions.Confirm confirm -> card(cards.withTicketConfirmation(view, confirm));
                case TicketActions.Refuse refuse -> message(refuse.text().plain());
            };
        }
        String token = data.path("token").asText("");
        work("file ticket confirm", () -> tickets.fileConfirmed(actor, where, token, chat));
        return card(cards.render(view));
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
        return new Actor(PLATFORM, tenant, userId(from), external);
    }

    /** The Entra object id when Teams gives one (what rerun permissions name), else the Teams id. */
    private static String userId(ChannelAccount from) {
        return from.getAadObjectId() != null && !from.getAadObjectId().isBlank() ? from.getAadObjectId() : from.getId();
    }

    private String tenant(Activity activity) {
        if (activity.getChannelData() != null) {
            try {
                TeamsChannelData data = json.convertValue(activity.getChannelData(), TeamsChannelData.class);
                if (data.getTenant() != null && data.getTenant().getId() != null) {
                    return data.getTenant().getId();
                }
            } catch (IllegalArgumentException e) {
                LOG.info("activity with unreadable channelData");
            }
        }
        return activity.getConversation().getTenantId();
    }

    /** A channel conversation id names its thread with {@code ;messageid=}: cards are matched per channel. */
    private static String thread(String conversationId) {
        int cut = conversationId.indexOf(';');
        return cut < 0 ? conversationId : conversationId.substring(0, cut);
    }

    /** A value from the activity, fit for one log line: at most 40 characters, control characters shown as '?'. */
    private static String loggable(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > 40 ? value.substring(0, 40) : value;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static Optional<Verdict> verdict(String wire) {
        try {
            return wire.isBlank() ? Optional.empty() : Optional.of(Verdict.fromWireName(wire));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void record(String tenant, ChannelAccount from, String conversationId, String outcome, String reason) {
        try {
            audit.append(new AuditEntry(clock.instant(), PLATFORM, tenant, userId(from), conversationId, "access", "-",
                    outcome, reason));
        } catch (RuntimeException e) {
            LOG.error("audit log unavailable; lost entry: {} {}", outcome, reason, e);
        }
    }

    private void work(String name, Runnable task) {
        if (!workers.submit(name, task)) {
            LOG.warn("dropped {}: the bot is busy", name);
        }
    }

    private InvokeResponse card(ObjectNode card) {
        ObjectNode body = json.createObjectNode().put("statusCode", 200).put("type", AdaptiveCards.CONTENT_TYPE);
        body.set("value", card);
        return new InvokeResponse(body);
    }

    private InvokeResponse message(String text) {
        return new InvokeResponse(json.createObjectNode().put("statusCode", 200)
                .put("type", "application/vnd.microsoft.activity.message").put("value", text));
    }

    /**
     * The message text the link detector reads: mentions dropped, anchors reduced to their target, other tags
     * removed, entities decoded. One pass, linear in the text's length.
     */
    static String plainText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '<') {
                out.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('>', i);
            if (close < 0) {
                out.append(text, i, text.length());
                break;
            }
            String tag = text.substring(i + 1, close).strip();
            if (tag.equalsIgnoreCase("at")) {
                int end = indexOfIgnoreCase(text, "</at>", close);
                i = end < 0 ? text.length() : end + 5;
                out.append(' ');
                continue;
            }
            int href = tag.regionMatches(true, 0, "a ", 0, 2) ? indexOfIgnoreCase(tag, "href=\"", 2) : -1;
            int endQuote = href < 0 ? -1 : tag.indexOf('"', href + 6);
            out.append(' ');
            if (endQuote > 0) {
                out.append(tag, href + 6, endQuote).append(' ');
            }
            i = close + 1;
        }
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private static int indexOfIgnoreCase(String text, String needle, int from) {
        for (int i = Math.max(0, from); i + needle.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
