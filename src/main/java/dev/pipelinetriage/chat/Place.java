package dev.pipelinetriage.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the bot answers: a channel, and the thread to answer in.
 *
 * @param thread the message to reply under (Slack thread {@code ts}), or null to post in the channel itself
 */
public record Place(String platform, String workspace, String channel, String thread) {
    public Place {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(channel, "channel");
    }

    public Optional<String> inThread() {
        return Optional.ofNullable(thread);
    }
}
