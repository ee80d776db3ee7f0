package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinetriage.chat.RefusedLinks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code slack:} and {@code teams:} sections, and the notifier bots each may name. */
final class ChatConfigLoader {
    private static final Set<String> SLACK_KEYS = Set.of("signingSecret", "botToken", "appToken", "allowedChannels",
            "rerun", "runbookBaseUrl", "apiBaseUrl", "maxLinksPerMessage", "postIntervalMillis", "notifiers", "refusedLinks");
    private static final Set<String> TEAMS_KEYS = Set.of("appId", "appPassword", "tenant", "allowedTenants", "rerun",
            "runbookBaseUrl", "maxLinksPerMessage", "openIdMetadataUrl", "loginBaseUrl", "graphBaseUrl", "testServiceUrl", "notifiers",
            "proactiveServiceUrl", "postIntervalMillis");
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private ChatConfigLoader() {
    }

    static SlackSection slack(JsonNode slack) {
        if (!slack.isObject()) {
            throw new ConfigException("slack", "must be a mapping with signingSecret and botToken");
        }
        ConfigLoader.rejectUnknown(slack, "slack", SLACK_KEYS);
        CredentialSource signing = ConfigLoader.token(slack.get("signingSecret"), "slack.signingSecret");
        CredentialSource bot = ConfigLoader.token(slack.get("botToken"), "slack.botToken");
        CredentialSource app = slack.has("appToken") && !slack.get("appToken").isNull()
                ? ConfigLoader.token(slack.get("appToken"), "slack.appToken") : null;
        Rerun rerun = rerun(slack, "slack", new IdList("users", "[UW][A-Z0-9]{2,30}", "Slack user ids like U012AB3CD"),
                new IdList("userGroups", "S[A-Z0-9]{2,30}", "Slack user group ids like S0614TZR7"));
        List<String> users = rerun.users();
        List<String> groups = rerun.groups();
        List<String> channels = ConfigLoader.ids(slack, "slack", "allowedChannels", "[CGD][A-Z0-9]{2,30}", "Slack channel ids like C012AB3CD");
        URI runbooks = ConfigLoader.url(slack, "slack", "runbookBaseUrl").orElse(null);
        URI api = ConfigLoader.url(slack, "slack", "apiBaseUrl").orElse(URI.create("https://slack.com/api"));
        int maxLinks = (int) ConfigLoader.integer(slack, "slack", "maxLinksPerMessage", 3, 1, 20);
        long interval = ConfigLoader.integer(slack, "slack", "postIntervalMillis", 0, 0, 60_000);
        String refused = ConfigLoader.text(slack, "slack", "refusedLinks", false);
        RefusedLinks refusedLinks = refused == null ? RefusedLinks.EPHEMERAL : RefusedLinks.fromWireName(refused)
                .orElseThrow(() -> new ConfigException("slack.refusedLinks", "must be ephemeral, reaction or silent, got '"
                        + refused + "'"));
        return new SlackSection(signing, bot, app, channels, users, groups, runbooks, api, maxLinks,
                Duration.ofMillis(interval), notifiers(slack, "slack", "[CG][A-Z0-9]{2,30}", "Slack channel ids like C012AB3CD",
                "[BA][A-Z0-9]{2,30}", "Slack bot ids (B...) or app ids (A...)"), refusedLinks);
    }

    static TeamsSection teams(JsonNode teams) {
        if (!teams.isObject()) {
            throw new ConfigException("teams", "must be a mapping with appId, appPassword and allowedTenants");
        }
        ConfigLoader.rejectUnknown(teams, "teams", TEAMS_KEYS);
        String appId = ConfigLoader.text(teams, "teams", "appId", true);
        if (!appId.matches(GUID)) {
            throw new ConfigException("teams.appId", "must be the bot's Microsoft App ID (a GUID), got '" + ConfigLoader.abbreviate(appId) + "'");
        }
        CredentialSource password = ConfigLoader.token(teams.get("appPassword"), "teams.appPassword");
        String tenant = Optional.ofNullable(ConfigLoader.text(teams, "teams", "tenant", false)).orElse("botframework.com");
        if (!tenant.matches(GUID) && !tenant.equals("botframework.com")) {
            throw new ConfigException("teams.tenant", "must be a tenant id (GUID) or botframework.com, got '" + ConfigLoader.abbreviate(tenant) + "'");
        }
        List<String> tenants = ConfigLoader.ids(teams, "teams", "allowedTenants", GUID, "tenant ids (GUIDs)");
        if (tenants.isEmpty()) {
            throw new ConfigException("teams.allowedTenants", "required: the tenant ids whose Teams may use the bot");
        }
        Rerun rerun = rerun(teams, "teams", new IdList("users", GUID, "Entra object ids (GUIDs)"),
                new IdList("groups", GUID, "Entra group ids (GUIDs)"));
        List<String> users = rerun.users();
        List<String> groups = rerun.groups();
        if (!groups.isEmpty() && !tenant.matches(GUID)) {
            throw new ConfigException("teams.tenant", "must be the tenant id when teams.rerun.groups are named: group "
                    + "membership is read from Microsoft Graph in that tenant");
        }
        URI runbooks = ConfigLoader.url(teams, "teams", "runbookBaseUrl").orElse(null);
        int maxLinks = (int) ConfigLoader.integer(teams, "teams", "maxLinksPerMessage", 3, 1, 20);
        URI metadata = ConfigLoader.url(teams, "teams", "openIdMetadataUrl")
                .orElse(URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration"));
        URI login = ConfigLoader.url(teams, "teams", "loginBaseUrl").orElse(URI.create("https://login.microsoftonline.com"));
        URI graph = ConfigLoader.url(teams, "teams", "graphBaseUrl").orElse(URI.create("https://graph.microsoft.com"));
        URI test = ConfigLoader.url(teams, "teams", "testServiceUrl").orElse(null);
        return new TeamsSection(appId, password, tenant, tenants, users, groups, runbooks, maxLinks, metadata, login,
                graph, test, notifiers(teams, "teams", "19:[^\\s;]+@thread\\.[a-z0-9]+", "Teams channel ids like 19:...@thread.tacv2",
                        "28:[^\\s]+|" + GUID, "Teams bot ids (28:...) or app ids (GUIDs)"),
                ConfigLoader.url(teams, "teams", "proactiveServiceUrl").orElse(null),
                Duration.ofMillis(ConfigLoader.integer(teams, "teams", "postIntervalMillis", 0, 0, 60_000)));
    }

    /** A list of ids under {@code field}, each matching {@code pattern}; {@code expected} words them in a problem. */
    private record IdList(String field, String pattern, String expected) {
    }

    /** Who may rerun jobs from chat: people and groups of people. */
    private record Rerun(List<String> users, List<String> groups) {
    }

    /** {@code KEY.rerun}: the users and the groups allowed to rerun, both optional. */
    private static Rerun rerun(JsonNode parent, String key, IdList users, IdList groups) {
        JsonNode node = parent.get("rerun");
        if (node == null || node.isNull()) {
            return new Rerun(List.of(), List.of());
        }
        String at = key + ".rerun";
        if (!node.isObject()) {
            throw new ConfigException(at, "must be a mapping with " + users.field() + " and/or " + groups.field());
        }
        ConfigLoader.rejectUnknown(node, at, Set.of(users.field(), groups.field()));
        return new Rerun(ConfigLoader.ids(node, at, users.field(), users.pattern(), users.expected()),
                ConfigLoader.ids(node, at, groups.field(), groups.pattern(), groups.expected()));
    }

    /** {@code KEY.notifiers}: both lists or neither, so a half-written section cannot sit there doing nothing. */
    private static NotifierSection notifiers(JsonNode parent, String key, String channelPattern, String channels,
            String botPattern, String bots) {
        JsonNode node = parent.get("notifiers");
        if (node == null || node.isNull()) {
            return NotifierSection.off();
        }
        String at = key + ".notifiers";
        if (!node.isObject()) {
            throw new ConfigException(at, "must be a mapping with channels and bots");
        }
        ConfigLoader.rejectUnknown(node, at, Set.of("channels", "bots"));
        NotifierSection section = new NotifierSection(ConfigLoader.ids(node, at, "channels", channelPattern, channels),
                ConfigLoader.ids(node, at, "bots", botPattern, bots));
        if (section.channels().isEmpty() || section.bots().isEmpty()) {
            throw new ConfigException(at, "needs both channels and bots: the notifier bots whose messages are triaged, "
                    + "and the channels where");
        }
        return section;
    }
}
