package dev.pipelinetriage.boot.config;

import java.util.List;

/**
 * {@code slack.notifiers} / {@code teams.notifiers}: the CI notifier bots whose failure messages are triaged, and the
 * channels where. Off (both lists empty) unless configured; the loader refuses one list without the other.
 *
 * @param channels channel ids where notifier messages are read
 * @param bots the notifiers' bot or app ids
 */
public record NotifierSection(List<String> channels, List<String> bots) {
    public NotifierSection {
        channels = List.copyOf(channels);
        bots = List.copyOf(bots);
    }

    public static NotifierSection off() {
        return new NotifierSection(List.of(), List.of());
    }
}
