package dev.pipelinetriage.chat;

import java.io.IOException;
import java.util.Objects;

/**
 * One chat platform as {@code serve} runs it, a plug-in of {@link ChatPlatforms}: its name, its surface (posting
 * and rendering cards) and its inbound translation (requests in, {@link Inbound} messages and card actions out).
 * Each implementation lives in its adapter package; nothing outside the registry sees its surface unmetered.
 *
 * @param <E> what the HTTP server mounts for the platform's inbound requests (a servlet in {@code serve}): the chat
 *     layer does not know the transport
 */
public interface ChatPlatform<E> {

    /** The name places, metrics, configuration and pending work use: {@code slack}, {@code teams}. */
    String name();

    /**
     * Posting, updating and rendering cards, uncounted. Only the registry calls it, once, and wraps the answer in
     * {@link MeteredSurface}: every post, from a handler, a webhook card or the digest, goes through that one wrapper.
     */
    ChatSurface surface();

    /** The conversation that resumes this platform's acknowledged pastes after a restart or a take-over. */
    TriageConversation conversation();

    /**
     * Builds the inbound translation, once, over the metered surface its handlers post through.
     *
     * @param metered {@link #surface()} wrapped in the registry's metering
     */
    Endpoint<E> endpoint(ChatSurface metered);

    /**
     * Where and how a platform's requests come in.
     *
     * @param path the path served on the public port, e.g. {@code /slack/events}
     * @param handler what serves it
     * @param description how the readiness banner names it, e.g. {@code slack over Socket Mode}
     * @param connection started once the HTTP server listens (Slack's Socket Mode), closed after it stopped
     */
    record Endpoint<E>(String path, E handler, String description, Connection connection) {
        public Endpoint {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(connection, "connection");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("an endpoint path starts with /, got '" + path + "'");
            }
        }

        /** An endpoint that only answers requests: nothing to start or close. */
        public Endpoint(String path, E handler, String description) {
            this(path, handler, description, Connection.NONE);
        }
    }

    /** A connection the platform keeps besides its endpoint, such as Slack's Socket Mode. */
    interface Connection {
        Connection NONE = new Connection() {
            @Override
            public void start() {
            }

            @Override
            public void close() {
            }
        };

        void start() throws IOException;

        /** Closes without throwing: a platform logs what did not close cleanly. */
        void close();
    }
}
