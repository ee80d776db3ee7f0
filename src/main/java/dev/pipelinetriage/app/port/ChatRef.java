package dev.pipelinetriage.app.port;

import java.util.Objects;

/**
 * A message the bot posted, addressed the chat-neutral way.
 *
 * @param channel the channel or conversation id
 * @param message the message's id in that channel (Slack {@code ts}, Teams activity id)
 */
public record ChatRef(String platform, String workspace, String channel, String message) {
    public ChatRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
    }
}
