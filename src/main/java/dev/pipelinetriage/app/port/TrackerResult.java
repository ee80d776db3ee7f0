package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.util.Objects;

/** The outcome of one call to the ticket tracker. Expected failures are values; the caller decides to retry. */
public sealed interface TrackerResult<T> {

    record Ok<T>(T value) implements TrackerResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * @param message for logs and people: status and the tracker's own words, never a credential
     * @param retryAfter what the tracker asked to wait (429), or null
     */
    record Failed<T>(Problem problem, String message, Duration retryAfter) implements TrackerResult<T> {
        public Failed {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(message, "message");
        }

        /** The same failure, typed for another call's result. */
        public <U> Failed<U> as() {
            return new Failed<>(problem, message, retryAfter);
        }
    }

    enum Problem {
        /** 401: the credential is wrong or expired. */
        UNAUTHORIZED,
        /** 403: the credential may not do this (or a secondary rate limit). */
        FORBIDDEN,
        /** 429. */
        RATE_LIMITED,
        /** 5xx: the outcome of a write is unknown. */
        SERVER_ERROR,
        /** No answer: connection refused, timeout. The outcome of a write is unknown. */
        UNREACHABLE,
        /** Any other 4xx: the tracker refused the request as made (a missing field, an unknown project). */
        REJECTED
    }
}
