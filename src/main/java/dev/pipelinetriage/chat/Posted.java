package dev.pipelinetriage.chat;

import java.util.Objects;

/** Whether a chat platform took a message, after the adapter's bounded retries. */
public sealed interface Posted {

    record Delivered(String messageId) implements Posted {
        public Delivered {
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** The adapter gave up and logged it; {@code reason} names the platform's error, never a token. */
    record Undelivered(String reason) implements Posted {
        public Undelivered {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
