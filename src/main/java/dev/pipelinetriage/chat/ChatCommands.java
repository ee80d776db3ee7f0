package dev.pipelinetriage.chat;

import java.util.Optional;

/** Commands other than a link (e.g. {@code top}); empty when the text is not one of them. */
@FunctionalInterface
public interface ChatCommands {
    ChatCommands NONE = text -> Optional.empty();

    Optional<ChatText> answer(String text);
}
