package dev.pipelinetriage.adapter.webhook;

import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.port.WebhookMetrics;
import dev.pipelinetriage.chat.FailureNotices;
import dev.pipelinetriage.chat.RerunOutcomeCards;
import jakarta.servlet.http.HttpServlet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The CI webhook receiver: one servlet for {@code /webhooks/*}, one path per configured source. */
public final class CiWebhooks {
    /** Where the servlet is mounted. */
    public static final String PATH = "/webhooks/*";

    private final WebhookEndpoint endpoint;

    /**
     * @param links parses a run URL given to the generic hook with the configured instances' link rules
     */
    public CiWebhooks(List<WebhookSource> sources, FailureNotices notices, Function<String, FailedJobLogs.Routed> links,
            WebhookMetrics metrics) {
        this(sources, notices, links, metrics, Optional.empty());
    }

    /** @param reruns where finished run attempts go, when rerun outcomes are learned */
    public CiWebhooks(List<WebhookSource> sources, FailureNotices notices, Function<String, FailedJobLogs.Routed> links,
            WebhookMetrics metrics, Optional<RerunOutcomeCards> reruns) {
        Map<String, WebhookSource> byInstance = new LinkedHashMap<>();
        for (WebhookSource source : sources) {
            if (byInstance.put(source.instance(), source) != null) {
                throw new IllegalArgumentException("two webhook sources for instance " + source.instance());
            }
        }
        this.endpoint = new WebhookEndpoint(byInstance, notices, links, metrics, reruns);
    }

    public HttpServlet servlet() {
        return endpoint;
    }
}
