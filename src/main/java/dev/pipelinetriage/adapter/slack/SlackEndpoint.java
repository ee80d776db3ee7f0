package dev.pipelinetriage.adapter.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import dev.pipelinetriage.app.port.TriageMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events} for events, commands and interactivity. The raw body is read once, under a size
 * cap, and its signature checked before Bolt sees anything: a request that fails gets 401 and changes nothing. A
 * signed body is then checked against the shape of its kind ({@link SlackInbound}): one that breaks it gets 400 with
 * the reason.
 */
final class SlackEndpoint extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(SlackEndpoint.class);

    private final transient App app;
    private final transient SlackSignature signature;
    private final transient BoltServletBridge bridge;
    private final int maxBodyBytes;
    private final transient TriageMetrics metrics;
    private final transient SlackInbound inbound = new SlackInbound();

    SlackEndpoint(App app, AppConfig config, SlackSignature signature, int maxBodyBytes, TriageMetrics metrics) {
        this.metrics = metrics;
        this.app = app;
        this.signature = signature;
        this.bridge = new BoltServletBridge(config);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            refuse(response, 413, "request too large");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            refuse(response, 413, "request too large");
            return;
        }
        if (!signature.verify(request.getHeader("X-Slack-Request-Timestamp"), request.getHeader("X-Slack-Signature"), body)) {
            LOG.info("refused a request without a valid, fresh Slack signature");
            metrics.signatureRejected(SlackHandlers.PLATFORM);
            refuse(response, 401, "invalid request");
            return;
        }
        metrics.chatEventReceived(SlackHandlers.PLATFORM);
        String text;
        switch (inbound.read(request.getContentType(), body)) {
            case SlackInbound.Readable readable -> text = readable.text();
            case SlackInbound.Malformed malformed -> {
                // Signed but unusable: the sender's fault, and repeating it will not help, so 400 rather than a 500
                // that invites retries.
                LOG.info("refused a signed Slack request: {}", malformed.reason());
                malformed(response, malformed.reason());
                return;
            }
        }
        Request<?> parsed;
        try {
            parsed = bridge.toBoltRequest(request, text);
        } catch (RuntimeException e) {
            // What the shape checks let through but Bolt could not read. Only the kind of error is logged.
            LOG.info("refused a signed Slack request whose body could not be read: {}", e.getClass().getSimpleName());
            malformed(response, "Bolt could not read the body");
            return;
        }
        if (parsed == null) {
            malformed(response, "Bolt could not read the body");
            return;
        }
        Response answer;
        try {
            answer = app.run(parsed);
        } catch (Exception e) {
            LOG.error("Slack request failed in a handler", e);
            metrics.handlerError(SlackHandlers.PLATFORM);
            refuse(response, 500, "internal error");
            return;
        }
        BoltServletBridge.write(response, answer);
    }

    private static void refuse(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + error + "\"}");
    }

    /** 400 with the rule the body breaks; reasons name fields, never the body's content. */
    private static void malformed(HttpServletResponse response, String reason) throws IOException {
        response.setStatus(400);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JsonNodeFactory.instance.objectNode().put("error", "malformed request")
                .put("reason", reason).toString());
    }
}
