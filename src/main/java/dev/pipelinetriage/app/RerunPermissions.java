package dev.pipelinetriage.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.GroupDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who may start side effects from chat: configured user ids, and members of configured user groups (on-call),
 * looked up per user through the platform with a short cache so that removal from the group takes effect within
 * the cache's lifetime. A failed lookup is never cached and never allows.
 */
public final class RerunPermissions implements Authorizer {
    private final Set<String> users;
    private final List<String> groups;
    private final GroupDirectory directory;
    /** Per workspace/user: which configured groups they belong to. */
    private final Cache<String, Set<String>> memberships;
    /** Who may act, in the denial's words, or null for on-call engineers rerunning jobs. */
    private final String role;

    public RerunPermissions(Set<String> users, List<String> groups, GroupDirectory directory, Duration cacheFor,
            Ticker ticker) {
        this(users, groups, directory, cacheFor, ticker, null);
    }

    /**
     * The same check for another role, e.g. knowledge-base curators proposing entries.
     *
     * @param role who may act, as the denial names them (e.g. {@code knowledge-base curators})
     */
    public RerunPermissions(Set<String> users, List<String> groups, GroupDirectory directory, Duration cacheFor,
            Ticker ticker, String role) {
        this.role = role;
        this.users = Set.copyOf(users);
        this.groups = List.copyOf(groups);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.memberships = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(1_000).ticker(ticker).build();
    }

    @Override
    public Decision authorize(Actor actor, String action) {
        if (actor.external()) {
            return new Denied("People from other organizations cannot " + action + " jobs from this workspace.");
        }
        if (users.contains(actor.user())) {
            return new Allowed("listed user");
        }
        if (!groups.isEmpty()) {
            String key = actor.workspace() + "/" + actor.user();
            Set<String> memberOf = memberships.getIfPresent(key);
            if (memberOf == null) {
                switch (directory.memberships(actor.workspace(), actor.user(), groups)) {
                    case GroupDirectory.MemberOf m -> {
                        memberOf = m.groups();
                        memberships.put(key, memberOf);
                    }
                    case GroupDirectory.LookupFailed f -> {
                        return new Denied("The bot could not check the on-call group membership (" + f.reason()
                                + "), so it does not " + action + " anything now; try again in a minute.");
                    }
                }
            }
            for (String group : groups) {
                if (memberOf.contains(group)) {
                    return new Allowed("member of user group " + group);
                }
            }
        }
        if (role != null) {
            return new Denied("Only " + role + " may " + action + " from chat: the configured users and members of the "
                    + "configured groups of " + role + ". Ask one of them.");
        }
        return new Denied("Only on-call engineers may " + action + " jobs from chat: the configured users and members "
                + "of the configured on-call user groups. Ask one of them.");
    }
}
