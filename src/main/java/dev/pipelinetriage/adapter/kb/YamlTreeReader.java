package dev.pipelinetriage.adapter.kb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads one YAML document into {@link YamlNode}s, keeping the line of every key and value. */
final class YamlTreeReader {

    /** Thrown for text that is not YAML at all; carries the line the parser stopped at. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        SyntaxError(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private final YAMLFactory factory;

    YamlTreeReader(YAMLFactory factory) {
        this.factory = factory;
    }

    /** The document's root, or null for an empty document. */
    YamlNode read(String text) throws SyntaxError {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            YamlNode root = readValue(parser);
            if (parser.nextToken() != null) {
                throw new SyntaxError(line(parser), "more than one YAML document; keep exactly one known error per file");
            }
            return root;
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? jpe.getLocation().getLineNr() : 0;
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : e.getMessage();
            throw new SyntaxError(Math.max(line, 0), "YAML syntax error: " + condense(message));
        }
    }

    private static YamlNode readValue(JsonParser parser) throws IOException {
        int line = line(parser);
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                List<YamlNode.Field> fields = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser);
                    parser.nextToken();
                    fields.add(new YamlNode.Field(key, keyLine, readValue(parser)));
                }
                yield new YamlNode.Mapping(fields, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser));
                }
                yield new YamlNode.Sequence(items, line);
            }
            case VALUE_NULL -> new YamlNode.Scalar(null, false, line);
            case VALUE_STRING -> new YamlNode.Scalar(parser.getText(), true, line);
            default -> new YamlNode.Scalar(parser.getText(), false, line);
        };
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /** SnakeYAML's messages span several lines with a caret drawing; one line reads better after file:line. */
    private static String condense(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        List<String> kept = new ArrayList<>();
        for (String part : message.split("\n")) {
            String trimmed = part.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("in 'reader'") && !trimmed.startsWith("^")
                    && !trimmed.startsWith("in 'string'")) {
                kept.add(trimmed);
            }
        }
        return String.join("; ", kept);
    }
}
