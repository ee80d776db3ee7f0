package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.util.Objects;

/**
 * An expected failure talking to a CI instance. Each carries a specific, actionable message for people that
 * never contains a token or a signed URL.
 */
public sealed interface CiProblem extends ResolveResult, FetchResult, RerunResult, GreenRunResult {

    String message();

    /** 401 (or Azure's 203 sign-in page): the token is invalid or expired. */
    record Unauthorized(String message) implements CiProblem {
        public Unauthorized {
            Objects.requireNonNull(message, "message");
        }
    }

    /** 403 that is not a rate limit: the token lacks a scope or permission, named in {@code requiredScope}. */
    record Forbidden(String message, String requiredScope) implements CiProblem {
        public Forbidden {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(requiredScope, "requiredScope");
        }
    }

    /** 404: the run, job or log does not exist, or the token cannot see it. */
    record NotFound(String message) implements CiProblem {
        public NotFound {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The log is gone (GitHub 410 after the retention period). Not worth retrying. */
    record Expired(String message) implements CiProblem {
        public Expired {
            Objects.requireNonNull(message, "message");
        }
    }

    /** 429, or a 403 with an exhausted rate limit: try again after {@code retryAfter}. */
    record RateLimited(String message, Duration retryAfter) implements CiProblem {
        public RateLimited {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** 5xx after the bounded retries (or at once, for requests that are not safe to repeat). */
    record ServerError(String message, int status) implements CiProblem {
        public ServerError {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The request's overall deadline passed. */
    record TimedOut(String message) implements CiProblem {
        public TimedOut {
            Objects.requireNonNull(message, "message");
        }
    }

    /** DNS failure, connection refused or reset, TLS failure. */
    record Unreachable(String message) implements CiProblem {
        public Unreachable {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The bot refused to make the request: a host that is not configured, a private address, a bad redirect. */
    record Blocked(String message) implements CiProblem {
        public Blocked {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Any other 4xx (e.g. 422 "rerun not allowed"), with the CI's own explanation when it gave one. */
    record Rejected(String message, int status) implements CiProblem {
        public Rejected {
            Objects.requireNonNull(message, "message");
        }
    }
}
