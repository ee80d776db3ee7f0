package dev.pipelinetriage.adapter.teams;

import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.Workers;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every activity handler shares.
 *
 * @param surface the Teams surface itself, for what only Teams has (typing)
 * @param chat the surface the chat layer posts through: the same, with what Teams did not take counted
 * @param workers where work that outlasts the request runs
 */
record TurnContext(TeamsSurface surface, ChatSurface chat, Workers workers, Clock clock) {
    private static final Logger LOG = LoggerFactory.getLogger(TurnContext.class);

    TurnContext {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(clock, "clock");
    }

    /** Runs {@code task} on a worker, or logs that the bot was too busy to take it. */
    void work(String name, Runnable task) {
        if (!workers.submit(name, task)) {
            LOG.warn("dropped {}: the bot is busy", name);
        }
    }
}
