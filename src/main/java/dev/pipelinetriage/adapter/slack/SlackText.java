package dev.pipelinetriage.adapter.slack;

import dev.pipelinetriage.chat.ChatText;
import java.util.regex.Pattern;

/** Text for Slack's mrkdwn: every untrusted character escaped, links and mentions only where the bot puts them. */
final class SlackText {
    private static final Pattern SAFE_URL = Pattern.compile("https?://[^\\s<>|]+");
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");

    private SlackText() {
    }

    /** Exactly the three characters Slack's formatting guide says to convert, and only those. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A link the bot built; an unexpected URL is shown as escaped text, never as a link. */
    static String link(String url, String label) {
        if (url == null || !SAFE_URL.matcher(url).matches()) {
            return escape(label);
        }
        return "<" + url.replace("&", "&amp;") + "|" + escape(label).replace("|", "¦") + ">";
    }

    static String mention(String user) {
        return USER_ID.matcher(user).matches() ? "<@" + user + ">" : escape(user);
    }

    static String render(ChatText text) {
        StringBuilder sb = new StringBuilder();
        for (ChatText.Part part : text.parts()) {
            switch (part) {
                case ChatText.Plain p -> sb.append(escape(p.text()));
                case ChatText.Mention m -> sb.append(mention(m.user()));
                case ChatText.Link l -> sb.append(link(l.url(), l.label()));
            }
        }
        return sb.toString();
    }

    /**
     * A code block that cannot be closed early: every backtick is followed by a zero-width space, so no line
     * can contain the closing fence.
     */
    static String codeBlock(String escapedLines) {
        return "```\n" + escapedLines.replace("`", "`\u200B") + "\n```";
    }
}
