package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a request whose token checked out, read as a Bot Framework activity, and what it must carry before
 * the bot acts on it. The rules are the Activity schema's ("Bot Framework -- Activity" specification) plus what the
 * kinds the bot acts on need; whatever breaks one is the sender's fault, and sending it again will not help, so it
 * is answered 400 (the connector retries only 5xx):
 * <ul>
 *   <li>not one JSON object, duplicate fields, trailing content (A2001), or a field of the wrong type (A2003);
 *   <li>no {@code type} (A2010), {@code from.id} (A2060), {@code recipient.id} (A2070) or {@code conversation.id}
 *       (A2080), whatever the type: a channel always sends them;
 *   <li>a message or message edit without {@code id}: its redelivery could not be told from a new message;
 *   <li>an {@code adaptiveCard/action} invoke without {@code id}, or without the {@code value.action} object
 *       every Universal Actions invoke carries.
 * </ul>
 * A complete activity of a type or invoke name the bot has no use for is not malformed: it is ignored on purpose
 * (A2014), after its conversation's connector is learned.
 */
final class InboundActivity {
    static final String MESSAGE = "message";
    static final String MESSAGE_UPDATE = "messageUpdate";
    static final String INVOKE = "invoke";
    static final String ACTION_INVOKE = "adaptiveCard/action";
    private static final List<String> ACCOUNTS = List.of("from", "recipient", "conversation");

    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    sealed interface Body {
    }

    record Parsed(Activity activity) implements Body {
        Parsed {
            Objects.requireNonNull(activity, "activity");
        }
    }

    /** 400; {@code reason} names the rule for our log, never the body's content. */
    record Malformed(String reason) implements Body {
        Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The body as an activity, when it is one JSON object whose fields have the schema's types. */
    Body read(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            return new Malformed("not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (tree == null || !tree.isObject()) {
            return new Malformed("not a JSON object but " + (tree == null ? "nothing" : tree.getNodeType()));
        }
        // The schema's library would read a bare string as an account's id; the schema says object.
        for (String account : ACCOUNTS) {
            JsonNode field = tree.get(account);
            if (field != null && !field.isNull() && !field.isObject()) {
                return new Malformed(account + " is not an object");
            }
        }
        try {
            return new Parsed(json.treeToValue(tree, Activity.class));
        } catch (JacksonException | IllegalArgumentException e) {
            return new Malformed("a field of the wrong type (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** What a parsed activity lacks that it must carry, if anything. */
    Optional<Malformed> incomplete(Activity activity) {
        if (blank(activity.getType())) {
            return malformed("no type");
        }
        if (!hasId(activity.getFrom())) {
            return malformed("no from.id");
        }
        if (!hasId(activity.getRecipient())) {
            return malformed("no recipient.id");
        }
        ConversationAccount conversation = activity.getConversation();
        if (conversation == null || blank(conversation.getId())) {
            return malformed("no conversation.id");
        }
        boolean message = MESSAGE.equals(activity.getType()) || MESSAGE_UPDATE.equals(activity.getType());
        if (message && blank(activity.getId())) {
            return malformed("a " + activity.getType() + " without id");
        }
        if (isCardAction(activity)) {
            if (blank(activity.getId())) {
                return malformed("a card action without id");
            }
            if (!json.valueToTree(activity.getValue()).path("action").isObject()) {
                return malformed("a card action without value.action");
            }
        }
        return Optional.empty();
    }

    static boolean isCardAction(Activity activity) {
        return INVOKE.equals(activity.getType()) && ACTION_INVOKE.equals(activity.getName());
    }

    private static Optional<Malformed> malformed(String reason) {
        return Optional.of(new Malformed(reason));
    }

    private static boolean hasId(ChannelAccount account) {
        return account != null && !blank(account.getId());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
