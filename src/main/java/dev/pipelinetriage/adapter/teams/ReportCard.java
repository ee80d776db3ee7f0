package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.chat.Chart;
import dev.pipelinetriage.chat.ChatText;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A report (the health digest) as one Adaptive Card: its text as {@code RichTextBlock}s, Markdown headings as bold
 * runs, and its chart as an {@code Image} element whose {@code url} is a {@code data:image/png;base64} URI (the
 * Adaptive Cards schema takes data URIs from version 1.2). Teams takes an image in a card up to 1 MB and a bot
 * message up to about 100 KB, base64 images not counted ("Format cards in Teams", "Format your bot messages"), so a
 * larger chart is left out with a line saying so, and an overlong text is cut.
 */
final class ReportCard {
    /** Teams' limit for an image in a card. */
    static final int MAX_IMAGE_BYTES = 1024 * 1024;
    /** Well inside the ~100 KB (UTF-16) a message may have besides its images, with room for the card's markup. */
    static final int MAX_TEXT_CHARS = 30_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final People people;

    ReportCard(People people) {
        this.people = people;
    }

    /** The card, and whether the chart is in it. */
    record Rendered(ObjectNode card, boolean withChart) {
    }

    Rendered render(ChatText text, Chart chart) {
        ObjectNode root = JSON.objectNode();
        root.put("type", "AdaptiveCard");
        root.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        root.put("version", "1.4");
        root.putObject("msteams").put("width", "Full");
        ArrayNode body = root.putArray("body");
        ArrayNode paragraph = null;
        for (List<ObjectNode> line : lines(text)) {
            String first = line.isEmpty() ? "" : line.getFirst().path("text").asText();
            if (first.startsWith("# ") || first.startsWith("## ")) {
                boolean top = first.startsWith("# ");
                line.getFirst().put("text", first.substring(top ? 2 : 3));
                ObjectNode heading = block(line);
                line.forEach(run -> run.put("weight", "Bolder").put("size", top ? "Large" : "Medium"));
                if (!top) {
                    heading.put("separator", true).put("spacing", "Medium");
                }
                body.add(heading);
                paragraph = null;
            } else if (line.stream().allMatch(run -> run.path("text").asText().isBlank())) {
                paragraph = null;
            } else {
                if (paragraph == null) {
                    paragraph = body.addObject().put("type", "RichTextBlock").putArray("inlines");
                } else {
                    paragraph.add(run("\n"));
                }
                paragraph.addAll(line);
            }
        }
        boolean withChart = chart.size() <= MAX_IMAGE_BYTES;
        if (withChart) {
            body.addObject().put("type", "Image").put("url", "data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(chart.png())).put("altText", chart.title()).put("size", "Stretch")
                    .put("separator", true).put("spacing", "Medium");
        } else {
            body.add(block(List.of(run(TeamsText.defang(chart.title()) + ": the chart is larger than Teams takes in a "
                    + "card (" + chart.size() / 1024 + " KB), so it is not shown.").put("isSubtle", true))));
        }
        return new Rendered(root, withChart);
    }

    /** The text's lines, each as runs: plain text defanged, mentions as names, links the bot built as link runs. */
    private List<List<ObjectNode>> lines(ChatText text) {
        List<List<ObjectNode>> lines = new ArrayList<>();
        List<ObjectNode> line = new ArrayList<>();
        lines.add(line);
        int left = MAX_TEXT_CHARS;
        for (ChatText.Part part : text.parts()) {
            String shown = switch (part) {
                case ChatText.Plain p -> p.text();
                case ChatText.Mention m -> people.find(m.user()).map(p -> TeamsText.name(p.name())).orElse("a user");
                case ChatText.Link l -> l.label();
            };
            if (shown.length() > left) {
                shown = shown.substring(0, Math.max(0, left)) + "\n... (cut: the report is longer than a card holds)";
            }
            left -= shown.length();
            String[] pieces = shown.split("\n", -1);
            for (int i = 0; i < pieces.length; i++) {
                if (i > 0) {
                    line = new ArrayList<>();
                    lines.add(line);
                }
                if (pieces[i].isEmpty()) {
                    continue;
                }
                ObjectNode run = run(TeamsText.defang(pieces[i]));
                if (part instanceof ChatText.Link l) {
                    run.putObject("selectAction").put("type", "Action.OpenUrl").put("url", l.url());
                }
                line.add(run);
            }
            if (left <= 0) {
                break;
            }
        }
        return lines;
    }

    private static ObjectNode block(List<ObjectNode> runs) {
        ObjectNode block = JSON.objectNode().put("type", "RichTextBlock");
        block.putArray("inlines").addAll(runs);
        return block;
    }

    private static ObjectNode run(String text) {
        return JSON.objectNode().put("type", "TextRun").put("text", text);
    }
}
