package dev.pipelinetriage.adapter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** Reading payload fields: absent, null and wrongly typed values all read as empty, never as "null". */
final class Payloads {
    private Payloads() {
    }

    /** The text at a slash-separated path, e.g. {@code workflow_run/conclusion}. */
    static Optional<String> text(JsonNode root, String path) {
        JsonNode node = at(root, path);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return Optional.empty();
        }
        String value = node.asText().strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** An id (a JSON number or a string of digits and letters) at a path. */
    static Optional<String> id(JsonNode root, String path) {
        return text(root, path).filter(v -> v.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}"));
    }

    static int integer(JsonNode root, String path, int fallback) {
        JsonNode node = at(root, path);
        return node != null && node.canConvertToInt() && node.asInt() >= 0 ? node.asInt() : fallback;
    }

    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("/")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    /** {@code refs/heads/main} -> {@code main}; other refs as they are. */
    static String branch(String ref) {
        return ref == null ? null : ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    }

    /** Which of the instance's addresses a payload URL must be on. */
    enum Side {
        WEB, API
    }

    /**
     * A URL field of a payload, at a slash-separated path.
     *
     * @param required whether the payload must carry it: the one that says which instance the delivery is about
     */
    record UrlField(String path, Side side, boolean required) {
        static UrlField web(String path) {
            return new UrlField(path, Side.WEB, false);
        }

        static UrlField api(String path) {
            return new UrlField(path, Side.API, false);
        }

        static UrlField identifying(String path) {
            return new UrlField(path, Side.WEB, true);
        }
    }

    /**
     * Every URL field the payload carries is compared (never requested) with the instance's scheme, host and port:
     * the first one that is not on them refuses the delivery with 422, naming the field. A field that is not there
     * passes unless it is required.
     */
    static Optional<Delivery> foreignUrl(WebhookSource source, JsonNode payload, List<UrlField> fields) {
        for (UrlField field : fields) {
            String name = field.path().replace('/', '.');
            JsonNode node = at(payload, field.path());
            if (node == null || node.isNull()) {
                if (field.required()) {
                    return refused(name + " is missing: it names the instance the delivery is about");
                }
                continue;
            }
            Optional<Origin> origin = node.isTextual() ? Origin.of(node.asText()) : Optional.empty();
            if (origin.isEmpty()) {
                return refused(name + " is not an absolute http(s) URL");
            }
            List<Origin> allowed = field.side() == Side.WEB ? List.of(source.webOrigin()) : source.apiOrigins();
            if (!allowed.contains(origin.get())) {
                return refused(name + " is on " + origin.get() + ", not on instance '" + source.instance() + "' ("
                        + String.join(" or ", allowed.stream().map(Origin::toString).toList()) + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<Delivery> refused(String reason) {
        return Optional.of(new Delivery.Refused(422, reason));
    }
}
