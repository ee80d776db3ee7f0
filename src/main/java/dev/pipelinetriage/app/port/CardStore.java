package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.Optional;

/** The cards the bot posted and the confirmations they wait for: what a button press looks up. */
public interface CardStore {

    /** Saves a card, replacing an earlier version with the same id. */
    void saveCard(StoredCard card);

    Optional<StoredCard> card(String id);

    void savePending(PendingRerun pending);

    /** The pending confirmation, if it exists and has not expired at {@code now}. */
    Optional<PendingRerun> pending(String id, Instant now);
}
