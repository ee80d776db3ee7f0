package dev.pipelinetriage.app.port;

import java.util.List;
import java.util.Objects;

/**
 * A ticket body or comment as structure, not markup: each tracker adapter writes it in its own format (Atlassian
 * Document Format, Jira wiki markup, GitHub Markdown) and escapes the text for it. All text is already redacted.
 */
public record TicketDocument(List<Block> blocks) {
    public TicketDocument {
        blocks = List.copyOf(blocks);
    }

    public sealed interface Block {
    }

    public record Heading(String text) implements Block {
        public Heading {
            Objects.requireNonNull(text, "text");
        }
    }

    public record Paragraph(String text) implements Block {
        public Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A bulleted list of plain items. */
    public record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /** A bulleted list of links. */
    public record Links(List<Link> links) implements Block {
        public Links {
            links = List.copyOf(links);
        }
    }

    /** Log lines, shown verbatim in a code block. */
    public record Code(List<String> lines) implements Block {
        public Code {
            lines = List.copyOf(lines);
        }
    }

    public record Link(String text, String url) {
        public Link {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(url, "url");
        }
    }
}
