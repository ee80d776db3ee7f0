package dev.pipelinetriage.adapter.ticket.jira;

import dev.pipelinetriage.app.port.TicketDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Atlassian Document Format for Jira Cloud (REST v3): a {@code doc} of headings, paragraphs, bullet lists with
 * link marks and code blocks. Text is data in ADF, so nothing needs escaping; empty text nodes are not allowed,
 * so empty blocks are left out.
 */
final class Adf implements JiraFormat {

    @Override
    public String apiVersion() {
        return "3";
    }

    @Override
    public String searchPath() {
        return "search/jql";
    }

    @Override
    public Object render(TicketDocument document) {
        List<Object> content = new ArrayList<>();
        for (TicketDocument.Block block : document.blocks()) {
            switch (block) {
                case TicketDocument.Heading h -> {
                    if (!h.text().isEmpty()) {
                        content.add(node("heading", Map.of("level", 3), List.of(text(h.text()))));
                    }
                }
                case TicketDocument.Paragraph p -> {
                    if (!p.text().isEmpty()) {
                        content.add(paragraph(text(p.text())));
                    }
                }
                case TicketDocument.Bullets b -> {
                    List<Object> items = b.items().stream().filter(i -> !i.isEmpty())
                            .map(i -> (Object) node("listItem", null, List.of(paragraph(text(i))))).toList();
                    if (!items.isEmpty()) {
                        content.add(node("bulletList", null, items));
                    }
                }
                case TicketDocument.Links l -> {
                    List<Object> items = l.links().stream()
                            .map(link -> (Object) node("listItem", null, List.of(paragraph(link(link))))).toList();
                    if (!items.isEmpty()) {
                        content.add(node("bulletList", null, items));
                    }
                }
                case TicketDocument.Code c -> {
                    String code = String.join("\n", c.lines());
                    if (!code.isEmpty()) {
                        content.add(node("codeBlock", null, List.of(text(code))));
                    }
                }
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "doc");
        doc.put("version", 1);
        doc.put("content", content);
        return doc;
    }

    private static Map<String, Object> paragraph(Object inline) {
        return node("paragraph", null, List.of(inline));
    }

    private static Map<String, Object> text(String text) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("type", "text");
        node.put("text", text);
        return node;
    }

    private static Map<String, Object> link(TicketDocument.Link link) {
        Map<String, Object> node = text(link.text().isEmpty() ? link.url() : link.text());
        node.put("marks", List.of(Map.of("type", "link", "attrs", Map.of("href", link.url()))));
        return node;
    }

    private static Map<String, Object> node(String type, Map<String, Object> attrs, List<Object> content) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("type", type);
        if (attrs != null) {
            node.put("attrs", attrs);
        }
        node.put("content", content);
        return node;
    }
}
