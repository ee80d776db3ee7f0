package dev.pipelinetriage.adapter.ticket.github;

import dev.pipelinetriage.app.port.TicketDocument;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub-flavoured Markdown. Log text must not become markup or notify anyone: Markdown punctuation is
 * backslash-escaped, {@code @} and {@code #} too (no mentions, no cross-references), and code is fenced with more
 * backticks than any run inside it.
 */
final class Markdown {
    private static final Pattern SPECIAL = Pattern.compile("([\\\\`*_{}\\[\\]()#+\\-.!|<>~@])");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private Markdown() {
    }

    static String render(TicketDocument document, String marker) {
        StringBuilder sb = new StringBuilder();
        for (TicketDocument.Block block : document.blocks()) {
            switch (block) {
                case TicketDocument.Heading h -> sb.append("### ").append(escape(h.text())).append("\n\n");
                case TicketDocument.Paragraph p -> sb.append(escape(p.text())).append("\n\n");
                case TicketDocument.Bullets b -> {
                    b.items().forEach(i -> sb.append("- ").append(escape(i)).append('\n'));
                    sb.append('\n');
                }
                case TicketDocument.Links l -> {
                    l.links().forEach(link -> sb.append("- [").append(escape(link.text())).append("](")
                            .append(url(link.url())).append(")\n"));
                    sb.append('\n');
                }
                case TicketDocument.Code c -> {
                    String code = String.join("\n", c.lines());
                    String fence = "`".repeat(Math.max(3, longestRun(code) + 1));
                    sb.append(fence).append("text\n").append(code).append('\n').append(fence).append("\n\n");
                }
            }
        }
        if (marker != null) {
            sb.append("<!-- ").append(marker.replace("--", "")).append(" -->\n");
        }
        return sb.toString().stripTrailing();
    }

    static String escape(String text) {
        return SPECIAL.matcher(text.replace('\n', ' ').replace('\r', ' ')).replaceAll("\\\\$1");
    }

    static String url(String url) {
        return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E");
    }

    private static int longestRun(String code) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(code);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }
}
