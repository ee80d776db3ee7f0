package dev.pipelinetriage.chat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the conversation layer needs from a chat platform. Implementations escape every text they are given,
 * pace and retry their own calls, and never throw for a platform error: they answer {@link Posted.Undelivered}.
 */
public interface ChatSurface {

    /** Posts a short message at {@code place} (in its thread when it has one). */
    Posted post(Place place, ChatText text);

    /**
     * Shows a card: replaces message {@code replacing} at {@code place}, or posts a new message when
     * {@code replacing} is null.
     */
    Posted showCard(Place place, String replacing, CardView card);

    /** Tells one user something only they see. */
    Posted tell(Place place, String user, ChatText text);

    /**
     * How long a triage may run before its "Looking at ..." placeholder is posted; zero posts it at once. A platform
     * that may store a post although its answer said it failed waits: the placeholder could not be replaced then, so
     * a triage that is done in time posts its card alone.
     */
    default Duration placeholderAfter() {
        return Duration.ZERO;
    }

    /**
     * Posts an image (the health digest's chart) at {@code place}. Platforms whose adapter cannot upload files
     * answer {@link Posted.Undelivered}; the caller's text then stands alone.
     */
    default Posted postImage(Place place, String title, String fileName, byte[] png) {
        return new Posted.Undelivered("this chat adapter does not upload images");
    }

    /**
     * Posts a report (the health digest): its text with {@code chart} under it. By default the text is one message
     * and the chart an uploaded image after it; a platform that can carry both in one card answers the same
     * {@link Posted} for both parts.
     */
    default ReportPosted postReport(Place place, ChatText text, Chart chart) {
        Posted posted = post(place, text);
        return new ReportPosted(posted, postImage(place, chart.title(), chart.fileName(), chart.png()));
    }

    /**
     * What became of a report's text and of its chart. When one message carried both, {@code chart} is the very
     * same {@link Posted} as {@code text} (or an {@link Posted.Undelivered} saying why the card went without it).
     */
    record ReportPosted(Posted text, Posted chart) {
        public ReportPosted {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(chart, "chart");
        }

        /** The messages the platform was asked for: one when the chart went in the text's message. */
        public List<Posted> messages() {
            return chart == text ? List.of(text) : List.of(text, chart);
        }
    }
}
