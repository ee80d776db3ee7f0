package dev.pipelinetriage.adapter.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Scheme, host and port of a URL (an absent port is the scheme's default), as compared; never requested. */
record Origin(String scheme, String host, int port) {

    /** The origin of an absolute http(s) URL with a host and no user info; empty for anything else. */
    static Optional<Origin> of(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return Optional.of(new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port));
    }

    /** e.g. {@code https://ghe.example.com:8443}; the default port is left out. */
    @Override
    public String toString() {
        boolean usual = scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + host.replaceAll("[^a-z0-9.\\-\\[\\]:]", "?") + (usual ? "" : ":" + port);
    }
}
