package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.domain.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A triage card the bot posted, kept so that its buttons can act on it later (on any replica).
 *
 * @param run the run the card is about, with its concrete attempt: what "Rerun failed jobs" reruns
 * @param verdict the card's overall verdict (the confirmation warns when it is {@code code})
 * @param failedJobs the names of the failed jobs, to say what a rerun will repeat
 * @param document the card's view model, serialized by the chat layer (opaque here)
 */
public record StoredCard(String id, ChatRef message, RunRef run, Verdict verdict, List<String> failedJobs,
        String document, Instant createdAt) {
    public StoredCard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(createdAt, "createdAt");
        failedJobs = List.copyOf(failedJobs);
    }

    public StoredCard withDocument(String newDocument) {
        return new StoredCard(id, message, run, verdict, failedJobs, newDocument, createdAt);
    }
}
