package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.metrics.MicrometerTriageMetrics;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.InMemoryTriageHistory;
import io.micrometer.core.instrument.MockClock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A CI notifier bot's messages: a quiet card for a failure, nothing else, once per channel and run attempt. */
class NotifierTriageTest {
    private final ChatTestKit kit = new ChatTestKit();
    private final RecordingSurface surface = new RecordingSurface();
    private final Place notice = new Place("slack", "T1", "C_BUILDS", "1358877455.000010");
    private final Actor notifier = new Actor("slack", "T1", "B_CI", false);

    @AfterEach
    void stop() {
        kit.close();
    }

    private Inbound notified(String delivery, String text) {
        return new Inbound(Inbound.Trigger.NOTIFIER, delivery, notice, notifier, text);
    }

    @Test
    void aFailureAnnouncedByANotifierGetsACardInItsThreadWithoutAPlaceholder() {
        var reception = kit.conversation(3, Set.of()).onMessage(notified("Ev1",
                "Workflow run failed: https://ci.example/octo/repo/runs/42"), surface);
        kit.workers.shutdown(30);

        assertThat(reception).isEqualTo(new TriageConversation.Accepted(1));
        assertThat(surface.posts).isEmpty();
        assertThat(surface.cards).singleElement().satisfies(shown -> {
            assertThat(shown.place()).isEqualTo(notice);
            assertThat(shown.replacing()).isNull();
            assertThat(kit.store.card(shown.card().cardId())).isPresent();
        });
    }

    @Test
    void aRunWithoutFailedJobsGetsNoAnswerAtAll() {
        kit.ci.failedJobs();

        kit.conversation(3, Set.of()).onMessage(notified("Ev1", "Run passed: https://ci.example/octo/repo/runs/42"), surface);
        kit.workers.shutdown(30);

        assertThat(surface.posts).isEmpty();
        assertThat(surface.cards).isEmpty();
        assertThat(surface.told).isEmpty();
    }

    @Test
    void aNotifierEditingItsMessageGetsOneCardPerRun() {
        var metrics = new MicrometerTriageMetrics(new MockClock());
        var conversation = kit.conversation(kit.ci, metrics, new InMemoryTriageHistory(), List.of());

        conversation.onMessage(notified("Ev1", "Run failed: https://ci.example/octo/repo/runs/42"), surface);
        conversation.onMessage(notified("Ev2", "Run failed (edited): <https://ci.example/octo/repo/runs/42|run 42>"), surface);
        kit.workers.shutdown(30);

        assertThat(surface.cards).hasSize(1);
        assertThat(metrics.scrape()).contains("chat_events_deduplicated_total 1.0");
    }

    @Test
    void brokenLinksAndOtherPagesInANotifierMessageGetNoHint() {
        var reception = kit.conversation(3, Set.of()).onMessage(notified("Ev1",
                "https://ci.example/octo/repo/runs/4x2 https://ci.example/octo/repo/pulls/3"), surface);
        kit.workers.shutdown(30);

        assertThat(reception).isInstanceOf(TriageConversation.Ignored.class);
        assertThat(surface.posts).isEmpty();
        assertThat(surface.told).isEmpty();
    }

    @Test
    void notifierChannelsAreReadEvenWhenPastedLinksAreLimitedToOtherChannels() {
        kit.conversation(3, Set.of("C_SUPPORT")).onMessage(notified("Ev1", "https://ci.example/octo/repo/runs/42"), surface);
        kit.workers.shutdown(30);

        assertThat(surface.cards).hasSize(1);
    }

    @Test
    void onlyAListedSenderInAListedChannelIsRead() {
        Notifiers notifiers = new Notifiers(Set.of("C_BUILDS"), Set.of("B_CI", "A_JENKINS"));

        assertThat(notifiers.reads("C_BUILDS", List.of("B_OTHER", "A_JENKINS"))).isTrue();
        assertThat(notifiers.reads("C_BUILDS", List.of("B_OTHER"))).isFalse();
        assertThat(notifiers.reads("C_RANDOM", List.of("B_CI"))).isFalse();
        assertThat(Notifiers.off().reads("C_BUILDS", List.of("B_CI"))).isFalse();
    }
}
