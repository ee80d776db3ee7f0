package dev.pipelinetriage.boot;

import java.io.IOException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One GET to a configured service for {@code config check --reach}. With the service's credentials, an answer
 * proves more than the network path: 401 or 403 means the service is there but refuses the token, which is a
 * problem, not "reachable". Without credentials any HTTP answer only shows the network path works.
 *
 * @param headers the credential headers the bot itself would send; empty for an anonymous probe
 * @param slackApi Slack's Web API answers 200 with {@code "ok": false} for a bad token
 */
record ReachProbe(String name, String url, Map<String, String> headers, boolean slackApi) {
    ReachProbe {
        headers = Map.copyOf(headers);
    }

    static ReachProbe anonymous(String name, String url) {
        return new ReachProbe(name, url, Map.of(), false);
    }

    /** What the probe found, in words fit for the terminal: never a credential, never a response body. */
    sealed interface Answer {
        String text();
    }

    record Fine(String text) implements Answer {
    }

    record Refused(String text) implements Answer {
    }

    record Unreachable(String text) implements Answer {
    }

    Answer send(OkHttpClient client) {
        Request.Builder request;
        try {
            request = new Request.Builder().url(url).get();
        } catch (IllegalArgumentException e) {
            return new Unreachable("unreachable (not an http(s) URL)");
        }
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            return interpret(response.code(), slackApi ? slackError(response.body()) : null);
        } catch (SSLHandshakeException e) {
            return new Unreachable("unreachable (TLS handshake failed: " + tlsReason(e) + ")");
        } catch (IOException e) {
            return new Unreachable("unreachable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Answer interpret(int status, String slackError) {
        if (headers.isEmpty()) {
            return new Fine("reachable (HTTP " + status + ", no credentials sent)");
        }
        if (status == 401 || status == 203) { // Azure DevOps answers a bad PAT with a 203 sign-in page
            return new Refused("reachable, but the credentials were rejected (HTTP " + status + "): check the token");
        }
        if (status == 403) {
            return new Refused("reachable, but the credentials were refused (HTTP 403): the token lacks a permission "
                    + "or is blocked");
        }
        if (slackError != null) {
            return new Refused("reachable, but Slack refused the token (" + slackError + ")");
        }
        if (status >= 400) {
            return new Refused("reachable, but it answered HTTP " + status + (status == 404 ? ": is the URL right?" : ""));
        }
        return new Fine("reachable, credentials accepted (HTTP " + status + ")");
    }

    /** Slack's error code from {@code {"ok":false,"error":"invalid_auth"}}, or null when ok. */
    private static String slackError(ResponseBody body) throws IOException {
        String text = body.string(); // auth.test answers are a few hundred bytes
        if (!text.replace(" ", "").contains("\"ok\":false")) {
            return null;
        }
        java.util.regex.Matcher error = java.util.regex.Pattern.compile("\"error\"\\s*:\\s*\"([a-z_]{1,60})\"").matcher(text);
        return error.find() ? error.group(1) : "ok: false";
    }

    private static String tlsReason(SSLHandshakeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("PKIX") || message.contains("certification path")) {
            return "the server's certificate is not trusted; put the CA that signed it in " + CaBundle.ENV_VAR;
        }
        if (message.contains("No subject alternative") || message.contains("hostname")) {
            return "the certificate is not for this host name";
        }
        return e.getClass().getSimpleName();
    }
}
