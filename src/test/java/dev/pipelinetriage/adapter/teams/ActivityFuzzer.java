package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Malformed variants of a well-formed activity, reproducible from a seed: fields removed, nulled, replaced by
 * values of other types or added where they do not belong, and now and then the serialized body cut, a byte
 * flipped or the whole body replaced.
 */
final class ActivityFuzzer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Field names an activity uses, so that added fields land where the bot looks. */
    private static final List<String> KEYS = List.of("id", "type", "name", "from", "recipient", "conversation", "value",
            "action", "data", "verb", "cardId", "entities", "mentioned", "attachments", "content", "channelData", "tenant",
            "replyToId", "serviceUrl", "channelId", "text", "timestamp", "role", "aadObjectId", "tenantId",
            "conversationType");

    private final Random random;
    private final List<Supplier<JsonNode>> values;

    ActivityFuzzer(long seed) {
        this.random = new Random(seed);
        this.values = List.of(NODES::nullNode, () -> NODES.textNode(""), () -> NODES.textNode(" "),
                () -> NODES.numberNode(0), () -> NODES.numberNode(-1), () -> NODES.numberNode(1e308),
                () -> NODES.booleanNode(true), NODES::arrayNode, NODES::objectNode,
                () -> NODES.arrayNode().addNull(), () -> NODES.objectNode().putNull("id"),
                () -> NODES.textNode("a".repeat(20_000)), () -> NODES.textNode("\u0000\uFFFF<at>x</at>&amp;"),
                () -> NODES.textNode("2026-13-45T99:99:99Z"), () -> NODES.textNode("mention"),
                () -> NODES.textNode(InboundActivity.ACTION_INVOKE), () -> nested(40));
    }

    /** One variant of {@code activity} (which it changes), serialized. */
    byte[] mutate(ObjectNode activity) {
        if (random.nextInt(40) == 0) {
            return value().toString().getBytes(StandardCharsets.UTF_8);
        }
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            change(activity);
        }
        byte[] body = activity.toString().getBytes(StandardCharsets.UTF_8);
        return random.nextInt(6) == 0 ? damage(body) : body;
    }

    private void change(ObjectNode activity) {
        List<Slot> slots = new ArrayList<>();
        collect(activity, slots);
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(4)) {
            case 0 -> slot.remove();
            case 1 -> slot.set(NODES.nullNode());
            case 2 -> slot.set(value());
            default -> {
                JsonNode here = slot.get();
                if (here instanceof ObjectNode object) {
                    object.set(KEYS.get(random.nextInt(KEYS.size())), value());
                } else {
                    slot.set(here.isTextual() ? NODES.objectNode().set("id", here) : NODES.textNode(here.toString()));
                }
            }
        }
    }

    private JsonNode value() {
        return values.get(random.nextInt(values.size())).get();
    }

    private byte[] damage(byte[] body) {
        int at = random.nextInt(body.length);
        return switch (random.nextInt(3)) {
            case 0 -> Arrays.copyOf(body, at);
            case 1 -> {
                byte[] flipped = body.clone();
                flipped[at] = (byte) random.nextInt(256);
                yield flipped;
            }
            default -> {
                byte[] doubled = Arrays.copyOf(body, body.length + (body.length - at));
                System.arraycopy(body, at, doubled, body.length, body.length - at);
                yield doubled;
            }
        };
    }

    private static JsonNode nested(int depth) {
        ArrayNode outer = NODES.arrayNode();
        ArrayNode inner = outer;
        for (int i = 0; i < depth; i++) {
            inner = inner.addArray();
        }
        return outer;
    }

    /** A place in the tree: a field of an object or an element of an array. */
    private sealed interface Slot {
        JsonNode get();

        void set(JsonNode value);

        void remove();
    }

    private record Field(ObjectNode object, String name) implements Slot {
        @Override
        public JsonNode get() {
            return object.get(name);
        }

        @Override
        public void set(JsonNode value) {
            object.set(name, value);
        }

        @Override
        public void remove() {
            object.remove(name);
        }
    }

    private record Element(ArrayNode array, int index) implements Slot {
        @Override
        public JsonNode get() {
            return array.get(index);
        }

        @Override
        public void set(JsonNode value) {
            array.set(index, value);
        }

        @Override
        public void remove() {
            array.remove(index);
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                slots.add(new Field(object, name));
                collect(object.get(name), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Element(array, i));
                collect(array.get(i), slots);
            }
        }
    }
}
