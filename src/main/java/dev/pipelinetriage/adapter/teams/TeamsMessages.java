package dev.pipelinetriage.adapter.teams;

import static dev.pipelinetriage.adapter.teams.ActivityFields.PLATFORM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.RoleTypes;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.chat.Inbound;
import dev.pipelinetriage.chat.Notifiers;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.RefusalMemory;
import dev.pipelinetriage.chat.TriageConversation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Message activities, handed to the chat layer: a person's message (in a channel, with a mention, or in a personal
 * chat), and a listed CI notifier's post or edit for quiet triage. Answered at once; the triage runs on the workers.
 */
final class TeamsMessages {
    private static final Pattern COMMAND_WORD = Pattern.compile("\\s*[A-Za-z]+\\s*");

    private final TriageConversation conversation;
    private final RefusalMemory refusals;
    private final Notifiers notifiers;
    private final TurnContext turn;
    private final ObjectMapper json = new ObjectMapper();

    TeamsMessages(TriageConversation conversation, Notifiers notifiers, TurnContext turn) {
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        this.notifiers = Objects.requireNonNull(notifiers, "notifiers");
        this.turn = Objects.requireNonNull(turn, "turn");
        this.refusals = new RefusalMemory(turn.clock());
    }

    /** A person's message, from a tenant already admitted; the bot's own and other bots' are passed over. */
    void fromPerson(Activity activity, String tenant) {
        ChannelAccount from = activity.getFrom();
        if (from.getRole() == RoleTypes.BOT || from.getId().equals(activity.getRecipient().getId())) {
            return;
        }
        String type = activity.getConversation().getConversationType();
        boolean personal = "personal".equals(type);
        boolean mentioned = mentions(activity, activity.getRecipient().getId());
        String text = ActivityFields.plainText(activity.getText());
        Inbound.Trigger trigger = personal || mentioned ? explicitTrigger(text) : Inbound.Trigger.MESSAGE;
        String conversationId = activity.getConversation().getId();
        Place place = new Place(PLATFORM, tenant, conversationId, activity.getId());
        Actor actor = new Actor(PLATFORM, tenant, ActivityFields.userId(from), false);
        Inbound in = new Inbound(trigger, conversationId + "/" + activity.getId(), place, actor, text);
        switch (conversation.onMessage(in, turn.chat())) {
            case TriageConversation.Accepted accepted -> turn.work("typing", () -> turn.surface().typing(place));
            case TriageConversation.Hint hint -> {
                // Links refused in passing: the poster is told once a day per link, not at every paste.
                if (hint.declined().isEmpty() || refusals.firstTime(place, actor.user(), hint.declined())) {
                    turn.work("hint", () -> turn.chat().tell(place, actor.user(), hint.text()));
                }
            }
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
    boolean fromNotifier(Activity activity, String tenant) {
        ChannelAccount from = activity.getFrom();
        if (!notifiers.enabled() || from.getId().equals(activity.getRecipient().getId())) {
            return false;
        }
        String conversationId = activity.getConversation().getId();
        JsonNode channelData = activity.getChannelData() == null ? json.nullNode() : json.valueToTree(activity.getChannelData());
        String channel = channelData.path("channel").path("id").asText(ActivityFields.thread(conversationId));
        List<String> senders = new ArrayList<>();
        senders.add(from.getId());
        senders.add(from.getAadObjectId());
        if (!notifiers.reads(channel, senders) && !notifiers.reads(ActivityFields.thread(conversationId), senders)) {
            return false;
        }
        StringBuilder text = new StringBuilder(ActivityFields.plainText(activity.getText()));
        ActivityFields.collectCardText(json.valueToTree(activity.getAttachments()), text);
        // An edit reuses the message's id: its delivery is told apart by when it was made.
        String delivery = InboundActivity.MESSAGE_UPDATE.equals(activity.getType())
                ? (activity.getTimestamp() == null ? null : conversationId + "/" + activity.getId() + "@" + activity.getTimestamp())
                : conversationId + "/" + activity.getId();
        Place place = new Place(PLATFORM, tenant, conversationId, activity.getId());
        conversation.onMessage(new Inbound(Inbound.Trigger.NOTIFIER, delivery, place,
                new Actor(PLATFORM, tenant, from.getId(), false), text.toString()), turn.chat());
        return true;
    }

    /**
     * Teams has no slash commands: a message to the bot that is a single word ("top", as the manifest's command
     * list sends it) is handed over as a command, which the chat layer answers or treats as a message without links.
     */
    private static Inbound.Trigger explicitTrigger(String text) {
        return COMMAND_WORD.matcher(text).matches() ? Inbound.Trigger.COMMAND : Inbound.Trigger.MENTION;
    }
}
