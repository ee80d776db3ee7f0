package dev.pipelinetriage.chat;

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
}
