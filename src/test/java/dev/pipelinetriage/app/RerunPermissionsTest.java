package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.FakeGroupDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RerunPermissionsTest {
    private final FakeGroupDirectory groups = new FakeGroupDirectory().withMembers("S_ONCALL", "U_ONCALL");
    private final AtomicLong nanos = new AtomicLong();
    private final RerunPermissions permissions = new RerunPermissions(Set.of("U_LISTED"), List.of("S_ONCALL"), groups,
            Duration.ofMinutes(1), nanos::get);

    private static Actor actor(String user) {
        return new Actor("slack", "T1", user, false);
    }

    @Test
    void aListedUserIsAllowedWithoutAGroupLookup() {
        assertThat(permissions.authorize(actor("U_LISTED"), "rerun")).isInstanceOf(Authorizer.Allowed.class);
        assertThat(groups.lookups()).isZero();
    }

    @Test
    void anOnCallGroupMemberIsAllowedAndTheMembershipIsCachedBriefly() {
        assertThat(permissions.authorize(actor("U_ONCALL"), "rerun")).isEqualTo(new Authorizer.Allowed("member of user group S_ONCALL"));
        assertThat(permissions.authorize(actor("U_ONCALL"), "rerun")).isInstanceOf(Authorizer.Allowed.class);
        assertThat(groups.lookups()).isEqualTo(1);

        groups.withMembers("S_ONCALL", "U_SOMEONE_ELSE");
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());

        assertThat(permissions.authorize(actor("U_ONCALL"), "rerun")).isInstanceOf(Authorizer.Denied.class);
        assertThat(groups.lookups()).isEqualTo(2);
    }

    @Test
    void someoneElseIsDeniedWithAReasonThatSaysWhoMay() {
        var decision = (Authorizer.Denied) permissions.authorize(actor("U_DEV"), "rerun");

        assertThat(decision.reason()).contains("on-call");
    }

    @Test
    void aGroupLookupFailureDeniesAndIsNotCached() {
        groups.failWith("Slack answered ratelimited");

        var decision = (Authorizer.Denied) permissions.authorize(actor("U_ONCALL"), "rerun");

        assertThat(decision.reason()).contains("could not check", "ratelimited", "try again");
        groups.failWith(null);
        assertThat(permissions.authorize(actor("U_ONCALL"), "rerun")).isInstanceOf(Authorizer.Allowed.class);
    }

    @Test
    void aListedUserFromAnotherOrganizationIsDenied() {
        var decision = permissions.authorize(new Actor("slack", "T1", "U_LISTED", true), "rerun");

        assertThat(decision).isInstanceOf(Authorizer.Denied.class);
    }
}
