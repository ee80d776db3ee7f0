package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.port.Actor;
import java.util.Objects;

/**
 * A message that may contain CI links, as a chat adapter hands it over.
 *
 * @param deliveryKey the platform's id of this delivery (Slack {@code event_id}, Teams activity id), used to
 *     drop redeliveries; null for requests the platform never redelivers (commands, shortcuts)
 * @param text the message text with the platform's link markup already removed
 */
public record Inbound(Trigger trigger, String deliveryKey, Place place, Actor from, String text) {

    /**
     * How the bot was asked: passively, by a message in a channel it watches, or explicitly. {@code NOTIFIER} is a
     * CI notifier bot's message in a configured channel: answered only with a card for a failure, never with a hint,
     * a note or a placeholder, and once per channel and run attempt however often the notifier edits its message.
     */
    public enum Trigger {
        MESSAGE, MENTION, COMMAND, SHORTCUT, NOTIFIER;

        boolean explicit() {
            return this != MESSAGE && this != NOTIFIER;
        }
    }

    public Inbound {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(text, "text");
    }
}
