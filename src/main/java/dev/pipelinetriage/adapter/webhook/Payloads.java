package dev.pipelinetriage.adapter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Locale;
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

    /** The host of a URL in the payload (only compared, never requested), lower case; empty when there is none. */
    static String host(Optional<String> url) {
        try {
            String host = url.map(URI::create).map(URI::getHost).orElse("");
            return host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** {@code refs/heads/main} -> {@code main}; other refs as they are. */
    static String branch(String ref) {
        return ref == null ? null : ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    }

    /** Why a delivery names a host the source is not configured for, or empty when the hosts agree. */
    static Optional<Delivery> foreignHost(WebhookSource source, String host) {
        if (host.equals(source.webHost())) {
            return Optional.empty();
        }
        return Optional.of(new Delivery.Refused(422, "unknown CI host '" + (host.isEmpty() ? "?" : host)
                + "': this hook belongs to instance '" + source.instance() + "' on " + source.webHost()));
    }
}
