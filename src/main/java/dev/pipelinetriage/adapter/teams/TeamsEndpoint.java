package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.schema.Activity;
import dev.pipelinetriage.app.port.TriageMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/messages}. Every request is judged in one order, and nothing a body holds can earn a 5xx (which
 * the connector would retry):
 * <ol>
 *   <li>413: a body over {@value #MAX_BODY} bytes;
 *   <li>401: no token, or one that is not a Bot Framework token for this bot -- before the body is even parsed, so
 *       an unauthenticated caller learns nothing about how it is read;
 *   <li>400: a body that is not one activity object ({@link InboundActivity#read});
 *   <li>401: a token not issued for this activity (its channel and {@code serviceUrl});
 *   <li>400: an activity without what it must carry ({@link InboundActivity#incomplete});
 *   <li>200: handled, or ignored on purpose (logged).
 * </ol>
 * Nothing is processed and nothing is sent before step 6. Two 5xx remain, neither about the body: 503 when no
 * signing key could be loaded, and 500 when a handler fails for a reason of ours (the store is down), so that
 * the connector tries again later.
 */
final class TeamsEndpoint extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(TeamsEndpoint.class);
    private static final int MAX_BODY = 256 * 1024;

    private final transient InboundAuth auth;
    private final transient InboundActivity inbound = new InboundActivity();
    private final transient TeamsActivities activities;
    private final transient ObjectMapper json = new ObjectMapper();
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
        InboundAuth.Token token;
        switch (auth.token(request.getHeader("Authorization"))) {
            case InboundAuth.Token verified -> token = verified;
            case InboundAuth.Rejected rejected -> {
                refuse(response, rejected);
                return;
            }
            case InboundAuth.KeysUnavailable unavailable -> {
                unavailable(response);
                return;
            }
        }
        Activity activity;
        switch (inbound.read(body)) {
            case InboundActivity.Parsed parsed -> activity = parsed.activity();
            case InboundActivity.Malformed malformed -> {
                malformed(response, malformed);
                return;
            }
        }
        switch (auth.bind(token, activity.getServiceUrl(), activity.getChannelId())) {
            case InboundAuth.Authenticated ok -> {
            }
            case InboundAuth.Rejected rejected -> {
                refuse(response, rejected);
                return;
            }
        }
        metrics.chatEventReceived(ActivityFields.PLATFORM);
        Optional<InboundActivity.Malformed> incomplete = inbound.incomplete(activity);
        if (incomplete.isPresent()) {
            malformed(response, incomplete.get());
            return;
        }
        ActivityReply reply;
        try {
            reply = activities.handle(activity);
        } catch (RuntimeException e) {
            LOG.error("Teams activity failed in a handler", e);
            metrics.handlerError(ActivityFields.PLATFORM);
            response.setStatus(500);
            return;
        }
        switch (reply) {
            case ActivityReply.Done done -> response.setStatus(200);
            case ActivityReply.Ignored ignored -> {
                LOG.info("Teams activity ignored, the bot has no use for {}", ignored.what());
                response.setStatus(200);
            }
            case ActivityReply.InvokeResponse invoke -> {
                response.setStatus(200);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                json.writeValue(response.getOutputStream(), invoke.body());
            }
        }
    }

    private void refuse(HttpServletResponse response, InboundAuth.Rejected rejected) {
        LOG.info("Teams request refused: {}", rejected.reason());
        metrics.signatureRejected(ActivityFields.PLATFORM);
        response.setStatus(401);
    }

    private static void unavailable(HttpServletResponse response) {
        LOG.warn("Teams request refused: no Bot Framework signing keys could be loaded");
        response.setStatus(503);
    }

    private static void malformed(HttpServletResponse response, InboundActivity.Malformed malformed) {
        LOG.info("Teams request refused as malformed: {}", malformed.reason());
        response.setStatus(400);
    }
}
