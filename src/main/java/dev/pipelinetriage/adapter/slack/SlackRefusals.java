package dev.pipelinetriage.adapter.slack;

import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.RefusalMemory;
import dev.pipelinetriage.chat.RefusedLinks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Links refused in a message in passing are answered as configured ({@link RefusedLinks}), and a poster hears about
 * one link once within {@link #REMEMBER} ({@link RefusalMemory}).
 */
final class SlackRefusals {
    /** The reaction of {@link RefusedLinks#REACTION}. */
    static final String REACTION = "no_entry_sign";
    static final Duration REMEMBER = RefusalMemory.REMEMBER;

    private final RefusedLinks mode;
    private final RefusalMemory answered;

    SlackRefusals(RefusedLinks mode, Clock clock) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.answered = new RefusalMemory(clock);
    }

    RefusedLinks mode() {
        return mode;
    }

    /** Whether {@code user} has not been answered about one of {@code links} yet; they count as answered from now. */
    boolean firstTime(Place place, String user, List<String> links) {
        return answered.firstTime(place, user, links);
    }
}
