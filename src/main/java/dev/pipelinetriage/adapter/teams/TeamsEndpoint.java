package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.microsoft.bot.schema.Activity;
import dev.pipelinetriage.app.port.TriageMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/messages}: reads a bounded body, checks the connector's token against the activity it came
 * with, and only then hands the activity on. A bad or missing token gets 401 with nothing processed and nothing
 * sent; no signing keys at all gets 503 so the connector retries.
 */
final class TeamsEndpoint extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(TeamsEndpoint.class);
    private static final int MAX_BODY = 256 * 1024;

    private final transient InboundAuth auth;
    private final transient TeamsActivities activities;
    private final transient ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, false);

    private final transient TriageMetrics metrics;

    TeamsEndpoint(InboundAuth auth, TeamsActivities activities, TriageMetrics metrics) {
        this.metrics = metrics;
        this.auth = auth;
        this.activities = activities;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            response.sendError(413);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            response.sendError(413);
            return;
        }
        Activity activity;
        try {
            activity = json.readValue(body, Activity.class);
        } catch (IOException | RuntimeException e) {
            // Unauthenticated garbage: the same answer as a bad token, so nothing is learned from it.
            LOG.info("Teams request refused: body is not an activity");
            metrics.signatureRejected(TeamsActivities.PLATFORM);
            response.setStatus(401);
            return;
        }
        switch (auth.check(request.getHeader("Authorization"), activity.getServiceUrl(), activity.getChannelId())) {
            case InboundAuth.Rejected rejected -> {
                LOG.info("Teams request refused: {}", rejected.reason());
                metrics.signatureRejected(TeamsActivities.PLATFORM);
                response.setStatus(401);
                return;
            }
            case InboundAuth.KeysUnavailable unavailable -> {
                LOG.warn("Teams request refused: no Bot Framework signing keys could be loaded");
                response.setStatus(503);
                return;
            }
            case InboundAuth.Authenticated ok -> {
            }
        }
        metrics.chatEventReceived(TeamsActivities.PLATFORM);
        TeamsActivities.Reply reply;
        try {
            reply = activities.handle(activity);
        } catch (RuntimeException e) {
            LOG.error("Teams activity failed in a handler", e);
            metrics.handlerError(TeamsActivities.PLATFORM);
            response.setStatus(500);
            return;
        }
        switch (reply) {
            case TeamsActivities.Done done -> response.setStatus(200);
            case TeamsActivities.InvokeResponse invoke -> {
                response.setStatus(200);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                json.writeValue(response.getOutputStream(), invoke.body());
            }
        }
    }
}
