package dev.pipelinetriage.boot.config;

import dev.pipelinetriage.app.WebhookRoutes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code webhooks:} section: which CI instances may send failure webhooks and with which secret, where their
 * failures are posted, and when repeated platform failures become one outage banner.
 *
 * @param defaultChannel where runs no rule matches go, or null to drop them
 * @param outageThreshold jobs with the same platform failure in one channel within {@code outageWindow} that make
 *     an outage
 * @param flakyAfter passes on rerun of one signature within {@code flakyWindow} after which its failures are called
 *     flaky; 0 when rerun outcomes are not learned
 */
public record WebhooksSection(List<Source> sources, List<WebhookRoutes.Rule> routes,
        WebhookRoutes.ChatChannel defaultChannel, int outageThreshold, Duration outageWindow, int flakyAfter,
        Duration flakyWindow) {
    public static final int DEFAULT_FLAKY_AFTER = 2;
    public static final Duration DEFAULT_FLAKY_WINDOW = Duration.ofDays(14);

    public WebhooksSection {
        sources = List.copyOf(sources);
        routes = List.copyOf(routes);
        Objects.requireNonNull(outageWindow, "outageWindow");
        Objects.requireNonNull(flakyWindow, "flakyWindow");
    }

    /** A section that learns from reruns with the defaults (2 passes in 14 days). */
    public WebhooksSection(List<Source> sources, List<WebhookRoutes.Rule> routes,
            WebhookRoutes.ChatChannel defaultChannel, int outageThreshold, Duration outageWindow) {
        this(sources, routes, defaultChannel, outageThreshold, outageWindow, DEFAULT_FLAKY_AFTER, DEFAULT_FLAKY_WINDOW);
    }

    /** Whether finished run attempts are credited to the failures triaged on their earlier attempts. */
    public boolean learnsFromReruns() {
        return flakyAfter > 0;
    }

    /** One sender: deliveries go to {@code POST /webhooks/<instance>}. */
    public record Source(String instance, CredentialSource secret) {
        public Source {
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(secret, "secret");
        }
    }

    public WebhookRoutes routing() {
        return new WebhookRoutes(routes, defaultChannel);
    }
}
