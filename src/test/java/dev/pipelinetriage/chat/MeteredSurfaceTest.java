package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.metrics.MicrometerTriageMetrics;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What operators count about chat: posts the platform did not take, and chat tasks that threw. */
class MeteredSurfaceTest {
    private final MicrometerTriageMetrics metrics = new MicrometerTriageMetrics(new MockClock());
    private final Place place = new Place("teams", "tenant", "19:abc@thread.tacv2", null);

    @Test
    void anUndeliveredPostIsCountedUnderItsPlatformAndADeliveredOneIsNot() {
        ChatSurface refusing = new RecordingSurface() {
            @Override
            public Posted tell(Place place, String user, ChatText text) {
                return new Posted.Undelivered("HTTP 403");
            }
        };
        ChatSurface metered = new MeteredSurface(refusing, metrics, "teams");

        metered.post(place, ChatText.of("Looking at run 1..."));
        metered.tell(place, "user", ChatText.of("only for you"));

        assertThat(metrics.scrape()).contains("chat_posts_undelivered_total{platform=\"teams\"} 1.0")
                .contains("chat_posts_undelivered_total{platform=\"slack\"} 0.0");
    }

    @Test
    void theMeteredPlatformKeepsItsWaitBeforeAPlaceholder() {
        ChatSurface metered = new MeteredSurface(new RecordingSurface(Duration.ofSeconds(3)), metrics, "teams");

        assertThat(metered.placeholderAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aChatTaskThatThrowsIsCountedAsAHandlerError() {
        Workers workers = new Workers(1, 10, metrics);

        workers.submit("broken", () -> {
            throw new IllegalStateException("boom");
        });
        workers.shutdown(10);

        assertThat(metrics.scrape()).contains("chat_handler_errors_total{where=\"worker\"} 1.0");
    }
}
