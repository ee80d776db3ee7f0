package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalMemoryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final RefusalMemory memory = new RefusalMemory(clock);
    private final Place channel = new Place("slack", "T1", "C1", null);

    @Test
    void aPosterIsToldAboutALinkOnceADayInAnyChannel() {
        assertThat(memory.firstTime(channel, "U1", List.of("https://a.example/run/1"))).isTrue();
        assertThat(memory.firstTime(new Place("slack", "T1", "C2", null), "U1", List.of("https://a.example/run/1"))).isFalse();
        assertThat(memory.firstTime(channel, "U2", List.of("https://a.example/run/1"))).as("another poster").isTrue();

        clock.advance(RefusalMemory.REMEMBER);

        assertThat(memory.firstTime(channel, "U1", List.of("https://a.example/run/1"))).as("a day later").isTrue();
    }

    @Test
    void aMessageWithOneNewLinkAmongKnownOnesIsANewAnswer() {
        memory.firstTime(channel, "U1", List.of("https://a.example/run/1"));

        assertThat(memory.firstTime(channel, "U1", List.of("https://a.example/run/1", "https://a.example/run/2"))).isTrue();
        assertThat(memory.firstTime(channel, "U1", List.of("https://a.example/run/2"))).isFalse();
    }

    @Test
    void theOldestPairsAreForgottenFirstWhenTheMemoryIsFull() {
        for (int i = 0; i <= RefusalMemory.MAX_REMEMBERED; i++) {
            memory.firstTime(channel, "U1", List.of("https://a.example/run/" + i));
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(memory.firstTime(channel, "U1", List.of("https://a.example/run/0"))).as("forgotten").isTrue();
        assertThat(memory.firstTime(channel, "U1", List.of("https://a.example/run/" + RefusalMemory.MAX_REMEMBERED)))
                .isFalse();
    }
}
