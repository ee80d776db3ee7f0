package dev.pipelinetriage.boot.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code teams:} section: the Azure bot registration (app id, credential by reference), the tenants served,
 * who may rerun, and the Microsoft endpoints (overridable so tests can point them at fakes).
 *
 * @param tenant the tenant the app token is requested from: the tenant id for a single-tenant registration
 *     (required when {@code rerunGroups} are named, because Graph is asked in that tenant), else
 *     {@code botframework.com}
 * @param allowedTenants tenant ids whose requests are served
 * @param rerunUsers Entra object ids allowed to rerun jobs
 * @param rerunGroups Entra group ids whose (transitive) members may rerun jobs
 * @param testServiceUrl a plain-http Bot Connector URL prefix to accept (tests only), or null
 * @param notifiers CI notifier bots (bot account or app ids) whose messages are triaged, and in which channels
 * @param proactiveServiceUrl Microsoft's well-known Bot Connector for the tenant's cloud, used to post into a
 *     conversation the bot has not heard from since it started (CI webhook cards after a restart); null: wait for an
 *     activity from the conversation
 */
public record TeamsSection(String appId, CredentialSource appPassword, String tenant, List<String> allowedTenants,
        List<String> rerunUsers, List<String> rerunGroups, URI runbookBaseUrl, int maxLinksPerMessage,
        URI openIdMetadataUrl, URI loginBaseUrl, URI graphBaseUrl, URI testServiceUrl, NotifierSection notifiers,
        URI proactiveServiceUrl, Duration postInterval) {

    public TeamsSection(String appId, CredentialSource appPassword, String tenant, List<String> allowedTenants,
            List<String> rerunUsers, List<String> rerunGroups, URI runbookBaseUrl, int maxLinksPerMessage,
            URI openIdMetadataUrl, URI loginBaseUrl, URI graphBaseUrl, URI testServiceUrl) {
        this(appId, appPassword, tenant, allowedTenants, rerunUsers, rerunGroups, runbookBaseUrl, maxLinksPerMessage,
                openIdMetadataUrl, loginBaseUrl, graphBaseUrl, testServiceUrl, NotifierSection.off(), null, Duration.ZERO);
    }

    public TeamsSection {
        notifiers = notifiers == null ? NotifierSection.off() : notifiers;
        postInterval = postInterval == null ? Duration.ZERO : postInterval;
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appPassword, "appPassword");
        Objects.requireNonNull(tenant, "tenant");
        allowedTenants = List.copyOf(allowedTenants);
        rerunUsers = List.copyOf(rerunUsers);
        rerunGroups = List.copyOf(rerunGroups);
        Objects.requireNonNull(openIdMetadataUrl, "openIdMetadataUrl");
        Objects.requireNonNull(loginBaseUrl, "loginBaseUrl");
        Objects.requireNonNull(graphBaseUrl, "graphBaseUrl");
    }

    public Optional<URI> proactiveServiceUrlIfSet() {
        return Optional.ofNullable(proactiveServiceUrl);
    }

    public Optional<URI> testServiceUrlPrefix() {
        return Optional.ofNullable(testServiceUrl);
    }
}
