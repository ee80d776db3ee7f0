package dev.pipelinetriage.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which posters were told lately about which links the bot refused in passing: a poster hears about one link once
 * within {@link #REMEMBER}, whoever pastes it again and in whichever channel, so a busy channel is not filled with the
 * same hint. At most {@value #MAX_REMEMBERED} (poster, link) pairs are kept, the oldest forgotten first. Thread-safe.
 */
public final class RefusalMemory {
    public static final Duration REMEMBER = Duration.ofDays(1);
    static final int MAX_REMEMBERED = 10_000;

    private final Clock clock;
    private final Map<String, Instant> answered = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    public RefusalMemory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether {@code user} was not told about one of {@code links} lately; all of them count as told from now. */
    public synchronized boolean firstTime(Place place, String user, List<String> links) {
        Instant now = clock.instant();
        boolean first = false;
        for (String link : links) {
            String key = place.workspace() + " " + user + " " + link;
            Instant told = answered.get(key);
            if (told == null || !now.isBefore(told.plus(REMEMBER))) {
                answered.remove(key); // re-inserted last: it is the newest again
                answered.put(key, now);
                first = true;
            }
        }
        return first;
    }
}
