package dev.pipelinetriage.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A short message in chat-neutral parts. Adapters render each part their way and escape {@link Plain} text, so
 * nothing in it can become a mention or a link.
 */
public record ChatText(List<Part> parts) {

    public ChatText {
        parts = List.copyOf(parts);
    }

    public sealed interface Part permits Plain, Mention, Link {
    }

    public record Plain(String text) implements Part {
        public Plain {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A user, by platform id, shown as a mention. */
    public record Mention(String user) implements Part {
        public Mention {
            Objects.requireNonNull(user, "user");
        }
    }

    /** A link the bot built itself (a run page, a runbook), never one copied from a log. */
    public record Link(String url, String label) implements Part {
        public Link {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(label, "label");
        }
    }

    public static ChatText of(String text) {
        return new ChatText(List.of(new Plain(text)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The text without markup, for logs, notifications and tests. */
    public String plain() {
        StringBuilder sb = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Plain p -> sb.append(p.text());
                case Mention m -> sb.append('@').append(m.user());
                case Link l -> sb.append(l.label());
            }
        }
        return sb.toString();
    }

    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();

        public Builder text(String text) {
            parts.add(new Plain(text));
            return this;
        }

        public Builder mention(String user) {
            parts.add(new Mention(user));
            return this;
        }

        public Builder link(String url, String label) {
            parts.add(new Link(url, label));
            return this;
        }

        public ChatText build() {
            return new ChatText(parts);
        }
    }
}
