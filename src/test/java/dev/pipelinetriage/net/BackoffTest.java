package dev.pipelinetriage.net;

import static dev.pipelinetriage.net.FixedDraws.drawing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void withoutJitterEachRetryWaitsTwiceTheOneBefore() {
        Backoff backoff = Backoff.doubling(Duration.ofSeconds(1), Duration.ofMinutes(2));

        assertThat(backoff.delay(0, drawing(0.9))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1, drawing(0.9))).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(2, drawing(0.9))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void jitterDrawsFromTheUpperHalfOfTheCeiling() {
        Backoff backoff = Backoff.jittered(Duration.ofSeconds(2), Duration.ofMinutes(1));

        assertThat(backoff.delay(0, drawing(0.0))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(0, drawing(0.5))).isEqualTo(Duration.ofMillis(1500));
        assertThat(backoff.delay(2, drawing(0.5))).isEqualTo(Duration.ofSeconds(6));
        assertThat(backoff.delay(2, drawing(Math.nextDown(1.0)))).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void jitteredWaitsStayWithinTheirBoundsForAnyDraw() {
        Backoff backoff = Backoff.jittered(Duration.ofMillis(500), Duration.ofMinutes(10));
        SplittableRandom random = new SplittableRandom(42);

        for (int retry = 0; retry < 8; retry++) {
            Duration ceiling = Duration.ofMillis(500L << retry);
            for (int draw = 0; draw < 500; draw++) {
                assertThat(backoff.delay(retry, random)).isBetween(ceiling.dividedBy(2), ceiling);
            }
        }
    }

    @Test
    void jitteredWaitsSpreadOverTheirRange() {
        Backoff backoff = Backoff.jittered(Duration.ofSeconds(8), Duration.ofMinutes(1));
        SplittableRandom random = new SplittableRandom(7);
        long lowest = Long.MAX_VALUE;
        long highest = 0;

        for (int draw = 0; draw < 1_000; draw++) {
            long millis = backoff.delay(0, random).toMillis();
            lowest = Math.min(lowest, millis);
            highest = Math.max(highest, millis);
        }

        assertThat(lowest).isLessThan(4_100);
        assertThat(highest).isGreaterThan(7_900);
    }

    @Test
    void theCapHoldsAfterTheJitterAndForAnyNumberOfRetries() {
        Backoff backoff = Backoff.jittered(Duration.ofSeconds(2), Duration.ofSeconds(30));

        assertThat(backoff.delay(3, drawing(0.99))).isEqualTo(Duration.ofMillis(15_920));
        assertThat(backoff.delay(4, drawing(0.99))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(Integer.MAX_VALUE, drawing(0.0))).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.doubling(Duration.ofSeconds(1), Duration.ofDays(1)).delay(200, drawing(0)))
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aBackoffNamesItsBadValue() {
        assertThatThrownBy(() -> Backoff.jittered(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("at least 1 ms, got PT0S");
        assertThatThrownBy(() -> Backoff.jittered(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("got PT1S");
        assertThatThrownBy(() -> Backoff.doubling(Duration.ofSeconds(1), Duration.ofDays(2)))
                .hasMessageContaining("got PT48H");
        assertThatThrownBy(() -> Backoff.doubling(Duration.ofSeconds(1), Duration.ofSeconds(1)).delay(-1, drawing(0)))
                .hasMessageContaining("got -1");
    }
}
