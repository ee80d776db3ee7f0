package dev.pipelinetriage.adapter.ticket.jira;

import dev.pipelinetriage.app.port.TicketDocument;
import java.util.regex.Pattern;

/**
 * Jira wiki markup for Data Center (REST v2). Log text must never become markup: characters that start
 * formatting, links, macros or mentions are escaped with a backslash, and code sits in {@code {noformat}}, which
 * a line cannot close early.
 */
final class WikiMarkup implements JiraFormat {
    private static final Pattern SPECIAL = Pattern.compile("([\\\\{}\\[\\]*_+^~|!#\\-?@])");
    private static final Pattern NOFORMAT = Pattern.compile("(?i)\\{noformat");

    @Override
    public String apiVersion() {
        return "2";
    }

    @Override
    public String searchPath() {
        return "search";
    }

    @Override
    public Object render(TicketDocument document) {
        StringBuilder sb = new StringBuilder();
        for (TicketDocument.Block block : document.blocks()) {
            switch (block) {
                case TicketDocument.Heading h -> sb.append("h3. ").append(escape(h.text())).append("\n\n");
                case TicketDocument.Paragraph p -> sb.append(escape(p.text())).append("\n\n");
                case TicketDocument.Bullets b -> {
                    b.items().forEach(i -> sb.append("* ").append(escape(i)).append('\n'));
                    sb.append('\n');
                }
                case TicketDocument.Links l -> {
                    l.links().forEach(link -> sb.append("* [").append(escape(link.text())).append('|')
                            .append(url(link.url())).append("]\n"));
                    sb.append('\n');
                }
                case TicketDocument.Code c -> {
                    sb.append("{noformat}\n");
                    c.lines().forEach(line -> sb.append(NOFORMAT.matcher(line).replaceAll("{ noformat")).append('\n'));
                    sb.append("{noformat}\n\n");
                }
            }
        }
        return sb.toString().stripTrailing();
    }

    static String escape(String text) {
        return SPECIAL.matcher(text.replace('\n', ' ').replace('\r', ' ')).replaceAll("\\\\$1");
    }

    /** Characters that end a wiki link are percent-encoded; the rest of the URL stays readable. */
    static String url(String url) {
        return url.replace("|", "%7C").replace("]", "%5D").replace("[", "%5B").replace(" ", "%20");
    }
}
