package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.chat.ChatText;
import java.util.ArrayList;
import java.util.List;

/**
 * Text for Teams. Anything that came from a log, a CI or a user is "defanged" so it cannot become a mention, a
 * tag or a clickable link: a zero-width space after every {@code <} (no {@code <at>}, no HTML) and inside every
 * URL scheme and {@code www.} (no auto-linking), and mention entities exist only for people the bot names itself.
 * Messages go out as {@code textFormat: xml}, where markdown is not interpreted; cards put such text in
 * {@code TextRun}s, which Adaptive Cards never read as markdown.
 */
final class TeamsText {
    static final char ZWSP = '\u200B';

    private TeamsText() {
    }

    /** Untrusted text, shown as it reads. */
    static String defang(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c);
            if (c == '<' || c == ':' && text.startsWith("//", i + 1) || (c == 'w' || c == 'W')
                    && text.regionMatches(true, i, "www.", 0, 4)) {
                sb.append(ZWSP);
            }
        }
        return sb.toString();
    }

    /** A display name inside {@code <at>...</at>}: no markup characters at all. */
    static String name(String name) {
        String clean = name.replaceAll("[<>\\[\\]()*_~`#|\\\\]", "").strip();
        return clean.isEmpty() ? "someone" : defang(clean);
    }

    /** A message's text and the mention entities it needs. */
    record Rendered(String text, List<ObjectNode> entities) {
        Rendered {
            entities = List.copyOf(entities);
        }
    }

    /**
     * For {@code textFormat: xml}: plain parts escaped and defanged, line breaks as {@code <br>} (the markup ignores
     * a bare newline), links the bot built as anchors.
     */
    static Rendered xml(ChatText text, People people) {
        StringBuilder sb = new StringBuilder();
        List<ObjectNode> entities = new ArrayList<>();
        for (ChatText.Part part : text.parts()) {
            switch (part) {
                case ChatText.Plain p -> sb.append(escape(defang(p.text())).replace("\n", "<br>"));
                case ChatText.Mention m -> {
                    var person = people.find(m.user());
                    if (person.isPresent()) {
                        String at = "<at>" + escape(name(person.get().name())) + "</at>";
                        sb.append(at);
                        entities.add(mention(at, person.get().teamsId(), name(person.get().name())));
                    } else {
                        sb.append("a user");
                    }
                }
                case ChatText.Link l -> sb.append("<a href=\"").append(escape(l.url())).append("\">")
                        .append(escape(defang(l.label()))).append("</a>");
            }
        }
        return new Rendered(sb.toString(), entities);
    }

    static ObjectNode mention(String at, String teamsId, String name) {
        ObjectNode entity = JsonNodeFactory.instance.objectNode();
        entity.put("type", "mention");
        entity.put("text", at);
        entity.putObject("mentioned").put("id", teamsId).put("name", name);
        return entity;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
