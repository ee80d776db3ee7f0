package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.webhook.CiWebhooks;
import dev.pipelinetriage.adapter.webhook.WebhookSource;
import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.OutageGrouping;
import dev.pipelinetriage.app.RerunFlakiness;
import dev.pipelinetriage.app.RerunOutcomeService;
import dev.pipelinetriage.app.port.RerunOutcomes;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.OutageStore;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.app.port.WebhookMetrics;
import dev.pipelinetriage.boot.config.CiConfig;
import dev.pipelinetriage.boot.config.CiInstanceConfig;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.WebhooksSection;
import dev.pipelinetriage.chat.AcknowledgedWork;
import dev.pipelinetriage.chat.CardBuilder;
import dev.pipelinetriage.chat.CardCodec;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.CardPublisher;
import dev.pipelinetriage.chat.FailureNotices;
import dev.pipelinetriage.chat.RerunOutcomeCards;
import dev.pipelinetriage.chat.Workers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The CI webhook receiver of {@code serve}: its secrets, routing, de-duplication, outage grouping, and what reruns
 * teach (finished attempts update cards and count for their failures' signatures).
 */
final class WebhookWiring {
    /**
     * GitHub lets people redeliver deliveries of the past 3 days, and a run attempt is one failure for good: ids are
     * remembered for longer than any redelivery.
     */
    static final Duration DEDUP_FOR = Duration.ofDays(8);

    private WebhookWiring() {
    }

    /** Reads every source's secret now, so a missing one stops start-up naming its key. */
    static List<WebhookSource> sources(WebhooksSection section, CiConfig ci, Map<String, String> env) {
        List<WebhookSource> sources = new ArrayList<>();
        for (int i = 0; i < section.sources().size(); i++) {
            WebhooksSection.Source source = section.sources().get(i);
            CiInstanceConfig instance = ci.instances().stream().filter(c -> c.name().equals(source.instance())).findFirst()
                    .orElseThrow(() -> new ConfigException("webhooks.sources", "unknown instance " + source.instance()));
            String secret = source.secret().read("webhooks.sources[" + i + "].secret", env);
            sources.add(new WebhookSource(instance.name(), instance.type(), instance.webUrl(), instance.apiUrl(), secret));
        }
        return sources;
    }

    static CiWebhooks receiver(WebhooksSection section, List<WebhookSource> sources, LinkTriage triage,
            FailedJobLogs logs, String runbooks, boolean proposals, CardCodec codec, StateStore state, OutageStore outages,
            AcknowledgedWork work, Workers workers, Clock clock, Map<String, ChatSurface> surfaces, AuditLog audit,
            WebhookMetrics metrics, TriageMetrics posting) {
        FailureNotices notices = new FailureNotices(triage, new CardBuilder(runbooks, proposals),
                new CardPublisher(state, state, codec, clock, posting), work, workers, clock,
                DEDUP_FOR, surfaces, section.routing(),
                new OutageGrouping(outages, section.outageThreshold(), section.outageWindow()), audit, metrics);
        work.handle(FailureNotices.KIND, notices::resume);
        Optional<RerunOutcomeCards> reruns = section.learnsFromReruns()
                ? Optional.of(new RerunOutcomeCards(new RerunOutcomeService(state, clock), state, codec, surfaces, workers,
                        metrics))
                : Optional.empty();
        return new CiWebhooks(sources, notices, logs::route, metrics, reruns);
    }

    /** Judges each report again with its signature's passes on rerun, when the section learns from reruns. */
    static UnaryOperator<TriageReport> rerunHistory(Optional<WebhooksSection> section, RerunOutcomes outcomes,
            Clock clock) {
        return section.filter(WebhooksSection::learnsFromReruns)
                .<UnaryOperator<TriageReport>>map(s -> new RerunFlakiness(outcomes, s.flakyAfter(), s.flakyWindow(), clock))
                .orElse(RerunFlakiness.none());
    }
}
