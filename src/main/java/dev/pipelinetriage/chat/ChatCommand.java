package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.port.Actor;

/**
 * A command addressed to the bot itself rather than a link to triage, e.g. {@code kb reload}. Only explicit
 * requests (a mention, a slash command) are matched, never a passing message.
 */
public interface ChatCommand {

    /** True when {@code text} (the request without the platform's markup) asks for this command. */
    boolean matches(String text);

    /** Does the work (on a worker thread) and says what happened, for the channel to see. */
    ChatText run(Actor actor, Place place);

    /** {@link #run(Actor, Place)} for commands that take an argument from the request's {@code text}. */
    default ChatText run(Actor actor, Place place, String text) {
        return run(actor, place);
    }
}
