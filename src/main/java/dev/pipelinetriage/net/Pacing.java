package dev.pipelinetriage.net;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces the posts to one place (a Slack channel, a Teams conversation) by a minimum interval, as chat platforms
 * limit how fast a bot may post to one place; other places do not wait. A place the platform asked to wait (a 429's
 * {@code Retry-After}) is held back until then. An interval of zero turns it off. Thread-safe: concurrent posts to
 * one place take consecutive slots.
 */
public final class Pacing {
    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Per place: when the next post may go out. */
    private final Map<String, Instant> next = new ConcurrentHashMap<>();

    public Pacing(Duration interval, Clock clock, Sleeper sleeper) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("a pacing interval cannot be negative, got " + interval);
        }
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until {@code place} may take the next post, and books the slot after it; a null place never waits. */
    public void await(String place) throws InterruptedException {
        if (place == null || interval.isZero()) {
            return;
        }
        Instant now = clock.instant();
        Instant[] slot = new Instant[1];
        next.compute(place, (p, booked) -> {
            slot[0] = booked == null || booked.isBefore(now) ? now : booked;
            return slot[0].plus(interval);
        });
        Duration wait = Duration.between(now, slot[0]);
        if (!wait.isZero() && !wait.isNegative()) {
            sleeper.sleep(wait);
        }
    }

    /** Holds {@code place} back for {@code wait} from now (a 429's answer), unless it is held longer already. */
    public void holdBack(String place, Duration wait) {
        if (place != null) {
            next.merge(place, clock.instant().plus(wait), (a, b) -> a.isAfter(b) ? a : b);
        }
    }
}
