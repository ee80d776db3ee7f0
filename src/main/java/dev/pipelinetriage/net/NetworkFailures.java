package dev.pipelinetriage.net;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Which failed exchanges (an {@link IOException} instead of an answer) are worth another attempt. A request that
 * is not idempotent may have been acted on before the connection failed, so it is repeated only when the failure
 * proves it never left.
 */
public enum NetworkFailures {
    /** Idempotent requests after any failure; others never. */
    IDEMPOTENT_ONLY {
        @Override
        public boolean retryable(IOException failure, boolean idempotent) {
            return idempotent;
        }
    },
    /** Idempotent requests after any failure; others only when no connection was made. */
    IDEMPOTENT_OR_NEVER_SENT {
        @Override
        public boolean retryable(IOException failure, boolean idempotent) {
            return idempotent || neverSent(failure);
        }
    },
    /**
     * Idempotent requests, except after a DNS refusal or a passed deadline, which asking again at once does not
     * cure; others never.
     */
    IDEMPOTENT_UNLESS_DNS_OR_DEADLINE {
        @Override
        public boolean retryable(IOException failure, boolean idempotent) {
            return idempotent
                    && !(failure instanceof UnknownHostException || failure instanceof InterruptedIOException);
        }
    };

    /** Whether another attempt may follow {@code failure}. */
    public abstract boolean retryable(IOException failure, boolean idempotent);

    /** Whether the failure shows that no connection was made, so the request carried nothing to the server. */
    public static boolean neverSent(IOException failure) {
        return failure instanceof ConnectException || failure instanceof UnknownHostException
                || failure instanceof NoRouteToHostException;
    }
}
