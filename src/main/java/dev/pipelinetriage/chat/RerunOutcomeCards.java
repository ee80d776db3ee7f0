package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.RerunOutcomeService;
import dev.pipelinetriage.app.RunFinished;
import dev.pipelinetriage.app.port.CardStore;
import dev.pipelinetriage.app.port.RerunOutcome;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.app.port.WebhookMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished run attempts from CI webhooks, the same for every chat platform: on a worker, the attempt is credited to
 * the failures triaged on its run's earlier attempts, and each card whose run passed on rerun is updated in place
 * ("passed on rerun -- likely flaky", with the attempt's link). Only the replica that recorded an outcome touches
 * its card, so a redelivery or a second replica changes nothing.
 */
public final class RerunOutcomeCards {
    private static final Logger LOG = LoggerFactory.getLogger(RerunOutcomeCards.class);

    private final RerunOutcomeService outcomes;
    private final CardStore cards;
    private final CardCodec codec;
    private final Map<String, ChatSurface> surfaces;
    private final Workers workers;
    private final WebhookMetrics metrics;

    /** @param surfaces chat platforms by name ({@code slack}, {@code teams}) */
    public RerunOutcomeCards(RerunOutcomeService outcomes, CardStore cards, CardCodec codec,
            Map<String, ChatSurface> surfaces, Workers workers, WebhookMetrics metrics) {
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.surfaces = Map.copyOf(surfaces);
        this.workers = Objects.requireNonNull(workers, "workers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Queues the work; false when the bot is too busy (the provider should deliver again later). */
    public boolean receive(RunFinished finished) {
        return workers.submit("rerun outcome " + finished.run().key(), () -> {
            try {
                handle(finished);
            } catch (RuntimeException e) {
                LOG.error("recording the outcome of {} failed", finished.run().key(), e);
            }
        });
    }

    /** Records the outcomes and updates the cards of the passes; runs on the caller's thread. */
    void handle(RunFinished finished) {
        List<RerunOutcome> recorded = outcomes.finished(finished);
        Map<String, RerunOutcome> passedByCard = new LinkedHashMap<>();
        for (RerunOutcome outcome : recorded) {
            metrics.rerunOutcome(outcome.passed());
            LOG.info("failure {} of {} {} on rerun", outcome.awaited().signatureKey(), outcome.awaited().failed().key(),
                    outcome.passed() ? "passed" : "failed again");
            if (outcome.passed()) {
                passedByCard.putIfAbsent(outcome.awaited().cardId(), outcome);
            }
        }
        passedByCard.forEach((cardId, outcome) -> update(cardId, outcome));
    }

    private void update(String cardId, RerunOutcome outcome) {
        Optional<StoredCard> stored = cards.card(cardId);
        if (stored.isEmpty()) {
            LOG.info("card {} of a run that passed on rerun is no longer kept", cardId);
            return;
        }
        StoredCard card = stored.get();
        CardView view = codec.decode(card.document()).withPassedOnRerun(new CardView.PassedNote(outcome.link(), outcome.at()));
        cards.saveCard(card.withDocument(codec.encode(view)));
        ChatSurface surface = surfaces.get(card.message().platform());
        if (surface == null) {
            LOG.warn("card {} is on {}, which is not configured; not redrawn", cardId, card.message().platform());
            return;
        }
        Place place = new Place(card.message().platform(), card.message().workspace(), card.message().channel(), null);
        if (surface.showCard(place, card.message().message(), view) instanceof Posted.Undelivered u) {
            LOG.warn("card {} was not redrawn after its run passed on rerun: {}", cardId, u.reason());
        }
    }
}
