package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The outcome of claiming a rerun's idempotency key: the first claim wins, every later one learns who won. */
public sealed interface RerunClaim {

    record Claimed() implements RerunClaim {
    }

    /** @param link the new attempt's link once the rerun started, else null (still running or unknown) */
    record AlreadyRequested(String user, Instant at, String link) implements RerunClaim {
        public AlreadyRequested {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(at, "at");
        }

        public Optional<String> startedLink() {
            return Optional.ofNullable(link);
        }
    }
}
