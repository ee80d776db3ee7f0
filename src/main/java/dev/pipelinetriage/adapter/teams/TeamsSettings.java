package dev.pipelinetriage.adapter.teams;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the Teams adapter needs, secrets already read. There is no "authentication disabled" mode: an app id and
 * a credential are required, so an unauthenticated request can never be taken for an anonymous one.
 *
 * @param tenant the Entra ID tenant the app's token is requested from ({@code botframework.com} for a
 *     multi-tenant registration, the tenant id for a single-tenant one); Graph lookups need a tenant id
 * @param allowedTenants tenants whose requests are served; others are ignored and audited
 * @param openIdMetadataUrl the Bot Framework OpenID metadata document
 * @param loginBaseUrl the Microsoft identity platform ({@code https://login.microsoftonline.com})
 * @param graphBaseUrl Microsoft Graph ({@code https://graph.microsoft.com})
 * @param testServiceUrl a plain-http service URL prefix accepted for outbound calls (tests only), or null
 * @param keyRefreshInterval how often an unknown signing key may trigger a metadata refresh
 * @param proactiveServiceUrl the Bot Connector for conversations the bot has not heard from since it started
 *     (Microsoft's well-known one for the tenant's cloud), or null
 * @param postInterval the least time between two messages or card updates in one conversation; zero for none
 */
public record TeamsSettings(String appId, String appPassword, String tenant, Set<String> allowedTenants,
        URI openIdMetadataUrl, URI loginBaseUrl, URI graphBaseUrl, String testServiceUrl, Duration keyRefreshInterval,
        String proactiveServiceUrl, Duration postInterval) {

    /** Settings that post only where an activity showed the way (no proactive Bot Connector). */
    public TeamsSettings(String appId, String appPassword, String tenant, Set<String> allowedTenants,
            URI openIdMetadataUrl, URI loginBaseUrl, URI graphBaseUrl, String testServiceUrl, Duration keyRefreshInterval) {
        this(appId, appPassword, tenant, allowedTenants, openIdMetadataUrl, loginBaseUrl, graphBaseUrl, testServiceUrl,
                keyRefreshInterval, null, Duration.ZERO);
    }

    public static final URI BOT_FRAMEWORK_METADATA = URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration");
    public static final URI LOGIN = URI.create("https://login.microsoftonline.com");
    public static final URI GRAPH = URI.create("https://graph.microsoft.com");

    public TeamsSettings {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("teams: an app id is required; requests are never accepted unauthenticated");
        }
        if (appPassword == null || appPassword.isBlank()) {
            throw new IllegalArgumentException("teams: an app credential is required; requests are never accepted unauthenticated");
        }
        Objects.requireNonNull(tenant, "tenant");
        allowedTenants = Set.copyOf(allowedTenants);
        if (allowedTenants.isEmpty()) {
            throw new IllegalArgumentException("teams: name at least one allowed tenant");
        }
        Objects.requireNonNull(openIdMetadataUrl, "openIdMetadataUrl");
        Objects.requireNonNull(loginBaseUrl, "loginBaseUrl");
        Objects.requireNonNull(graphBaseUrl, "graphBaseUrl");
        Objects.requireNonNull(keyRefreshInterval, "keyRefreshInterval");
        Objects.requireNonNull(postInterval, "postInterval");
    }

    /** The password is a secret: it never appears in a log line or an exception message. */
    @Override
    public String toString() {
        return "TeamsSettings[appId=" + appId + ", tenant=" + tenant + ", allowedTenants=" + allowedTenants + "]";
    }
}
