package dev.pipelinetriage.app.port;

import java.util.Optional;

/** Told about every triaged failure; answers what the card should say about its recurrence. */
public interface OccurrenceListener {

    /** Listens to nothing: recurrence is not configured. */
    OccurrenceListener NONE = occurrence -> Optional.empty();

    Optional<Recurrence> triaged(Occurrence occurrence);
}
