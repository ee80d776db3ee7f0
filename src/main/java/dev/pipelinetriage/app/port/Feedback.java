package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Verdict;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user said about a card.
 *
 * @param correctVerdict for {@link Kind#NOT_RIGHT}: the verdict the user says is right, else null
 * @param knownError for {@link Kind#NOT_RIGHT}: the known error id the user names, or null
 * @param note for {@link Kind#NOT_RIGHT}: free text, already redacted and capped, or null
 */
public record Feedback(String cardId, Actor from, Kind kind, Verdict correctVerdict, String knownError, String note,
        Instant at) {

    public enum Kind {
        HELPFUL, NOT_RIGHT
    }

    public Feedback {
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (kind == Kind.NOT_RIGHT && correctVerdict == null) {
            throw new IllegalArgumentException("'not right' feedback names the correct verdict");
        }
    }

    public Optional<String> knownErrorId() {
        return Optional.ofNullable(knownError);
    }
}
