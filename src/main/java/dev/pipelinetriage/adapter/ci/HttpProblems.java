package dev.pipelinetriage.adapter.ci;

import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.engine.normalize.LogPacking;
import dev.pipelinetriage.net.RateLimits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import okhttp3.Response;

/**
 * Turns statuses and I/O failures into {@link CiProblem}s with a specific message each. Messages name the
 * instance, the thing asked for and what to do; they never contain a token, a query string or a signed URL.
 */
public final class HttpProblems {
    private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?\"'<>]*)\\?[^\\s\"'<>]*");
    private static final int MAX_SERVER_TEXT = 200;

    private final String instance;
    private final Clock clock;
    private final Duration defaultRateLimitWait;

    public HttpProblems(String instance, Clock clock, Duration defaultRateLimitWait) {
        this.instance = instance;
        this.clock = clock;
        this.defaultRateLimitWait = defaultRateLimitWait;
    }

    /** The problem a non-2xx response stands for. Reads (a bounded peek of) the body for the server's reason. */
    public CiProblem fromResponse(Response response, Ask ask) {
        int code = response.code();
        if (RateLimits.isRateLimited(response)) {
            Duration wait = RateLimits.waitFor(response, clock.instant()).orElse(defaultRateLimitWait);
            return new CiProblem.RateLimited("CI instance '" + instance + "' is rate limiting the bot (" + code
                    + ") while fetching " + ask.what() + ": retry after " + Math.max(1, wait.toSeconds()) + " s.", wait);
        }
        return switch (code) {
            case 401 -> new CiProblem.Unauthorized("CI instance '" + instance + "' rejected the bot's token (401) while "
                    + "fetching " + ask.what() + ": the token is invalid or expired; replace it where the configuration "
                    + "points.");
            case 403 -> new CiProblem.Forbidden("CI instance '" + instance + "' refused " + ask.what()
                    + " (403): the bot's token lacks " + ask.scope() + serverReason(response, ". "), ask.scope());
            case 404 -> new CiProblem.NotFound(capitalize(ask.what()) + " was not found on CI instance '" + instance
                    + "' (404): check the link, and that the bot's token can see the project.");
            case 410 -> new CiProblem.Expired(capitalize(ask.what()) + " is no longer available on CI instance '"
                    + instance + "' (410): it is past the retention period.");
            default -> code >= 500
                    ? new CiProblem.ServerError("CI instance '" + instance + "' failed with a server error (" + code
                            + ") while fetching " + ask.what() + "; try again later.", code)
                    : new CiProblem.Rejected("CI instance '" + instance + "' rejected the request for " + ask.what()
                            + " (" + code + ")" + serverReason(response, ": "), code);
        };
    }

    /** A 203 with a sign-in page instead of data: what Azure DevOps does with an invalid PAT. */
    public CiProblem signInPage(Ask ask) {
        return new CiProblem.Unauthorized("CI instance '" + instance + "' answered " + ask.what() + " with a sign-in "
                + "page (203): the bot's token is invalid or expired; replace it where the configuration points.");
    }

    /** The problem an I/O failure stands for. */
    public CiProblem fromException(IOException e, Ask ask, String host) {
        if (e instanceof BlockedRequestException || e instanceof GuardedDns.PrivateAddressException) {
            return new CiProblem.Blocked(e.getMessage());
        }
        if (e instanceof UnknownHostException) {
            return new CiProblem.Unreachable("Cannot resolve host '" + host + "' of CI instance '" + instance
                    + "': check the instance's apiUrl and the bot's DNS.");
        }
        // OkHttp reports a call that ran out of time as its own "timeout", with what the interceptor threw as the cause.
        if ((e instanceof ConcurrencyLimitInterceptor.SlotsBusyException ? e : e.getCause())
                instanceof ConcurrencyLimitInterceptor.SlotsBusyException busy) {
            return new CiProblem.TimedOut("The bot's " + busy.slots + " requests to CI instance '" + instance + "' were "
                    + "all still open after " + busy.waited.toSeconds() + " s, so " + ask.what() + " was not asked for; "
                    + "try again in a minute.");
        }
        if (e instanceof InterruptedIOException) {
            return new CiProblem.TimedOut("CI instance '" + instance + "' did not answer in time while fetching "
                    + ask.what() + "; try again later.");
        }
        if (e instanceof SSLException) {
            return new CiProblem.Unreachable("TLS handshake with '" + host + "' (CI instance '" + instance
                    + "') failed: check the certificate and the apiUrl's scheme.");
        }
        if (e instanceof LogPacking.ZipArchiveException) {
            return new CiProblem.Rejected("CI instance '" + instance + "' served " + ask.what() + " as a zip archive, "
                    + "not as text; the bot reads one job's plain log.", 200);
        }
        if (e instanceof ConnectException) {
            return new CiProblem.Unreachable("Cannot connect to '" + host + "' (CI instance '" + instance
                    + "'): connection refused or no route.");
        }
        return new CiProblem.Unreachable("Connection to '" + host + "' (CI instance '" + instance
                + "') failed while fetching " + ask.what() + " (" + e.getClass().getSimpleName() + ").");
    }

    /** Server-provided text cut short and with every URL's query string removed (it may hold a signature). */
    static String sanitize(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        String noQueries = URL_QUERY.matcher(oneLine).replaceAll("$1?…");
        return noQueries.length() <= MAX_SERVER_TEXT ? noQueries : noQueries.substring(0, MAX_SERVER_TEXT) + "…";
    }

    private static String serverReason(Response response, String prefix) {
        try {
            String body = response.peekBody(8192).string();
            String message = extractMessage(body);
            return message.isBlank() ? "." : prefix + sanitize(message) + (prefix.equals(". ") ? "" : ".");
        } catch (IOException e) {
            return ".";
        }
    }

    /** JSON bodies carry the reason in "message" (GitHub, GitLab, Azure); other bodies are skipped. */
    private static String extractMessage(String body) {
        var m = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){0,500})\"").matcher(body);
        return m.find() ? m.group(1).replace("\\\"", "\"") : "";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
