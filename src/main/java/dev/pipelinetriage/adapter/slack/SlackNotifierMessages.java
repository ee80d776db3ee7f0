package dev.pipelinetriage.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.chat.Inbound;
import dev.pipelinetriage.chat.Notifiers;
import dev.pipelinetriage.chat.Place;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a CI notifier bot's message from a raw Events API envelope: a message with a {@code bot_id} (an app
 * posting with its bot token), a {@code bot_message} (incoming webhooks, legacy integrations) or a
 * {@code message_changed} whose new message is one of those (the notifier updated its status). The links are
 * taken from the text and from the attachments ({@code title_link}, {@code text}, {@code fields}, {@code actions}
 * urls) and blocks ({@code section} and {@code context} texts, {@code rich_text} links, button urls). Read from the
 * raw JSON rather than the SDK's model, so a field the model does not know is not lost.
 */
final class SlackNotifierMessages {
    /** The fields of attachments and blocks that carry text or link targets; image and icon urls are not read. */
    private static final Set<String> LINK_FIELDS = Set.of("text", "title", "title_link", "pretext", "fallback", "value",
            "url", "author_link", "footer");

    private final Notifiers notifiers;
    private final ObjectMapper json = new ObjectMapper();

    SlackNotifierMessages(Notifiers notifiers) {
        this.notifiers = notifiers;
    }

    boolean enabled() {
        return notifiers.enabled();
    }

    /**
     * The notifier message in {@code envelope} as a request to the chat layer, or empty when it is no message from a
     * listed notifier in a listed channel -- and always empty for the bot's own messages.
     */
    Optional<Inbound> read(String envelope, String ownBotId, String ownUserId) {
        JsonNode root;
        try {
            root = json.readTree(envelope);
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode event = root.path("event");
        if (!"message".equals(event.path("type").asText())) {
            return Optional.empty();
        }
        String subtype = event.path("subtype").asText("");
        JsonNode message = switch (subtype) {
            case "", "bot_message" -> event;
            case "message_changed" -> event.path("message");
            default -> null;
        };
        if (message == null || !message.isObject()) {
            return Optional.empty();
        }
        String botId = message.path("bot_id").asText(null);
        String user = message.path("user").asText(null);
        if (botId == null || (ownBotId != null && ownBotId.equals(botId)) || (ownUserId != null && ownUserId.equals(user))) {
            return Optional.empty();
        }
        String channel = event.path("channel").asText(null);
        List<String> senders = new ArrayList<>();
        senders.add(botId);
        senders.add(message.path("app_id").asText(null));
        senders.add(message.path("bot_profile").path("app_id").asText(null));
        if (!notifiers.reads(channel, senders)) {
            return Optional.empty();
        }
        String team = root.path("team_id").asText("");
        String ts = message.path("ts").asText(null);
        String thread = message.hasNonNull("thread_ts") ? message.path("thread_ts").asText() : ts;
        if (ts == null) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(message.path("text").asText(""));
        collect(message.path("attachments"), text);
        collect(message.path("blocks"), text);
        String eventId = root.path("event_id").asText(null);
        return Optional.of(new Inbound(Inbound.Trigger.NOTIFIER, eventId, new Place(SlackHandlers.PLATFORM, team, channel,
                thread), new Actor(SlackHandlers.PLATFORM, team, botId, false), SlackHandlers.unwrap(text.toString())));
    }

    private static void collect(JsonNode node, StringBuilder text) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, text));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        node.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                if (LINK_FIELDS.contains(field.getKey())) {
                    text.append('\n').append(value.asText());
                }
            } else {
                collect(value, text);
            }
        });
    }
}
