package dev.pipelinetriage.app.port;

/**
 * What the CI webhooks count. Label values are configured instance names and fixed outcome words, never payload
 * text.
 */
public interface WebhookMetrics {

    /**
     * A delivery from a configured source ended in {@code outcome}: {@code accepted}, {@code ignored},
     * {@code duplicate}, {@code unauthorized}, {@code rejected}, {@code unrouted} or {@code busy}.
     */
    void delivery(String source, String outcome);

    /** A failed job's card was left out because an outage banner in its channel counts it instead. */
    void absorbedByBanner();

    /** An outage banner was posted. */
    void bannerOpened();

    /** A triaged failure's run was run again and the later attempt passed (or failed again). */
    default void rerunOutcome(boolean passed) {
    }

    /** Counts nothing. */
    static WebhookMetrics none() {
        return NoWebhookMetrics.INSTANCE;
    }

    /** Stateless, so a shared instance is safe. */
    enum NoWebhookMetrics implements WebhookMetrics {
        INSTANCE;

        @Override
        public void delivery(String source, String outcome) {
        }

        @Override
        public void absorbedByBanner() {
        }

        @Override
        public void bannerOpened() {
        }
    }
}
