package dev.pipelinetriage.adapter.webhook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.port.WebhookMetrics;
import dev.pipelinetriage.chat.FailureNotices;
import dev.pipelinetriage.chat.RerunOutcomeCards;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/<instance>}: reads the raw body (capped), checks the sender's proof before parsing
 * anything, reads the payload with the instance's protocol and hands a failure to {@link FailureNotices}, which
 * answers without waiting for the triage; a run attempt that passed goes to {@link RerunOutcomeCards}. Answers:
 * 202 accepted or ignored, 200 for GitHub's ping, 401 without a valid proof, 404 for an unknown hook, 400/422 for
 * an authentic but unusable payload, 413 for a body over the cap, 503 with Retry-After when the bot is too busy.
 */
final class WebhookEndpoint extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);
    /** GitHub caps payloads at 25 MB, but the events the bot reads are a few tens of KB. */
    static final int MAX_BODY = 2 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Map<String, WebhookSource> sources;
    private final transient FailureNotices notices;
    private final transient Function<String, FailedJobLogs.Routed> links;
    private final transient WebhookMetrics metrics;
    private final transient Optional<RerunOutcomeCards> reruns;

    WebhookEndpoint(Map<String, WebhookSource> sources, FailureNotices notices,
            Function<String, FailedJobLogs.Routed> links, WebhookMetrics metrics, Optional<RerunOutcomeCards> reruns) {
        this.reruns = reruns;
        this.sources = Map.copyOf(sources);
        this.notices = notices;
        this.links = links;
        this.metrics = metrics;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        WebhookSource source = sources.get(name);
        if (source == null) {
            answer(response, 404, "error", "no webhook is configured at this path");
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            metrics.delivery(source.instance(), "rejected");
            answer(response, 413, "error", "body larger than " + MAX_BODY + " bytes");
            return;
        }
        if (!authentic(source, request, body)) {
            metrics.delivery(source.instance(), "unauthorized");
            LOG.warn("webhook delivery for {} refused: missing or invalid proof", source.instance());
            answer(response, 401, "error", "missing or invalid " + proofName(source));
            return;
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (JacksonException e) {
            metrics.delivery(source.instance(), "rejected");
            answer(response, 400, "error", "the body is not JSON");
            return;
        }
        if (payload == null || !payload.isObject()) {
            metrics.delivery(source.instance(), "rejected");
            answer(response, 400, "error", "the body is not a JSON object");
            return;
        }
        Delivery delivery = switch (source.kind()) {
            case GITHUB -> GitHubDeliveries.read(source, request::getHeader, payload);
            case GITLAB -> GitLabDeliveries.read(source, request::getHeader, payload);
            case JENKINS, AZURE -> GenericDeliveries.read(source, request::getHeader, payload, links);
        };
        switch (delivery) {
            case Delivery.Pong p -> answer(response, 200, "status", "pong");
            case Delivery.Ignored ignored -> {
                metrics.delivery(source.instance(), "ignored");
                answer(response, 202, "ignored", ignored.reason());
            }
            case Delivery.Refused refused -> {
                metrics.delivery(source.instance(), "rejected");
                LOG.warn("webhook delivery for {} refused: {}", source.instance(), refused.reason());
                answer(response, refused.status(), "error", refused.reason());
            }
            case Delivery.Failure failure -> {
                if (failure.finished() != null) {
                    reruns.ifPresent(r -> r.receive(failure.finished()));
                }
                receive(source, failure, response);
            }
            case Delivery.Finished finished -> finished(source, finished, response);
        }
    }

    private void finished(WebhookSource source, Delivery.Finished finished, HttpServletResponse response)
            throws IOException {
        if (reruns.isEmpty()) {
            metrics.delivery(source.instance(), "ignored");
            answer(response, 202, "ignored", "a run that passed is not used: rerun outcomes are off");
        } else if (reruns.get().receive(finished.finished())) {
            metrics.delivery(source.instance(), "accepted");
            answer(response, 202, "status", "queued as a rerun outcome");
        } else {
            metrics.delivery(source.instance(), "busy");
            response.setHeader("Retry-After", "60");
            answer(response, 503, "error", "busy; deliver again later");
        }
    }

    private void receive(WebhookSource source, Delivery.Failure failure, HttpServletResponse response) throws IOException {
        switch (notices.receive(failure.event())) {
            case FailureNotices.Accepted a -> {
                metrics.delivery(source.instance(), "accepted");
                answer(response, 202, "status", "queued for triage");
            }
            case FailureNotices.Duplicate d -> {
                metrics.delivery(source.instance(), "duplicate");
                answer(response, 202, "ignored", "a redelivery: " + d.reason());
            }
            case FailureNotices.Unrouted u -> {
                metrics.delivery(source.instance(), "unrouted");
                answer(response, 202, "ignored", u.reason());
            }
            case FailureNotices.Busy b -> {
                metrics.delivery(source.instance(), "busy");
                response.setHeader("Retry-After", "60");
                answer(response, 503, "error", "busy; deliver again later");
            }
        }
    }

    private static boolean authentic(WebhookSource source, HttpServletRequest request, byte[] body) {
        return switch (source.kind()) {
            case GITHUB -> HookAuth.signatureMatches(source.secret(), body, request.getHeader("X-Hub-Signature-256"));
            case GITLAB -> HookAuth.tokenMatches(source.secret(), request.getHeader("X-Gitlab-Token"));
            case JENKINS, AZURE -> request.getHeader("X-Triage-Signature-256") != null
                    ? HookAuth.signatureMatches(source.secret(), body, request.getHeader("X-Triage-Signature-256"))
                    : HookAuth.authorizationMatches(source.secret(), request.getHeader("Authorization"));
        };
    }

    private static String proofName(WebhookSource source) {
        return switch (source.kind()) {
            case GITHUB -> "X-Hub-Signature-256";
            case GITLAB -> "X-Gitlab-Token";
            case JENKINS, AZURE -> "X-Triage-Signature-256 or Authorization";
        };
    }

    /** The whole body, or null when it is larger than {@link #MAX_BODY}. */
    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void answer(HttpServletResponse response, int status, String key, String text) throws IOException {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put(key, text);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }
}
