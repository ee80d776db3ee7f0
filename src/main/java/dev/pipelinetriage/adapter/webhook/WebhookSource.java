package dev.pipelinetriage.adapter.webhook;

import dev.pipelinetriage.domain.CiKind;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One configured webhook sender: a CI instance and the secret its deliveries prove themselves with. Deliveries go
 * to {@code POST /webhooks/<instance>}; the instance's type picks the protocol (GitHub's signature, GitLab's token,
 * the generic hook for Jenkins and Azure DevOps).
 *
 * @param web the instance's web URL: a page URL in a payload on another scheme, host or port is refused
 * @param api the instance's API base: an API URL in a payload must be on its origin or the web URL's (github.com's
 *     payloads name {@code https://api.github.com}, which is accepted for it whatever the configured base)
 */
public record WebhookSource(String instance, CiKind kind, URI web, URI api, String secret) {
    private static final Origin GITHUB_COM_API = new Origin("https", "api.github.com", 443);

    public WebhookSource {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(secret, "secret");
        if (Origin.of(web.toString()).isEmpty() || Origin.of(api.toString()).isEmpty()) {
            throw new IllegalArgumentException("instance " + instance + ": web and API URLs must be absolute http(s) URLs");
        }
    }

    /** The instance's web URL without a trailing slash: pages the bot links (a rerun's attempt) are built on it. */
    public String webUrl() {
        return web.toString().replaceAll("/+$", "");
    }

    /** Where the instance's pages are. */
    Origin webOrigin() {
        return Origin.of(web.toString()).orElseThrow();
    }

    /** Where the instance's API may be, as its payloads name it. */
    List<Origin> apiOrigins() {
        Set<Origin> origins = new LinkedHashSet<>();
        origins.add(Origin.of(api.toString()).orElseThrow());
        origins.add(webOrigin());
        if (kind == CiKind.GITHUB && webOrigin().host().equals("github.com")) {
            origins.add(GITHUB_COM_API);
        }
        return List.copyOf(origins);
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "WebhookSource[" + instance + ", " + kind.wireName() + ", " + webOrigin() + "]";
    }
}
