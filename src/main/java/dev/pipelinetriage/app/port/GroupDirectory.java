package dev.pipelinetriage.app.port;

import java.util.Objects;
import java.util.Set;

/** Who belongs to a user group (a Slack user group, an Entra ID group), as the chat platform says now. */
public interface GroupDirectory {

    Membership members(String workspace, String groupId);

    sealed interface Membership {
    }

    record Members(Set<String> users) implements Membership {
        public Members {
            users = Set.copyOf(users);
        }
    }

    /** The lookup failed (rate limit, outage, missing scope); callers deny. */
    record LookupFailed(String reason) implements Membership {
        public LookupFailed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
