package dev.pipelinetriage.adapter.ci;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * The hosts one instance may talk to: its API origin exactly, plus (GitHub only) the log-storage hosts a log
 * download may redirect to. Storage patterns are exact host names or {@code *.suffix}.
 */
public record HostPolicy(HttpUrl api, List<String> logHostPatterns) {

    public HostPolicy {
        Objects.requireNonNull(api, "api");
        logHostPatterns = logHostPatterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        for (String p : logHostPatterns) {
            if (p.isBlank() || p.contains("/") || p.contains(":") || (p.contains("*") && !p.startsWith("*."))
                    || p.indexOf('*', 1) >= 0) {
                throw new IllegalArgumentException("log host pattern must be a host name or *.suffix, got '" + p + "'");
            }
        }
    }

    public boolean isApiOrigin(HttpUrl url) {
        return url.scheme().equals(api.scheme()) && url.host().equals(api.host()) && url.port() == api.port();
    }

    /** Whether a redirect target is an allowed log-storage host; https only, unless the API itself is plain http. */
    public boolean isLogHost(HttpUrl url) {
        if (!url.isHttps() && api.isHttps()) {
            return false;
        }
        String host = url.host();
        for (String p : logHostPatterns) {
            if (p.startsWith("*.") ? host.endsWith(p.substring(1)) && host.length() > p.length() - 1 : host.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** Hosts configured by exact name: the only ones allowed to resolve to private or loopback addresses. */
    public List<String> exactHosts() {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(api.host()),
                        logHostPatterns.stream().filter(p -> !p.startsWith("*.")))
                .toList();
    }
}
