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
 */
public record WebhooksSection(List<Source> sources, List<WebhookRoutes.Rule> routes,
        WebhookRoutes.ChatChannel defaultChannel, int outageThreshold, Duration outageWindow) {

    public WebhooksSection {
        sources = List.copyOf(sources);
        routes = List.copyOf(routes);
        Objects.requireNonNull(outageWindow, "outageWindow");
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
