package dev.pipelinetriage.adapter.slack;

import dev.pipelinetriage.app.port.GroupDirectory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Slack user groups through {@code usergroups.users.list} (scope {@code usergroups:read}). Slack can only list a
 * group's members, so the user is looked up in each group; one failed listing fails the lookup.
 */
final class SlackGroupDirectory implements GroupDirectory {
    private final SlackWeb web;

    SlackGroupDirectory(SlackWeb web) {
        this.web = web;
    }

    @Override
    public Membership memberships(String workspace, String user, List<String> groupIds) {
        Set<String> in = new HashSet<>();
        for (String group : groupIds) {
            switch (web.groupMembership(workspace, group, user)) {
                case MemberOf member -> in.addAll(member.groups());
                case LookupFailed failed -> {
                    return failed;
                }
            }
        }
        return new MemberOf(in);
    }
}
