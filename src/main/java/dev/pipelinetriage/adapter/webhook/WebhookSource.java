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
 * @param webUrl the instance's configured web URL, without a trailing slash: pages the bot links are built on it
 */
public record WebhookSource(String instance, CiKind kind, String webHost, String secret, String webUrl) {
    public WebhookSource {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(webHost, "webHost");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(webUrl, "webUrl");
        webHost = webHost.toLowerCase(Locale.ROOT);
        webUrl = webUrl.replaceAll("/+$", "");
    }

    /** A source on {@code https://<webHost>}. */
    public WebhookSource(String instance, CiKind kind, String webHost, String secret) {
        this(instance, kind, webHost, secret, "https://" + webHost);
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "WebhookSource[" + instance + ", " + kind.wireName() + ", " + webHost + "]";
    }
}
