package dev.pipelinetriage.adapter.teams;

import static dev.pipelinetriage.adapter.teams.ActivityFields.PLATFORM;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may talk to the bot, and what any admitted activity teaches: an activity from a tenant outside
 * {@code teams.allowedTenants} is audited and goes no further; any other -- a message, a button, the
 * {@code conversationUpdate} of the bot being installed in a team or a channel being created -- tells where its
 * conversation's Bot Connector is and who its sender is, so that later posts (webhook cards, the digest, mentions)
 * can reach them.
 */
final class TenantGate {

    private final Set<String> allowedTenants;
    private final ServiceUrls serviceUrls;
    private final People people;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    TenantGate(Set<String> allowedTenants, ServiceUrls serviceUrls, People people, AuditLog audit, Clock clock) {
        this.allowedTenants = Set.copyOf(allowedTenants);
        this.serviceUrls = Objects.requireNonNull(serviceUrls, "serviceUrls");
        this.people = Objects.requireNonNull(people, "people");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The activity's tenant when it is served (its conversation and sender then learned), else empty (audited). */
    Optional<String> admit(Activity activity) {
        String tenant = ActivityFields.tenant(activity, json);
        String conversationId = activity.getConversation().getId();
        ChannelAccount from = activity.getFrom();
        if (tenant == null || !allowedTenants.contains(tenant)) {
            record(tenant, from, conversationId, "denied", "tenant is not in teams.allowedTenants");
            return Optional.empty();
        }
        serviceUrls.verified(tenant, conversationId, activity.getServiceUrl());
        people.saw(from.getAadObjectId(), from.getId(), from.getName());
        return Optional.of(tenant);
    }

    private void record(String tenant, ChannelAccount from, String conversationId, String outcome, String reason) {
        audit.appendBestEffort(new AuditEntry(clock.instant(), PLATFORM, tenant, ActivityFields.userId(from),
                conversationId, "access", "-", outcome, reason));
    }
}
