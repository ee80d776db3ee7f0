package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pipelinetriage.chat.RefusedLinks;
import dev.pipelinetriage.domain.CiKind;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the YAML configuration file and validates it at start-up. Every problem is a {@link ConfigException}
 * naming the key ({@code ci.instances[1].webUrl}) and what is wrong. Unknown keys inside {@code ci:} are
 * rejected (a typo must not silently disable something), and so are unknown keys inside {@code slack:},
 * {@code teams:}, {@code store:} and {@code tickets:}. For {@code serve} a top-level section that is not one of
 * {@link ConfigSections#KNOWN} is rejected too; sections owned by other parts of the bot are read by their owners.
 */
public final class ConfigLoader {
    /** The environment variable naming the configuration file when {@code --config} is not given. */
    public static final String ENV_VAR = "PIPELINE_TRIAGE_CONFIG";

    private static final Set<String> CI_KEYS = Set.of("instances", "maxLogBytes", "requestTimeoutSeconds", "maxConcurrentRequests",
            "compareLastGreenRun");
    private static final Set<String> SLACK_KEYS = Set.of("signingSecret", "botToken", "appToken", "allowedChannels",
            "rerun", "runbookBaseUrl", "apiBaseUrl", "maxLinksPerMessage", "postIntervalMillis", "notifiers", "refusedLinks");
    private static final Set<String> TEAMS_KEYS = Set.of("appId", "appPassword", "tenant", "allowedTenants", "rerun",
            "runbookBaseUrl", "maxLinksPerMessage", "openIdMetadataUrl", "loginBaseUrl", "graphBaseUrl", "testServiceUrl", "notifiers",
            "proactiveServiceUrl");
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Set<String> INSTANCE_KEYS = Set.of("name", "type", "webUrl", "apiUrl", "token", "username",
            "logHosts", "maxConcurrentRequests");
    /** Where GitHub's log endpoint redirects (the API description's example and blob storage seen in practice). */
    private static final List<String> GITHUB_LOG_HOSTS = List.of("*.blob.core.windows.net", "*.actions.githubusercontent.com");

    private ConfigLoader() {
    }

    /** The file to read: {@code --config} first, else {@value #ENV_VAR}. */
    public static Optional<Path> locate(Optional<Path> cliPath, Map<String, String> env) {
        if (cliPath.isPresent()) {
            return cliPath;
        }
        String fromEnv = env.get(ENV_VAR);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv.strip()));
    }

    static String read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        return text;
    }

    /** The {@code ci:} section only; other sections belong to the commands that use them and are not read. */
    public static AppConfig parse(String yaml) {
        return new AppConfig(ci(root(yaml)));
    }

    /** The {@code ci:}, {@code slack:}, {@code teams:}, {@code store:} and {@code tickets:} sections, each validated. */
    public static AppConfig parseForServe(String yaml) {
        return parseForServe(root(yaml));
    }

    static AppConfig parseForServe(JsonNode root) {
        List<ConfigException> unknown = ConfigSections.unknown(root);
        if (!unknown.isEmpty()) {
            throw unknown.getFirst();
        }
        SlackSection slack = root.has("slack") && !root.get("slack").isNull() ? slack(root.get("slack")) : null;
        TeamsSection teams = root.has("teams") && !root.get("teams").isNull() ? teams(root.get("teams")) : null;
        TicketsSection tickets = root.has("tickets") && !root.get("tickets").isNull() ? tickets(root.get("tickets")) : null;
        return new AppConfig(ci(root), slack, store(root.get("store")), teams, tickets);
    }

    /**
     * Every problem {@link #parseForServe} would stop at, not just the first: unknown sections, then each section
     * checked on its own (and each CI instance on its own), so one run of {@code config check} names them all.
     * Within one section or instance, checking stops at its first problem.
     */
    public static List<ConfigException> problemsForServe(String yaml) {
        JsonNode root;
        try {
            root = root(yaml);
        } catch (ConfigException e) {
            return List.of(e);
        }
        return problemsForServe(root);
    }

    static List<ConfigException> problemsForServe(JsonNode root) {
        List<ConfigException> problems = new ArrayList<>(ConfigSections.unknown(root));
        JsonNode ci = root.get("ci");
        JsonNode instances = ci == null ? null : ci.get("instances");
        if (instances != null && instances.isArray()) {
            for (int i = 0; i < instances.size(); i++) {
                int index = i;
                collect(problems, () -> instance(instances.get(index), "ci.instances[" + index + "]", 8));
            }
        }
        collect(problems, () -> ci(root));
        List<Map.Entry<String, java.util.function.Consumer<JsonNode>>> optional = List.of(
                Map.entry("slack", ConfigLoader::slack), Map.entry("teams", ConfigLoader::teams),
                Map.entry("tickets", ConfigLoader::tickets));
        for (var section : optional) {
            JsonNode node = root.get(section.getKey());
            if (node != null && !node.isNull()) {
                collect(problems, () -> section.getValue().accept(node));
            }
        }
        collect(problems, () -> store(root.get("store")));
        return List.copyOf(problems);
    }

    /** Runs one check; its problem is kept unless an earlier check already reported the same one. */
    static void collect(List<ConfigException> problems, Runnable check) {
        try {
            check.run();
        } catch (ConfigException e) {
            if (problems.stream().noneMatch(p -> p.getMessage().equals(e.getMessage()))) {
                problems.add(e);
            }
        }
    }

    private static CiConfig ci(JsonNode root) {
        JsonNode ci = root.get("ci");
        if (ci == null || !ci.isObject()) {
            throw new ConfigException("ci", "missing: list the CI instances under ci.instances");
        }
        return ciSection(ci);
    }

    static JsonNode root(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException("configuration is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("configuration", "the top level must be a mapping with a 'ci' section");
        }
        return root;
    }

    private static SlackSection slack(JsonNode slack) {
        if (!slack.isObject()) {
            throw new ConfigException("slack", "must be a mapping with signingSecret and botToken");
        }
        rejectUnknown(slack, "slack", SLACK_KEYS);
        CredentialSource signing = token(slack.get("signingSecret"), "slack.signingSecret");
        CredentialSource bot = token(slack.get("botToken"), "slack.botToken");
        CredentialSource app = slack.has("appToken") && !slack.get("appToken").isNull()
                ? token(slack.get("appToken"), "slack.appToken") : null;
        List<String> users = List.of();
        List<String> groups = List.of();
        JsonNode rerun = slack.get("rerun");
        if (rerun != null && !rerun.isNull()) {
            if (!rerun.isObject()) {
                throw new ConfigException("slack.rerun", "must be a mapping with users and/or userGroups");
            }
            rejectUnknown(rerun, "slack.rerun", Set.of("users", "userGroups"));
            users = ids(rerun, "slack.rerun", "users", "[UW][A-Z0-9]{2,30}", "Slack user ids like U012AB3CD");
            groups = ids(rerun, "slack.rerun", "userGroups", "S[A-Z0-9]{2,30}", "Slack user group ids like S0614TZR7");
        }
        List<String> channels = ids(slack, "slack", "allowedChannels", "[CGD][A-Z0-9]{2,30}", "Slack channel ids like C012AB3CD");
        URI runbooks = url(slack, "slack", "runbookBaseUrl").orElse(null);
        URI api = url(slack, "slack", "apiBaseUrl").orElse(URI.create("https://slack.com/api"));
        int maxLinks = (int) integer(slack, "slack", "maxLinksPerMessage", 3, 1, 20);
        long interval = integer(slack, "slack", "postIntervalMillis", 0, 0, 60_000);
        String refused = text(slack, "slack", "refusedLinks", false);
        RefusedLinks refusedLinks = refused == null ? RefusedLinks.EPHEMERAL : RefusedLinks.fromWireName(refused)
                .orElseThrow(() -> new ConfigException("slack.refusedLinks", "must be ephemeral, reaction or silent, got '"
                        + refused + "'"));
        return new SlackSection(signing, bot, app, channels, users, groups, runbooks, api, maxLinks,
                Duration.ofMillis(interval), notifiers(slack, "slack", "[CG][A-Z0-9]{2,30}", "Slack channel ids like C012AB3CD",
                "[BA][A-Z0-9]{2,30}", "Slack bot ids (B...) or app ids (A...)"), refusedLinks);
    }

    private static TeamsSection teams(JsonNode teams) {
        if (!teams.isObject()) {
            throw new ConfigException("teams", "must be a mapping with appId, appPassword and allowedTenants");
        }
        rejectUnknown(teams, "teams", TEAMS_KEYS);
        String appId = text(teams, "teams", "appId", true);
        if (!appId.matches(GUID)) {
            throw new ConfigException("teams.appId", "must be the bot's Microsoft App ID (a GUID), got '" + abbreviate(appId) + "'");
        }
        CredentialSource password = token(teams.get("appPassword"), "teams.appPassword");
        String tenant = Optional.ofNullable(text(teams, "teams", "tenant", false)).orElse("botframework.com");
        if (!tenant.matches(GUID) && !tenant.equals("botframework.com")) {
            throw new ConfigException("teams.tenant", "must be a tenant id (GUID) or botframework.com, got '" + abbreviate(tenant) + "'");
        }
        List<String> tenants = ids(teams, "teams", "allowedTenants", GUID, "tenant ids (GUIDs)");
        if (tenants.isEmpty()) {
            throw new ConfigException("teams.allowedTenants", "required: the tenant ids whose Teams may use the bot");
        }
        List<String> users = List.of();
        List<String> groups = List.of();
        JsonNode rerun = teams.get("rerun");
        if (rerun != null && !rerun.isNull()) {
            if (!rerun.isObject()) {
                throw new ConfigException("teams.rerun", "must be a mapping with users and/or groups");
            }
            rejectUnknown(rerun, "teams.rerun", Set.of("users", "groups"));
            users = ids(rerun, "teams.rerun", "users", GUID, "Entra object ids (GUIDs)");
            groups = ids(rerun, "teams.rerun", "groups", GUID, "Entra group ids (GUIDs)");
        }
        if (!groups.isEmpty() && !tenant.matches(GUID)) {
            throw new ConfigException("teams.tenant", "must be the tenant id when teams.rerun.groups are named: group "
                    + "membership is read from Microsoft Graph in that tenant");
        }
        URI runbooks = url(teams, "teams", "runbookBaseUrl").orElse(null);
        int maxLinks = (int) integer(teams, "teams", "maxLinksPerMessage", 3, 1, 20);
        URI metadata = url(teams, "teams", "openIdMetadataUrl")
                .orElse(URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration"));
        URI login = url(teams, "teams", "loginBaseUrl").orElse(URI.create("https://login.microsoftonline.com"));
        URI graph = url(teams, "teams", "graphBaseUrl").orElse(URI.create("https://graph.microsoft.com"));
        URI test = url(teams, "teams", "testServiceUrl").orElse(null);
        return new TeamsSection(appId, password, tenant, tenants, users, groups, runbooks, maxLinks, metadata, login,
                graph, test, notifiers(teams, "teams", "19:[^\\s;]+@thread\\.[a-z0-9]+", "Teams channel ids like 19:...@thread.tacv2",
                        "28:[^\\s]+|" + GUID, "Teams bot ids (28:...) or app ids (GUIDs)"),
                url(teams, "teams", "proactiveServiceUrl").orElse(null));
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
        rejectUnknown(node, at, Set.of("channels", "bots"));
        NotifierSection section = new NotifierSection(ids(node, at, "channels", channelPattern, channels),
                ids(node, at, "bots", botPattern, bots));
        if (section.channels().isEmpty() || section.bots().isEmpty()) {
            throw new ConfigException(at, "needs both channels and bots: the notifier bots whose messages are triaged, "
                    + "and the channels where");
        }
        return section;
    }

    private static StoreSection store(JsonNode store) {
        if (store == null || store.isNull()) {
            return new StoreSection(AppConfig.DEFAULT_DATA_DIRECTORY);
        }
        if (!store.isObject()) {
            throw new ConfigException("store", "must be a mapping with type (embedded or postgres)");
        }
        if (store.has("kind") && store.has("type")) {
            throw new ConfigException("store.kind", "give type (kind is its older spelling), not both");
        }
        String typeKey = store.has("kind") ? "kind" : "type";
        String type = text(store, "store", typeKey, false);
        if (type == null || type.equals("embedded")) {
            rejectUnknown(store, "store", Set.of(typeKey, "directory"));
            String directory = text(store, "store", "directory", false);
            return new StoreSection(directory == null ? AppConfig.DEFAULT_DATA_DIRECTORY : Path.of(directory));
        }
        if (!type.equals("postgres")) {
            throw new ConfigException("store." + typeKey, "must be embedded or postgres, got '" + abbreviate(type) + "'");
        }
        rejectUnknown(store, "store", Set.of(typeKey, "url", "user", "password", "maxConnections"));
        String url = text(store, "store", "url", true);
        if (!url.matches("jdbc:postgresql://[^\\s@]+")) {
            throw new ConfigException("store.url", "must be jdbc:postgresql://HOST[:PORT]/DATABASE without credentials, got '"
                    + abbreviate(url.replaceAll("(?i)password=[^&]*", "password=***")) + "'");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new ConfigException("store.url", "must not contain the password; use store.password {env: ...}");
        }
        String user = text(store, "store", "user", true);
        CredentialSource password = token(store.get("password"), "store.password");
        int connections = (int) integer(store, "store", "maxConnections", 10, 1, 200);
        return new StoreSection(StoreSection.Type.POSTGRES, null, url, user, password, connections);
    }

    private static final Set<String> TICKET_KEYS = Set.of("tracker", "baseUrl", "project", "repository", "issueType",
            "labels", "components", "user", "token", "reopen", "reopenTransition", "thresholds", "commentIntervalHours",
            "reconcileAfterMinutes", "retentionDays", "runbookBaseUrl");

    private static TicketsSection tickets(JsonNode node) {
        if (!node.isObject()) {
            throw new ConfigException("tickets", "must be a mapping with tracker, token and the project or repository");
        }
        rejectUnknown(node, "tickets", TICKET_KEYS);
        String trackerText = text(node, "tickets", "tracker", true);
        TicketsSection.Tracker tracker = java.util.Arrays.stream(TicketsSection.Tracker.values())
                .filter(t -> t.wireName().equals(trackerText)).findFirst()
                .orElseThrow(() -> new ConfigException("tickets.tracker", "must be jira-cloud, jira-datacenter or github, got '"
                        + abbreviate(trackerText) + "'"));
        boolean jira = tracker != TicketsSection.Tracker.GITHUB;
        URI base = url(node, "tickets", "baseUrl").orElseGet(() -> {
            if (jira) {
                throw new ConfigException("tickets.baseUrl", "required for " + tracker.wireName()
                        + " (e.g. https://your-domain.atlassian.net)");
            }
            return URI.create("https://api.github.com");
        });
        String project = text(node, "tickets", "project", false);
        String repository = text(node, "tickets", "repository", false);
        String issueType = text(node, "tickets", "issueType", false);
        String user = text(node, "tickets", "user", false);
        String transition = text(node, "tickets", "reopenTransition", false);
        List<String> components = strings(node, "tickets", "components");
        if (jira) {
            if (project == null || !project.matches("[A-Z][A-Z0-9_]{0,49}")) {
                throw new ConfigException("tickets.project", project == null ? "required for Jira: the project key, e.g. OPS"
                        : "must be a Jira project key like OPS, got '" + abbreviate(project) + "'");
            }
            onlyFor(repository, "tickets.repository", "github");
            issueType = issueType == null ? "Bug" : issueType;
            if (tracker == TicketsSection.Tracker.JIRA_CLOUD && (user == null || !user.contains("@"))) {
                throw new ConfigException("tickets.user", "required for jira-cloud: the e-mail of the account the API token "
                        + "belongs to");
            }
            if (tracker == TicketsSection.Tracker.JIRA_DATA_CENTER) {
                onlyFor(user, "tickets.user", "jira-cloud (Data Center uses a personal access token)");
            }
        } else {
            if (repository == null || !repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
                throw new ConfigException("tickets.repository", "required for github: owner/repo, got '"
                        + abbreviate(String.valueOf(repository)) + "'");
            }
            onlyFor(project, "tickets.project", "Jira");
            onlyFor(issueType, "tickets.issueType", "Jira");
            onlyFor(user, "tickets.user", "jira-cloud");
            onlyFor(transition, "tickets.reopenTransition", "Jira");
            if (!components.isEmpty()) {
                throw new ConfigException("tickets.components", "only used by Jira");
            }
        }
        List<String> labels = strings(node, "tickets", "labels");
        for (int i = 0; i < labels.size(); i++) {
            if (!labels.get(i).matches("[A-Za-z0-9_.:-]{1,50}")) {
                throw new ConfigException("tickets.labels[" + i + "]", "must be 1-50 letters, digits, '.', '_', ':' or '-' "
                        + "(Jira labels cannot contain spaces), got '" + abbreviate(labels.get(i)) + "'");
            }
        }
        CredentialSource token = token(node.get("token"), "tickets.token");
        return new TicketsSection(tracker, base, project, repository, issueType, labels, components, user, token, transition,
                policy(node));
    }

    private static dev.pipelinetriage.app.TicketPolicy policy(JsonNode node) {
        var defaults = dev.pipelinetriage.app.TicketPolicy.defaults();
        java.util.Map<dev.pipelinetriage.domain.Verdict, dev.pipelinetriage.app.TicketPolicy.Threshold> thresholds =
                new java.util.EnumMap<>(defaults.thresholds());
        JsonNode t = node.get("thresholds");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw new ConfigException("tickets.thresholds", "must be a mapping of code, platform, flaky, unknown");
            }
            rejectUnknown(t, "tickets.thresholds", Set.of("code", "platform", "flaky", "unknown"));
            for (var it = t.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                String key = "tickets.thresholds." + e.getKey();
                var verdict = dev.pipelinetriage.domain.Verdict.fromWireName(e.getKey());
                // YAML 1.1 reads an unquoted "off" as false.
                if (e.getValue().isBoolean() && !e.getValue().asBoolean()
                        || e.getValue().isTextual() && e.getValue().asText().equals("off")) {
                    thresholds.remove(verdict);
                    continue;
                }
                if (!e.getValue().isObject()) {
                    throw new ConfigException(key, "must be {activate, deactivate, windowDays} or off");
                }
                rejectUnknown(e.getValue(), key, Set.of("activate", "deactivate", "windowDays"));
                var fallback = thresholds.getOrDefault(verdict, defaults.thresholds().get(verdict));
                int activate = (int) integer(e.getValue(), key, "activate", fallback.activate(), 1, 100_000);
                int deactivate = (int) integer(e.getValue(), key, "deactivate", Math.min(fallback.deactivate(), activate - 1),
                        0, 100_000);
                if (deactivate >= activate) {
                    throw new ConfigException(key + ".deactivate", "must be below activate (" + activate + "), got " + deactivate);
                }
                long days = integer(e.getValue(), key, "windowDays", fallback.window().toDays(), 1, 365);
                thresholds.put(verdict, new dev.pipelinetriage.app.TicketPolicy.Threshold(activate, deactivate,
                        Duration.ofDays(days)));
            }
        }
        String reopen = text(node, "tickets", "reopen", false);
        var policy = reopen == null || reopen.equals("reopen") ? dev.pipelinetriage.app.TicketPolicy.Reopen.REOPEN
                : reopen.equals("new") ? dev.pipelinetriage.app.TicketPolicy.Reopen.NEW : null;
        if (policy == null) {
            throw new ConfigException("tickets.reopen", "must be reopen or new, got '" + abbreviate(reopen) + "'");
        }
        long commentHours = integer(node, "tickets", "commentIntervalHours", 24, 1, 24 * 30);
        long reconcileMinutes = integer(node, "tickets", "reconcileAfterMinutes", 5, 1, 24 * 60);
        long retentionDays = integer(node, "tickets", "retentionDays", 90, 1, 3650);
        long longest = thresholds.values().stream().mapToLong(x -> x.window().toDays()).max().orElse(0);
        if (retentionDays < longest) {
            throw new ConfigException("tickets.retentionDays", "must be at least the longest threshold window (" + longest
                    + " days), got " + retentionDays);
        }
        String runbooks = url(node, "tickets", "runbookBaseUrl").map(URI::toString).orElse(null);
        return new dev.pipelinetriage.app.TicketPolicy(thresholds, Duration.ofHours(commentHours), policy,
                Duration.ofMinutes(reconcileMinutes), Duration.ofDays(retentionDays), runbooks);
    }

    private static void onlyFor(String value, String key, String owner) {
        if (value != null) {
            throw new ConfigException(key, "only used by " + owner);
        }
    }

    private static List<String> strings(JsonNode node, String key, String field) {
        JsonNode list = node.get(field);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(key + "." + field, "must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual() || list.get(i).asText().isBlank()) {
                throw new ConfigException(key + "." + field + "[" + i + "]", "must be a non-empty string");
            }
            values.add(list.get(i).asText().strip());
        }
        return List.copyOf(values);
    }

    static List<String> ids(JsonNode node, String key, String field, String pattern, String expected) {
        JsonNode list = node.get(field);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(key + "." + field, "must be a list of " + expected);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String id = list.get(i).asText("").strip();
            if (!id.matches(pattern)) {
                throw new ConfigException(key + "." + field + "[" + i + "]", "must be one of " + expected + ", got '"
                        + abbreviate(id) + "'");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    private static CiConfig ciSection(JsonNode ci) {
        rejectUnknown(ci, "ci", CI_KEYS);
        long maxLogBytes = integer(ci, "ci", "maxLogBytes", 16L * 1024 * 1024, 1024, 1L << 30);
        long timeout = integer(ci, "ci", "requestTimeoutSeconds", 20, 1, 300);
        int concurrency = (int) integer(ci, "ci", "maxConcurrentRequests", 8, 1, 100);
        boolean compareLastGreenRun = flag(ci, "ci", "compareLastGreenRun", true);
        JsonNode list = ci.get("instances");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ConfigException("ci.instances", "must be a non-empty list of CI instances");
        }
        List<CiInstanceConfig> instances = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> webUrls = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String key = "ci.instances[" + i + "]";
            CiInstanceConfig instance = instance(list.get(i), key, concurrency);
            if (!names.add(instance.name())) {
                throw new ConfigException(key + ".name", "'" + instance.name() + "' is used by another instance");
            }
            if (!webUrls.add(instance.webUrl().toString())) {
                throw new ConfigException(key + ".webUrl", instance.webUrl() + " is used by another instance; links "
                        + "could not be told apart");
            }
            instances.add(instance);
        }
        return new CiConfig(instances, maxLogBytes, Duration.ofSeconds(timeout), compareLastGreenRun);
    }

    private static CiInstanceConfig instance(JsonNode node, String key, int defaultConcurrency) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(key, "must be a mapping with name, type and token");
        }
        rejectUnknown(node, key, INSTANCE_KEYS);
        String name = text(node, key, "name", true);
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new ConfigException(key + ".name", "must be lower-case letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        String typeText = text(node, key, "type", true);
        CiKind type;
        try {
            type = CiKind.fromWireName(typeText.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ".type", e.getMessage());
        }
        URI web = url(node, key, "webUrl").orElseGet(() -> switch (type) {
            case GITHUB -> URI.create("https://github.com");
            case GITLAB -> URI.create("https://gitlab.com");
            case JENKINS, AZURE -> throw new ConfigException(key + ".webUrl", "required for " + type.wireName()
                    + (type == CiKind.AZURE ? " (e.g. https://dev.azure.com/ORG)" : " (e.g. https://jenkins.example.com)"));
        });
        URI api = url(node, key, "apiUrl").orElseGet(() -> defaultApi(type, web));
        String username = text(node, key, "username", false);
        if (type == CiKind.JENKINS && username == null) {
            throw new ConfigException(key + ".username", "required for jenkins: the user the API token belongs to");
        }
        if (type != CiKind.JENKINS && username != null) {
            throw new ConfigException(key + ".username", "only used by jenkins instances");
        }
        List<String> logHosts = new ArrayList<>();
        JsonNode hosts = node.get("logHosts");
        if (hosts != null) {
            if (type != CiKind.GITHUB) {
                throw new ConfigException(key + ".logHosts", "only used by github instances");
            }
            if (!hosts.isArray()) {
                throw new ConfigException(key + ".logHosts", "must be a list of host names or *.suffix patterns");
            }
            for (int i = 0; i < hosts.size(); i++) {
                String h = hosts.get(i).asText("").strip().toLowerCase(Locale.ROOT);
                if (!h.matches("(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
                    throw new ConfigException(key + ".logHosts[" + i + "]", "must be a host name or *.suffix, got '" + h + "'");
                }
                logHosts.add(h);
            }
        } else if (type == CiKind.GITHUB) {
            logHosts.addAll(GITHUB_LOG_HOSTS);
        }
        int concurrency = (int) integer(node, key, "maxConcurrentRequests", defaultConcurrency, 1, 100);
        return new CiInstanceConfig(name, type, web, api, token(node.get("token"), key + ".token"), username, logHosts,
                concurrency);
    }

    private static URI defaultApi(CiKind type, URI web) {
        String base = web.toString().replaceAll("/+$", "");
        return switch (type) {
            case GITHUB -> web.getHost().equals("github.com") ? URI.create("https://api.github.com") : URI.create(base + "/api/v3");
            case GITLAB -> URI.create(base + "/api/v4");
            case JENKINS, AZURE -> web;
        };
    }

    static CredentialSource token(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            throw new ConfigException(key, "required: {env: VARIABLE} or {file: /path/to/token}");
        }
        if (!node.isObject()) {
            throw new ConfigException(key, "inline secrets are not allowed in the configuration file; use {env: VARIABLE} "
                    + "or {file: /path/to/token}");
        }
        rejectUnknown(node, key, Set.of("env", "file"));
        boolean env = node.has("env");
        boolean file = node.has("file");
        if (env == file) {
            throw new ConfigException(key, "give exactly one of env or file");
        }
        if (env) {
            String variable = node.get("env").asText("");
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                throw new ConfigException(key + ".env", "must be an environment variable name, got '" + abbreviate(variable) + "'");
            }
            return new CredentialSource.FromEnv(variable);
        }
        String path = node.get("file").asText("");
        if (path.isBlank() || !Path.of(path).isAbsolute()) {
            throw new ConfigException(key + ".file", "must be an absolute path, got '" + abbreviate(path) + "'");
        }
        return new CredentialSource.FromFile(Path.of(path));
    }

    static Optional<URI> url(JsonNode node, String key, String field) {
        String value = text(node, key, field, false);
        if (value == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException(key + "." + field, "is not a valid URL: '" + abbreviate(value) + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new ConfigException(key + "." + field, "must be an absolute http(s) URL with a host, got '" + abbreviate(value) + "'");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(key + "." + field, "must not contain user info, a query or a fragment (credentials go "
                    + "in token)");
        }
        return Optional.of(URI.create(value.strip().replaceAll("/+$", "")));
    }

    static String text(JsonNode node, String key, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ConfigException(key + "." + field, "required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ConfigException(key + "." + field, "must be a non-empty string");
        }
        return v.asText().strip();
    }

    static long integer(JsonNode node, String key, String field, long fallback, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new ConfigException(key + "." + field, "must be a whole number in " + min + ".." + max + ", got '"
                    + abbreviate(v.asText()) + "'");
        }
        return v.asLong();
    }

    static boolean flag(JsonNode node, String key, String field, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new ConfigException(key + "." + field, "must be true or false, got '" + abbreviate(v.asText()) + "'");
        }
        return v.asBoolean();
    }

    static void rejectUnknown(JsonNode node, String key, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new ConfigException(key + "." + field, "unknown key (expected one of " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
