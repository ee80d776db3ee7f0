package dev.pipelinetriage.app.port;

import java.util.Objects;

/** The one decision every privileged entry point asks for. */
public interface Authorizer {

    Decision authorize(Actor actor, String action);

    sealed interface Decision {
    }

    /** @param basis why, e.g. "listed user" or "member of S0614TZR7" */
    record Allowed(String basis) implements Decision {
        public Allowed {
            Objects.requireNonNull(basis, "basis");
        }
    }

    /** @param reason for the person denied: what would make them allowed, or to try again */
    record Denied(String reason) implements Decision {
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
