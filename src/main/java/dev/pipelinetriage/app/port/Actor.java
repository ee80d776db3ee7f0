package dev.pipelinetriage.app.port;

import java.util.Objects;

/**
 * Who asked, as the chat platform's verified request says: never taken from message text, a display name or
 * anything the bot put into a form.
 *
 * @param platform {@code slack} or {@code teams}
 * @param workspace the workspace (Slack team) or tenant the request came through
 * @param user the platform's user id
 * @param external true when the user belongs to another organization (a Slack Connect channel, a Teams guest)
 */
public record Actor(String platform, String workspace, String user, boolean external) {
    public Actor {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(user, "user");
    }
}
