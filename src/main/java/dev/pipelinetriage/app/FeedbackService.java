package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.Feedback;
import dev.pipelinetriage.app.port.CardStore;
import dev.pipelinetriage.app.port.FeedbackStore;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * "Helpful" and "Not right" on a card: stored once per user, card and kind, and counted. Free text is redacted
 * and capped before it is stored, because people paste log lines (and tokens) into it.
 */
public final class FeedbackService {
    static final int MAX_NOTE = 1_000;

    private final CardStore cards;
    private final FeedbackStore store;
    private final Redactor redactor;
    private final Clock clock;

    public FeedbackService(CardStore cards, FeedbackStore store, Redactor redactor, Clock clock) {
        this.cards = Objects.requireNonNull(cards, "cards");
        this.store = Objects.requireNonNull(store, "store");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public enum Saved {
        SAVED, ALREADY_GIVEN, UNKNOWN_CARD
    }

    public Saved helpful(Actor from, String cardId) {
        if (cards.card(cardId).isEmpty()) {
            return Saved.UNKNOWN_CARD;
        }
        return save(new Feedback(cardId, from, Feedback.Kind.HELPFUL, null, null, null, clock.instant()));
    }

    /**
     * @param knownError the known error id the user names, or null
     * @param note what it really was, in the user's words, or null
     */
    public Saved notRight(Actor from, String cardId, Verdict correct, String knownError, String note) {
        Objects.requireNonNull(correct, "correct");
        if (cards.card(cardId).isEmpty()) {
            return Saved.UNKNOWN_CARD;
        }
        String cleanNote = note == null || note.isBlank() ? null : cap(String.join("\n", redactor.redactLines(java.util.Arrays.asList(note.strip().split("\n", -1)))));
        String cleanKnown = knownError == null || knownError.isBlank() ? null : cap(knownError.strip());
        return save(new Feedback(cardId, from, Feedback.Kind.NOT_RIGHT, correct, cleanKnown, cleanNote, clock.instant()));
    }

    public Map<String, Long> counts() {
        return store.feedbackCounts();
    }

    private Saved save(Feedback feedback) {
        return store.saveFeedback(feedback) ? Saved.SAVED : Saved.ALREADY_GIVEN;
    }

    private static String cap(String text) {
        return text.length() <= MAX_NOTE ? text : text.substring(0, MAX_NOTE);
    }
}
