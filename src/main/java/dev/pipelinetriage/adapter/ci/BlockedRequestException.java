package dev.pipelinetriage.adapter.ci;

import java.io.IOException;

/** Thrown inside the client when the bot refuses to make a request; the message is safe to show. */
public final class BlockedRequestException extends IOException {

    public BlockedRequestException(String message) {
        super(message);
    }
}
