package dev.pipelinetriage.adapter.ci;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * A pasted link taken apart strictly, for id extraction only: it is never requested. Refuses what URL parsers
 * disagree about (backslashes, user info, control characters, non-ASCII hosts) and normalises the host
 * (lower case, one trailing dot removed).
 *
 * @param segments raw (still percent-encoded) path segments, empty ones dropped
 * @param query decoded query parameters, first value wins
 */
public record PastedUrl(String scheme, String host, int port, List<String> segments, Map<String, String> query,
        String fragment) {

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final int MAX_LENGTH = 2048;

    public PastedUrl {
        segments = List.copyOf(segments);
        query = Map.copyOf(query);
    }

    /** Parses, or throws {@link LinkRefusal} with a reason for people. */
    public static PastedUrl parse(String pasted) {
        String text = pasted == null ? "" : pasted.strip();
        // Slack wraps links as <url|label> or <url>.
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1);
            int bar = text.indexOf('|');
            if (bar >= 0) {
                text = text.substring(0, bar);
            }
        }
        if (text.isEmpty()) {
            throw new LinkRefusal("the link is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new LinkRefusal("the link is longer than " + MAX_LENGTH + " characters");
        }
        if (text.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
            throw new LinkRefusal("the link contains spaces, control characters or backslashes");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new LinkRefusal("the link is not a well-formed URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new LinkRefusal("only http and https links are accepted");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new LinkRefusal("links with a user name or password before the host (user@host) are refused");
        }
        if (uri.getHost() == null) {
            throw new LinkRefusal("the link has no valid host name");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!host.startsWith("[") && !HOST.matcher(host).matches()) {
            throw new LinkRefusal("the link's host is not a plain DNS name");
        }
        if (!host.equals(IDN.toASCII(host)) || host.contains("xn--")) {
            throw new LinkRefusal("internationalised host names are refused (look-alike risk)");
        }
        int port = uri.getPort() == -1 ? HttpUrl.defaultPort(scheme) : uri.getPort();
        List<String> segments = new ArrayList<>();
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return new PastedUrl(scheme, host, port, segments, parseQuery(uri.getRawQuery()),
                uri.getRawFragment() == null ? "" : uri.getRawFragment());
    }

    /**
     * The path segments below the instance's web URL, when this link is on that exact scheme, host, port and
     * path prefix; empty when the link is for some other instance.
     */
    public Optional<List<String>> below(HttpUrl web) {
        boolean bothDefaultPorts = port == HttpUrl.defaultPort(scheme) && web.port() == HttpUrl.defaultPort(web.scheme());
        if (!host.equals(web.host()) || (port != web.port() && !bothDefaultPorts)) {
            return Optional.empty();
        }
        List<String> prefix = web.pathSegments().stream().filter(s -> !s.isEmpty()).toList();
        if (segments.size() < prefix.size()) {
            return Optional.empty();
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!decode(segments.get(i)).equals(prefix.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(segments.subList(prefix.size(), segments.size()));
    }

    /**
     * Decodes one path segment exactly once, refusing encoded slashes and backslashes (they would change the
     * path the API sees), traversal segments, and encoded control characters.
     */
    public static String decode(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c")) {
            throw new LinkRefusal("the link contains an encoded slash or backslash");
        }
        String decoded = percentDecode(raw);
        if (decoded.equals(".") || decoded.equals("..")) {
            throw new LinkRefusal("the link contains a path traversal segment ('.' or '..')");
        }
        return decoded;
    }

    /** Percent-decodes once, refusing malformed escapes and control characters. */
    public static String percentDecode(String raw) {
        try {
            String decoded = java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            if (decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new LinkRefusal("the link contains encoded control characters");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw new LinkRefusal("the link contains a malformed %-escape");
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            out.putIfAbsent(key, value);
        }
        return out;
    }
}
