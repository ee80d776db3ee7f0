package dev.pipelinetriage.app.port;

import java.util.Map;

/** What people said of the bot's answers, once per person, card and kind. */
public interface FeedbackStore {

    /** Saves feedback; false when this user already gave this kind of feedback on this card. */
    boolean saveFeedback(Feedback feedback);

    /**
     * Feedback counts: {@code helpful}, {@code not_right} and {@code not_right:<verdict>} for each correct verdict
     * named.
     */
    Map<String, Long> feedbackCounts();
}
