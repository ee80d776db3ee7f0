package dev.pipelinetriage.adapter.slack;

import dev.pipelinetriage.app.port.GroupDirectory;

/** Slack user groups through {@code usergroups.users.list} (scope {@code usergroups:read}). */
final class SlackGroupDirectory implements GroupDirectory {
    private final SlackWeb web;

    SlackGroupDirectory(SlackWeb web) {
        this.web = web;
    }

    @Override
    public Membership members(String workspace, String groupId) {
        return web.groupMembers(workspace, groupId);
    }
}
