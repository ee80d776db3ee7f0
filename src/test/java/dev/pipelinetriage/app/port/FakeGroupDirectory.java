package dev.pipelinetriage.app.port;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** User groups in memory, for tests: set members, make lookups fail, count lookups (to see the cache work). */
public final class FakeGroupDirectory implements GroupDirectory {
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile String failure;

    public FakeGroupDirectory withMembers(String group, String... users) {
        groups.put(group, Set.of(users));
        return this;
    }

    public void failWith(String reason) {
        this.failure = reason;
    }

    public int lookups() {
        return lookups.get();
    }

    @Override
    public Membership memberships(String workspace, String user, List<String> groupIds) {
        lookups.incrementAndGet();
        if (failure != null) {
            return new LookupFailed(failure);
        }
        return new MemberOf(groupIds.stream().filter(g -> groups.getOrDefault(g, Set.of()).contains(user))
                .collect(Collectors.toSet()));
    }
}
