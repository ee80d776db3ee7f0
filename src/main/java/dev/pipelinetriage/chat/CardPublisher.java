package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.port.AwaitedRerun;
import dev.pipelinetriage.app.port.CardStore;
import dev.pipelinetriage.app.port.RerunOutcomes;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.app.port.TriageMetrics.Stage;
import dev.pipelinetriage.engine.signature.Signatures;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a triage's card and keeps it when it has buttons, so a later press finds it: the one "post, then save"
 * for pasted links and webhook failures alike. Posting is timed as the {@code post} stage. Each failure on a kept
 * card awaits a rerun of its run, so that a later attempt that passes updates the card and counts for its signature.
 */
public final class CardPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(CardPublisher.class);

    private final CardStore store;
    private final RerunOutcomes outcomes;
    private final CardCodec codec;
    private final Clock clock;
    private final TriageMetrics metrics;

    public CardPublisher(CardStore store, RerunOutcomes outcomes, CardCodec codec, Clock clock, TriageMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * @param replacing the placeholder message the card replaces, or null to post a new message
     * @param result what the card shows; only a triaged run's card with buttons is kept
     */
    public Posted publish(ChatSurface surface, Place place, String replacing, CardView triaged, LinkTriage.Result result) {
        CardView card = codec.redacted(triaged);
        LinkTriage.Triaged keep = card.hasActions() && result instanceof LinkTriage.Triaged t ? t : null;
        if (keep != null && replacing != null) {
            // saved before it shows: a press on the card as it appears must find it
            save(place, replacing, card, keep);
        }
        Posted shown = metrics.time(Stage.POST, () -> surface.showCard(place, replacing, card));
        if (keep != null && replacing == null && shown instanceof Posted.Delivered d) {
            save(place, d.messageId(), card, keep);
        }
        return shown;
    }

    private void save(Place place, String messageId, CardView card, LinkTriage.Triaged result) {
        Instant now = clock.instant();
        store.saveCard(codec.stored(place, messageId, card, result, now));
        try {
            for (LinkTriage.JobOutcome job : result.jobs()) {
                if (job instanceof LinkTriage.Reported r) {
                    Signatures.of(r.report()).ifPresent(s -> outcomes.awaitRerun(new AwaitedRerun(result.run().ref(),
                            r.job().ref().name(), s.key(), card.cardId(), now)));
                }
            }
        } catch (RuntimeException e) {
            // Learning from reruns is secondary: the card is shown and its buttons work all the same.
            LOG.error("remembering the failures of card {} for their rerun failed", card.cardId(), e);
        }
    }
}
