package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.metrics.MicrometerTriageMetrics;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.InMemoryTriageHistory;
import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.app.port.RerunResult;
import dev.pipelinetriage.app.port.ResolveResult;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.Verdict;
import io.micrometer.core.instrument.MockClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** What a triage leaves behind for operators: metrics with their labels, history, one request id throughout. */
class TriageObservabilityTest {
    private final ChatTestKit kit = new ChatTestKit();
    private final MicrometerTriageMetrics metrics = new MicrometerTriageMetrics(new MockClock());
    private final InMemoryTriageHistory history = new InMemoryTriageHistory();
    private final Place thread = new Place("slack", "T1", "C1", "1700000000.000100");
    private final Actor dev = new Actor("slack", "T1", "U_DEV", false);

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void aTriageLeavesStageTimingsVerdictAndKnowledgeBaseCountsInTheScrape() {
        kit.ci.log("src/main.rs:3:5: error[E0308]: mismatched types", "error: could not compile `app` due to 1 previous error");
        metrics.queueDepth(kit.workers::pending);
        var conversation = kit.conversation(kit.ci, metrics, history, List.of());

        conversation.onMessage(new Inbound(Inbound.Trigger.MESSAGE, "Ev1", thread, dev,
                "https://ci.example/octo/repo/runs/42"), new RecordingSurface());
        conversation.onMessage(new Inbound(Inbound.Trigger.MESSAGE, "Ev1", thread, dev,
                "https://ci.example/octo/repo/runs/42"), new RecordingSurface());
        kit.workers.shutdown(30);

        String scrape = metrics.scrape();
        assertThat(scrape)
                .contains("triage_stage_seconds_count{stage=\"fetch\"} 1")
                .contains("triage_stage_seconds_count{stage=\"analyze\"} 1")
                .contains("triage_stage_seconds_count{stage=\"post\"} 1")
                .contains("triage_verdicts_total{verdict=\"code\"} 1.0")
                .contains("triage_verdicts_total{verdict=\"platform\"} 0.0")
                .contains("chat_events_deduplicated_total 1.0")
                .contains("executor_queue_depth 0.0")
                .containsPattern("triage_knowledge_base_total\\{result=\"(un)?matched\"} 1.0")
                .containsPattern("triage_knowledge_base_hit_ratio (0|1)\\.0");
        assertThat(history.since(ChatTestKit.NOW.minusSeconds(1))).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.CODE);
            assertThat(r.project()).isEqualTo("octo/repo");
            assertThat(r.signature()).matches("(ke|fp)-.+");
        });
    }

    @Test
    void aProviderProblemIsCountedByProviderAndKind() {
        var conversation = kit.conversation(new Answering(kit.ci, new dev.pipelinetriage.app.port.CiProblem.RateLimited(
                "slow down", java.time.Duration.ofSeconds(30))), metrics, history, List.of());

        conversation.onMessage(new Inbound(Inbound.Trigger.MESSAGE, "Ev2", thread, dev,
                "https://ci.example/octo/repo/runs/43"), new RecordingSurface());
        kit.workers.shutdown(30);

        assertThat(metrics.scrape()).contains("ci_provider_errors_total{kind=\"rate_limited\",provider=\"fake\"} 1.0");
    }

    @Test
    void oneRequestIdFollowsAnEventThroughFetchAnalysisAndPost() {
        Map<String, String> seen = new ConcurrentHashMap<>();
        CiProvider watching = new Answering(kit.ci, null) {
            @Override
            public FetchResult fetchLog(Job job, long maxBytes) {
                seen.put("fetch", String.valueOf(MDC.get(TriageConversation.REQUEST_ID)));
                return super.fetchLog(job, maxBytes);
            }
        };
        RecordingSurface surface = new RecordingSurface() {
            @Override
            public Posted showCard(Place place, String replacing, CardView card) {
                seen.put("post", String.valueOf(MDC.get(TriageConversation.REQUEST_ID)));
                return super.showCard(place, replacing, card);
            }
        };

        kit.conversation(watching, metrics, history, List.of()).onMessage(new Inbound(Inbound.Trigger.MESSAGE,
                "Ev3", thread, dev, "https://ci.example/octo/repo/runs/44"), surface);
        kit.workers.shutdown(30);

        assertThat(seen).containsOnly(Map.entry("fetch", "Ev3"), Map.entry("post", "Ev3"));
    }

    /** The fake CI, answering {@code problem} to every resolve when one is given. */
    private static class Answering implements CiProvider {
        private final FakeCiProvider delegate;
        private final dev.pipelinetriage.app.port.CiProblem problem;

        Answering(FakeCiProvider delegate, dev.pipelinetriage.app.port.CiProblem problem) {
            this.delegate = delegate;
            this.problem = problem;
        }

        @Override
        public String instance() {
            return delegate.instance();
        }

        @Override
        public CiKind kind() {
            return delegate.kind();
        }

        @Override
        public LinkResult parseLink(String pasted) {
            return delegate.parseLink(pasted);
        }

        @Override
        public ResolveResult resolve(CiLink link) {
            return problem != null ? problem : delegate.resolve(link);
        }

        @Override
        public FetchResult fetchLog(Job job, long maxBytes) {
            return delegate.fetchLog(job, maxBytes);
        }

        @Override
        public dev.pipelinetriage.app.port.GreenRunResult lastGreen(dev.pipelinetriage.domain.Run failing, Job job) {
            return delegate.lastGreen(failing, job);
        }

        @Override
        public RerunResult rerun(RerunRequest request) {
            return delegate.rerun(request);
        }
    }
}
