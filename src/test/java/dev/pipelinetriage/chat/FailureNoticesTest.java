package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.FailedRunEvent;
import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.OutageGrouping;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.app.WebhookRoutes;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.app.port.InMemoryOutageStore;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.OutageStore;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.app.port.WebhookMetrics;
import dev.pipelinetriage.adapter.metrics.MicrometerTriageMetrics;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.testing.Await;
import io.micrometer.core.instrument.MockClock;
import dev.pipelinetriage.domain.CiLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failure notices over in-memory ports: what happens around the triage when parts of the bot cannot help. */
class FailureNoticesTest {
    private static final TriageService TRIAGE = Bootstrap.triageService(
            ((KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.empty())).knownErrors());
    private static final WebhookRoutes.ChatChannel SLACK = new WebhookRoutes.ChatChannel("slack", "", "C0PLATFORM");
    private static final String REGISTRY_503 = "curl: (22) The requested URL returned error: 503";

    private final ChatTestKit kit = new ChatTestKit();
    private final RecordingSurface surface = new RecordingSurface();

    @AfterEach
    void close() {
        kit.close();
    }

    private FailureNotices notices(Workers workers, OutageStore outages, WebhookRoutes.ChatChannel channel) {
        return notices(workers, outages, channel, TriageMetrics.none());
    }

    private FailureNotices notices(Workers workers, OutageStore outages, WebhookRoutes.ChatChannel channel,
            TriageMetrics posting) {
        return new FailureNotices(new LinkTriage(kit.logs, TRIAGE, 30), new CardBuilder(null),
                new CardPublisher(kit.store, kit.store, kit.codec, kit.clock, posting),
                new AcknowledgedWork(kit.pending, "test-instance", kit.clock, Duration.ofSeconds(60), workers), workers,
                kit.clock, Duration.ofDays(8), Map.of("slack", surface),
                new WebhookRoutes(List.of(), channel), new OutageGrouping(outages, 2, Duration.ofMinutes(10)), kit.audit,
                WebhookMetrics.none());
    }

    private static FailedRunEvent failed(String runId) {
        return new FailedRunEvent("fake", "delivery-" + runId, CiLink.toRun(FakeCiProvider.run(runId, 1)), "main", null);
    }

    @Test
    void aWebhookCardIsTimedAsThePostStageAndKeptSoItsButtonsWork() {
        kit.ci.log("Downloading tool", REGISTRY_503, "Process completed with exit code 22.");
        var metrics = new MicrometerTriageMetrics(new MockClock());

        notices(kit.workers, new InMemoryOutageStore(), SLACK, metrics).receive(failed("5"));
        kit.workers.shutdown(30);

        assertThat(metrics.scrape()).contains("triage_stage_seconds_count{stage=\"post\"} 1");
        assertThat(surface.cards).singleElement().satisfies(shown ->
                assertThat(kit.store.card(shown.card().cardId())).isPresent());
    }

    @Test
    void whenTheStoreCannotCountTheOutageEveryJobStillGetsItsCard() {
        kit.ci.log("Downloading tool", REGISTRY_503, "Process completed with exit code 22.");
        OutageStore broken = new InMemoryOutageStore() {
            @Override
            public synchronized boolean recordHit(String channel, String signatureKey, String jobKey, Instant at) {
                throw new IllegalStateException("database unavailable");
            }
        };
        FailureNotices notices = notices(kit.workers, broken, SLACK);

        for (int i = 1; i <= 3; i++) {
            assertThat(notices.receive(failed(Integer.toString(i)))).isInstanceOf(FailureNotices.Accepted.class);
        }
        kit.workers.shutdown(30);

        assertThat(surface.cards).hasSize(3).allSatisfy(shown -> assertThat(shown.card().jobs()).hasSize(1));
    }

    @Test
    void aRouteToAChatPlatformThatIsNotConfiguredIsDroppedAndAudited() {
        var teams = new WebhookRoutes.ChatChannel("teams", "72f988bf-86f1-41af-91ab-2d7cd011db47", "19:abc@thread.tacv2");

        var reception = notices(kit.workers, new InMemoryOutageStore(), teams).receive(failed("7"));

        assertThat(reception).isInstanceOf(FailureNotices.Unrouted.class);
        assertThat(((FailureNotices.Unrouted) reception).reason()).contains("teams, which is not configured");
        assertThat(kit.audit.latest(5)).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo("dropped");
            assertThat(entry.channel()).isEqualTo(teams.key());
        });
        assertThat(surface.cards).isEmpty();
    }

    @Test
    void aDeliveryRefusedAsBusyIsNotMarkedSeenSoTheProvidersRetryIsTriaged() throws Exception {
        Workers one = new Workers(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        one.submit("occupying the only slot", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        FailureNotices notices = notices(one, new InMemoryOutageStore(), SLACK);

        assertThat(notices.receive(failed("8"))).isInstanceOf(FailureNotices.Busy.class);
        release.countDown();
        // The slot frees once the occupying task has ended, a moment after the release; the provider retries.
        FailureNotices.Reception retry = Await.value("the retried delivery to be accepted",
                () -> notices.receive(failed("8")), reception -> reception instanceof FailureNotices.Accepted);
        one.shutdown(30);

        assertThat(retry).isInstanceOf(FailureNotices.Accepted.class);
        assertThat(surface.cards).hasSize(1);
    }
}
