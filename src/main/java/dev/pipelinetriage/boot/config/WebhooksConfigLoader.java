package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinetriage.app.WebhookRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code webhooks:} section (the main loader leaves it to its owner, like {@code ops:}). Every problem
 * is a {@link ConfigException} naming the key; unknown keys are rejected.
 */
public final class WebhooksConfigLoader {
    private static final Set<String> KEYS = Set.of("sources", "routes", "defaultChannel", "outage", "rerunOutcomes");
    private static final Set<String> RERUN_KEYS = Set.of("flakyAfter", "windowDays");
    private static final Set<String> SOURCE_KEYS = Set.of("instance", "secret");
    private static final Set<String> ROUTE_KEYS = Set.of("repository", "branch", "channel");
    private static final Set<String> OUTAGE_KEYS = Set.of("threshold", "windowMinutes");
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private WebhooksConfigLoader() {
    }

    /** @param ci the configured instances: every source must name one */
    public static Optional<WebhooksSection> parse(String yaml, CiConfig ci) {
        return section(ConfigLoader.root(yaml), ci);
    }

    /** The {@code webhooks:} section of a parsed file. */
    static Optional<WebhooksSection> section(JsonNode root, CiConfig ci) {
        JsonNode node = root.get("webhooks");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new ConfigException("webhooks", "must be a mapping with sources and routes");
        }
        ConfigLoader.rejectUnknown(node, "webhooks", KEYS);
        List<WebhooksSection.Source> sources = sources(node.get("sources"), ci);
        List<WebhookRoutes.Rule> routes = routes(node.get("routes"));
        WebhookRoutes.ChatChannel fallback = node.hasNonNull("defaultChannel")
                ? channel(node.get("defaultChannel"), "webhooks.defaultChannel") : null;
        int threshold = 5;
        long window = 10;
        JsonNode outage = node.get("outage");
        if (outage != null && !outage.isNull()) {
            if (!outage.isObject()) {
                throw new ConfigException("webhooks.outage", "must be a mapping with threshold and windowMinutes");
            }
            ConfigLoader.rejectUnknown(outage, "webhooks.outage", OUTAGE_KEYS);
            threshold = (int) ConfigLoader.integer(outage, "webhooks.outage", "threshold", threshold, 2, 10_000);
            window = ConfigLoader.integer(outage, "webhooks.outage", "windowMinutes", window, 1, 24 * 60);
        }
        int flakyAfter = WebhooksSection.DEFAULT_FLAKY_AFTER;
        long flakyDays = WebhooksSection.DEFAULT_FLAKY_WINDOW.toDays();
        JsonNode reruns = node.get("rerunOutcomes");
        if (reruns != null && !reruns.isNull()) {
            if (!reruns.isObject()) {
                throw new ConfigException("webhooks.rerunOutcomes", "must be a mapping with flakyAfter and windowDays");
            }
            ConfigLoader.rejectUnknown(reruns, "webhooks.rerunOutcomes", RERUN_KEYS);
            flakyAfter = (int) ConfigLoader.integer(reruns, "webhooks.rerunOutcomes", "flakyAfter", flakyAfter, 0, 1_000);
            flakyDays = ConfigLoader.integer(reruns, "webhooks.rerunOutcomes", "windowDays", flakyDays, 1, 365);
        }
        return Optional.of(new WebhooksSection(sources, routes, fallback, threshold, Duration.ofMinutes(window),
                flakyAfter, Duration.ofDays(flakyDays)));
    }

    private static List<WebhooksSection.Source> sources(JsonNode list, CiConfig ci) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ConfigException("webhooks.sources", "must list at least one source: {instance: NAME, secret: {env: VARIABLE}}");
        }
        List<WebhooksSection.Source> sources = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String key = "webhooks.sources[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw new ConfigException(key, "must be a mapping with instance and secret");
            }
            ConfigLoader.rejectUnknown(node, key, SOURCE_KEYS);
            String instance = node.path("instance").asText("").strip();
            if (ci.instances().stream().noneMatch(c -> c.name().equals(instance))) {
                throw new ConfigException(key + ".instance", "must name one of ci.instances ("
                        + String.join(", ", ci.instances().stream().map(CiInstanceConfig::name).toList()) + "), got '"
                        + ConfigLoader.abbreviate(instance) + "'");
            }
            if (!seen.add(instance)) {
                throw new ConfigException(key + ".instance", "'" + instance + "' has another source already");
            }
            sources.add(new WebhooksSection.Source(instance, ConfigLoader.token(node.get("secret"), key + ".secret")));
        }
        return sources;
    }

    private static List<WebhookRoutes.Rule> routes(JsonNode list) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ConfigException("webhooks.routes", "must be a list of {repository, branch, channel}");
        }
        List<WebhookRoutes.Rule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String key = "webhooks.routes[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw new ConfigException(key, "must be a mapping with repository, branch and channel");
            }
            ConfigLoader.rejectUnknown(node, key, ROUTE_KEYS);
            String repository = glob(node, key, "repository");
            String branch = glob(node, key, "branch");
            if (!node.has("channel")) {
                throw new ConfigException(key + ".channel", "required: slack:CHANNEL_ID or teams:TENANT_ID:CONVERSATION_ID");
            }
            rules.add(new WebhookRoutes.Rule(i, repository, branch, channel(node.get("channel"), key + ".channel")));
        }
        return rules;
    }

    private static String glob(JsonNode node, String key, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "**";
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 200) {
            throw new ConfigException(key + "." + field, "must be a glob of 1..200 characters ('*' within a path segment, "
                    + "'**' across segments), got '" + ConfigLoader.abbreviate(value.asText()) + "'");
        }
        return value.asText().strip();
    }

    /** {@code slack:C0123ABC} or {@code teams:<tenant id>:<conversation id>}. */
    static WebhookRoutes.ChatChannel channel(JsonNode node, String key) {
        String text = node.isTextual() ? node.asText().strip() : "";
        if (text.startsWith("slack:") && text.substring(6).matches("[CGD][A-Z0-9]{2,30}")) {
            return new WebhookRoutes.ChatChannel("slack", "", text.substring(6));
        }
        if (text.startsWith("teams:")) {
            String rest = text.substring(6);
            int colon = rest.indexOf(':');
            if (colon > 0 && rest.substring(0, colon).matches(GUID) && rest.length() > colon + 1
                    && rest.length() - colon - 1 <= 200) {
                return new WebhookRoutes.ChatChannel("teams", rest.substring(0, colon), rest.substring(colon + 1));
            }
        }
        throw new ConfigException(key, "must be slack:CHANNEL_ID (like slack:C012AB3CD) or "
                + "teams:TENANT_ID:CONVERSATION_ID, got '" + ConfigLoader.abbreviate(text) + "'");
    }

}
