package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading a verified activity's fields the same way in every handler: who, which tenant, which thread, what text. */
final class ActivityFields {
    static final String PLATFORM = "teams";
    private static final Logger LOG = LoggerFactory.getLogger(ActivityFields.class);
    /** Card fields that carry text or link targets: TextBlock and TextRun text, fact values, OpenUrl and button targets. */
    private static final Set<String> CARD_TEXT_FIELDS = Set.of("text", "title", "subtitle", "value", "url");

    private ActivityFields() {
    }

    /** The tenant from {@code channelData.tenant.id}, else the conversation's {@code tenantId}; null when neither. */
    static String tenant(Activity activity, ObjectMapper json) {
        if (activity.getChannelData() != null) {
            try {
                TeamsChannelData data = json.convertValue(activity.getChannelData(), TeamsChannelData.class);
                if (data.getTenant() != null && data.getTenant().getId() != null) {
                    return data.getTenant().getId();
                }
            } catch (IllegalArgumentException e) {
                LOG.info("activity with unreadable channelData");
            }
        }
        return activity.getConversation().getTenantId();
    }

    /** The Entra object id when Teams gives one (what rerun permissions name), else the Teams id. */
    static String userId(ChannelAccount from) {
        return from.getAadObjectId() != null && !from.getAadObjectId().isBlank() ? from.getAadObjectId() : from.getId();
    }

    /** A channel conversation id names its thread with {@code ;messageid=}: cards are matched per channel. */
    static String thread(String conversationId) {
        int cut = conversationId.indexOf(';');
        return cut < 0 ? conversationId : conversationId.substring(0, cut);
    }

    /** A value from the activity, fit for one log line: at most 40 characters, control characters shown as '?'. */
    static String loggable(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > 40 ? value.substring(0, 40) : value;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Appends the text and link targets of attached cards, each on a line of its own. */
    static void collectCardText(JsonNode node, StringBuilder text) {
        if (node.isArray()) {
            node.forEach(child -> collectCardText(child, text));
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getValue().isTextual()) {
                    if (CARD_TEXT_FIELDS.contains(field.getKey())) {
                        text.append('\n').append(plainText(field.getValue().asText()));
                    }
                } else {
                    collectCardText(field.getValue(), text);
                }
            });
        }
    }

    /**
     * The message text the link detector reads: mentions dropped, anchors reduced to their target, other tags
     * removed, entities decoded. One pass, linear in the text's length.
     */
    static String plainText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '<') {
                out.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('>', i);
            if (close < 0) {
                out.append(text, i, text.length());
                break;
            }
            String tag = text.substring(i + 1, close).strip();
            if (tag.equalsIgnoreCase("at")) {
                int end = indexOfIgnoreCase(text, "</at>", close);
                i = end < 0 ? text.length() : end + 5;
                out.append(' ');
                continue;
            }
            int href = tag.regionMatches(true, 0, "a ", 0, 2) ? indexOfIgnoreCase(tag, "href=\"", 2) : -1;
            int endQuote = href < 0 ? -1 : tag.indexOf('"', href + 6);
            out.append(' ');
            if (endQuote > 0) {
                out.append(tag, href + 6, endQuote).append(' ');
            }
            i = close + 1;
        }
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private static int indexOfIgnoreCase(String text, String needle, int from) {
        for (int i = Math.max(0, from); i + needle.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
