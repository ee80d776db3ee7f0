package dev.pipelinetriage.adapter.slack;

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
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events} for events, commands and interactivity. The raw body is read once, under a size
 * cap, and its signature checked before Bolt sees anything: a request that fails gets 401 and changes nothing.
 */
final class SlackEndpoint extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(SlackEndpoint.class);

    private final transient App app;
    private final transient SlackSignature signature;
    private final transient BoltServletBridge bridge;
    private final int maxBodyBytes;
    private final transient TriageMetrics metrics;

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
        Request<?> parsed;
        try {
            parsed = bridge.toBoltRequest(request, new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // Signed but unreadable (truncated JSON, a payload that is not JSON): the sender's fault, and repeating it
            // will not help, so 400 rather than a 500 that invites retries. Only the kind of error is logged.
            LOG.info("refused a signed Slack request whose body could not be read: {}", e.getClass().getSimpleName());
            refuse(response, 400, "malformed request");
            return;
        }
        if (parsed == null) {
            refuse(response, 400, "malformed request");
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
}
