package dev.pipelinetriage.app.port;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a user belongs to groups (Slack user groups, Entra ID groups), as the chat platform's directory says
 * now. The question is asked about one user because that is what authorization needs and what directories with
 * large groups answer cheaply (Microsoft Graph {@code checkMemberGroups}); a platform that can only list a group's
 * members (Slack) answers it by listing.
 */
public interface GroupDirectory {

    /** Which of {@code groupIds} {@code user} of {@code workspace} belongs to. */
    Membership memberships(String workspace, String user, List<String> groupIds);

    sealed interface Membership {
    }

    /** @param groups the asked-about groups the user belongs to; empty when none */
    record MemberOf(Set<String> groups) implements Membership {
        public MemberOf {
            groups = Set.copyOf(groups);
        }
    }

    /** The lookup failed (rate limit, outage, missing permission); callers deny. */
    record LookupFailed(String reason) implements Membership {
        public LookupFailed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
