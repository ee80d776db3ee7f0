package dev.pipelinetriage.chat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the bot answers a message in passing (not addressed to it) whose CI links it refuses: a broken run link, or a
 * run link on a host or port no configured instance serves. The pasted link is never requested either way.
 */
public enum RefusedLinks {
    /** Tell the poster why, in a message only they see. */
    EPHEMERAL,
    /** React to the message; the poster can ask the bot (mention, command) to hear why. */
    REACTION,
    /** Say nothing. */
    SILENT;

    /** As written in the configuration: {@code ephemeral}, {@code reaction} or {@code silent}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RefusedLinks> fromWireName(String name) {
        return Arrays.stream(values()).filter(v -> v.wireName().equals(name)).findFirst();
    }
}
