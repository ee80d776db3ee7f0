package dev.pipelinetriage.adapter.slack;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A signed body, checked against the shape of its kind before Bolt sees it: whatever breaks a rule is the sender's
 * fault, and repeating it will not help, so it is answered 400 with the rule it breaks -- never a 500 from a handler
 * that met a missing field. The shapes are Slack's: "Using the Events API" (the {@code event_callback} envelope,
 * the {@code message} and {@code app_mention} events), "Implementing slash commands" and "Handling user
 * interaction" ({@code block_actions}, {@code message_action}, {@code view_submission}).
 * <ul>
 *   <li>the content type is {@code application/json} (events) or {@code application/x-www-form-urlencoded}
 *       (commands, interactivity), and the text, percent-decoded for a form, is valid UTF-8;
 *   <li>JSON is one object, without duplicate fields or trailing content;
 *   <li>every id and text a handler reads is present where the kind needs it, and a string wherever it appears.
 * </ul>
 * Kinds the bot has no handler for are checked only as far as their envelope: Bolt acknowledges them. A reason names
 * the field and the rule, never the body's content.
 */
final class SlackInbound {
    private static final Set<String> OWN_BUTTONS = Set.of(BlockKitCard.RERUN, BlockKitCard.HELPFUL,
            BlockKitCard.NOT_RIGHT, BlockKitCard.FILE_TICKET);
    private static final Set<String> ENVELOPES = Set.of("event_callback", "url_verification", "app_rate_limited");

    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    sealed interface Body {
    }

    /** The body as text, for Bolt. */
    record Readable(String text) implements Body {
        Readable {
            Objects.requireNonNull(text, "text");
        }
    }

    /** 400; {@code reason} names the field and the rule. */
    record Malformed(String reason) implements Body {
        Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    Body read(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        Optional<String> text = utf8(body);
        if (text.isEmpty()) {
            return new Malformed("the body is not valid UTF-8");
        }
        Optional<String> problem = switch (type) {
            case "application/json" -> event(text.get());
            case "application/x-www-form-urlencoded" -> form(body);
            default -> Optional.of("content type '" + (type.isEmpty() ? "none" : type.replaceAll("[^a-z0-9./+-]", "?"))
                    + "' is not application/json (events) or application/x-www-form-urlencoded (commands, interactivity)");
        };
        return problem.<Body>map(Malformed::new).orElseGet(() -> new Readable(text.get()));
    }

    // ---- events ----

    private Optional<String> event(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (IOException e) {
            return Optional.of("the body is not one JSON object");
        }
        if (root == null || !root.isObject()) {
            return Optional.of("the body is not one JSON object");
        }
        Fields envelope = new Fields(root, "");
        Optional<String> type = envelope.required("type");
        if (type.isEmpty()) {
            return envelope.problem();
        }
        if (!ENVELOPES.contains(type.get())) {
            return Optional.of("type '" + type.get().replaceAll("[^A-Za-z0-9_.]", "?") + "' is not a type of the Events API");
        }
        switch (type.get()) {
            case "url_verification" -> envelope.required("challenge");
            case "event_callback" -> {
                envelope.required("team_id");
                envelope.required("event_id");
                envelope.optional("api_app_id");
                JsonNode event = root.get("event");
                if (event == null || !event.isObject()) {
                    return Optional.of("event is missing or not an object");
                }
                if (envelope.problem().isPresent()) {
                    return envelope.problem();
                }
                return inner(new Fields(event, "event."));
            }
            default -> {
            }
        }
        return envelope.problem();
    }

    /** The event itself: its type, and what the handler of that type reads. */
    private static Optional<String> inner(Fields event) {
        Optional<String> type = event.required("type");
        if (type.isEmpty()) {
            return event.problem();
        }
        switch (type.get()) {
            case "message" -> {
                strings(event);
                event.required("channel");
                event.required("ts");
                // Without a subtype a person or an app wrote it; subtypes (edits, deletions) carry no author of their own.
                if (event.absent("subtype") && event.absent("bot_id")) {
                    event.required("user");
                }
            }
            case "app_mention" -> {
                strings(event);
                event.required("channel");
                event.required("ts");
                event.required("user");
                event.present("text");
            }
            default -> {
            }
        }
        return event.problem();
    }

    /** Fields the handlers read from a message or mention: strings wherever they appear. */
    private static void strings(Fields event) {
        for (String field : new String[] {"channel", "user", "ts", "thread_ts", "text", "bot_id", "subtype", "team",
                "user_team"}) {
            event.optional(field);
        }
    }

    // ---- forms: slash commands and interactivity ----

    private Optional<String> form(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            Optional<String> name = percentDecoded(eq < 0 ? pair : pair.substring(0, eq));
            Optional<String> value = percentDecoded(eq < 0 ? "" : pair.substring(eq + 1));
            if (name.isEmpty() || value.isEmpty()) {
                return Optional.of("a form field is not valid percent-encoded UTF-8");
            }
            if (fields.putIfAbsent(name.get(), value.get()) != null) {
                return Optional.of("form field '" + name.get().replaceAll("[^A-Za-z0-9_]", "?") + "' appears twice");
            }
        }
        if (fields.containsKey("payload")) {
            return interaction(fields.get("payload"));
        }
        if (fields.containsKey("command")) {
            for (String field : new String[] {"command", "team_id", "channel_id", "user_id"}) {
                if (fields.get(field) == null || fields.get(field).isBlank()) {
                    return Optional.of("slash command without " + field);
                }
            }
            return Optional.empty();
        }
        if ("1".equals(fields.get("ssl_check"))) {
            return Optional.empty();
        }
        return Optional.of("the form is neither a slash command (command) nor an interaction (payload)");
    }

    private Optional<String> interaction(String payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (IOException e) {
            return Optional.of("payload is not one JSON object");
        }
        if (root == null || !root.isObject()) {
            return Optional.of("payload is not one JSON object");
        }
        Fields p = new Fields(root, "payload.");
        Optional<String> type = p.required("type");
        if (type.isEmpty()) {
            return p.problem();
        }
        p.required("user.id");
        p.optional("user.team_id");
        switch (type.get()) {
            case "block_actions" -> {
                p.required("team.id");
                p.optional("trigger_id");
                p.optional("message.thread_ts");
                JsonNode actions = root.get("actions");
                if (actions == null || !actions.isArray() || actions.isEmpty() || !actions.get(0).isObject()) {
                    return p.problem().or(() -> Optional.of("payload.actions is missing or empty"));
                }
                Fields action = new Fields(actions.get(0), "payload.actions[0].");
                Optional<String> id = action.required("action_id");
                if (id.isPresent() && OWN_BUTTONS.contains(id.get())) {
                    // The bot's buttons are on its messages in channels: a click comes with its channel and card id.
                    p.required("channel.id");
                    action.required("value");
                }
                return p.problem().or(action::problem);
            }
            case "message_action" -> {
                p.required("callback_id");
                p.required("team.id");
                p.required("channel.id");
                p.required("message.ts");
                p.optional("message.thread_ts");
                p.optional("message.text");
            }
            case "view_submission" -> {
                p.required("team.id");
                p.required("view.callback_id");
                p.optional("view.private_metadata");
                JsonNode state = Fields.at(root, "view.state");
                if (state != null && !state.isNull() && !state.isObject()) {
                    return p.problem().or(() -> Optional.of("payload.view.state must be an object"));
                }
            }
            default -> {
            }
        }
        return p.problem();
    }

    // ---- text ----

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** {@code application/x-www-form-urlencoded} decoding, strict: a bad escape or bytes that are not UTF-8 are empty. */
    private static Optional<String> percentDecoded(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return utf8(out.toByteArray());
    }

    /** Checks on one object's fields; the first problem found is kept, named with the object's prefix. */
    private static final class Fields {
        private final JsonNode node;
        private final String prefix;
        private String problem;

        Fields(JsonNode node, String prefix) {
            this.node = node;
            this.prefix = prefix;
        }

        static JsonNode at(JsonNode root, String path) {
            JsonNode n = root;
            for (String part : path.split("\\.")) {
                if (n == null || !n.isObject()) {
                    return null;
                }
                n = n.get(part);
            }
            return n;
        }

        boolean absent(String path) {
            JsonNode n = at(node, path);
            return n == null || n.isNull();
        }

        /** A string that is not blank. */
        Optional<String> required(String path) {
            JsonNode n = at(node, path);
            if (n == null || n.isNull() || n.isTextual() && n.asText().isBlank()) {
                note(prefix + path + " is missing");
                return Optional.empty();
            }
            if (!n.isTextual()) {
                note(prefix + path + " must be a string, not " + kind(n));
                return Optional.empty();
            }
            return Optional.of(n.asText());
        }

        /** A string, possibly empty. */
        void present(String path) {
            JsonNode n = at(node, path);
            if (n == null || n.isNull()) {
                note(prefix + path + " is missing");
            } else if (!n.isTextual()) {
                note(prefix + path + " must be a string, not " + kind(n));
            }
        }

        /** A string or nothing. */
        void optional(String path) {
            JsonNode n = at(node, path);
            if (n != null && !n.isNull() && !n.isTextual()) {
                note(prefix + path + " must be a string, not " + kind(n));
            }
        }

        private static String kind(JsonNode n) {
            return switch (n.getNodeType()) {
                case OBJECT -> "an object";
                case ARRAY -> "an array";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
            };
        }

        private void note(String text) {
            if (problem == null) {
                problem = text;
            }
        }

        Optional<String> problem() {
            return Optional.ofNullable(problem);
        }
    }
}
