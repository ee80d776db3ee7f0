package dev.pipelinetriage.chat;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Which CI notifier bots the bot reads, and in which channels. Messages from bots are otherwise never triaged:
 * only a listed sender in a listed channel is, so two bots can never answer each other in a loop, and the bot's own
 * messages are dropped before this is asked.
 *
 * @param channels channel ids (Slack {@code C...}, Teams channel conversation ids)
 * @param senders the notifiers' ids: Slack bot ids ({@code B...}) or app ids ({@code A...}); Teams bot account ids
 *     or Entra app ids
 */
public record Notifiers(Set<String> channels, Set<String> senders) {
    public Notifiers {
        channels = Set.copyOf(Objects.requireNonNull(channels, "channels"));
        senders = Set.copyOf(Objects.requireNonNull(senders, "senders"));
    }

    /** The default: no bot message is read. */
    public static Notifiers off() {
        return new Notifiers(Set.of(), Set.of());
    }

    public boolean enabled() {
        return !channels.isEmpty() && !senders.isEmpty();
    }

    /** True when {@code channel} is listed and any of the message's sender ids is. */
    public boolean reads(String channel, Collection<String> senderIds) {
        return enabled() && channel != null && channels.contains(channel)
                && senderIds.stream().anyMatch(id -> id != null && senders.contains(id));
    }
}
