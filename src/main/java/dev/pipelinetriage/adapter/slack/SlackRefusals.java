package dev.pipelinetriage.adapter.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.RefusedLinks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Links refused in a message in passing are answered as configured ({@link RefusedLinks}), and a poster hears about
 * one link once: someone who pastes the same link again, or in another channel, is not told twice within
 * {@link #REMEMBER}, so a busy channel is not filled with the same hint. Only the answered (poster, link) pairs are
 * remembered, at most {@value #MAX_REMEMBERED}.
 */
final class SlackRefusals {
    /** The reaction of {@link RefusedLinks#REACTION}. */
    static final String REACTION = "no_entry_sign";
    static final Duration REMEMBER = Duration.ofDays(1);
    private static final int MAX_REMEMBERED = 10_000;

    private final RefusedLinks mode;
    private final Cache<String, Boolean> answered;

    SlackRefusals(RefusedLinks mode, Clock clock) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.answered = Caffeine.newBuilder().expireAfterWrite(REMEMBER).maximumSize(MAX_REMEMBERED)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    RefusedLinks mode() {
        return mode;
    }

    /** Whether {@code user} has not been answered about one of {@code links} yet; they count as answered from now. */
    boolean firstTime(Place place, String user, List<String> links) {
        boolean first = false;
        for (String link : links) {
            String key = place.workspace() + " " + user + " " + link;
            first |= answered.asMap().putIfAbsent(key, Boolean.TRUE) == null;
        }
        return first;
    }
}
