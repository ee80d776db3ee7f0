package dev.pipelinetriage.adapter.webhook;

import dev.pipelinetriage.domain.CiKind;
import java.util.Locale;
import java.util.Objects;

/**
 * One configured webhook sender: a CI instance and the secret its deliveries prove themselves with. Deliveries go
 * to {@code POST /webhooks/<instance>}; the instance's type picks the protocol (GitHub's signature, GitLab's token,
 * the generic hook for Jenkins and Azure DevOps).
 *
 * @param webHost the instance's web host: a payload naming another host is refused
 */
public record WebhookSource(String instance, CiKind kind, String webHost, String secret) {
    public WebhookSource {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(webHost, "webHost");
        Objects.requireNonNull(secret, "secret");
        webHost = webHost.toLowerCase(Locale.ROOT);
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "WebhookSource[" + instance + ", " + kind.wireName() + ", " + webHost + "]";
    }
}
