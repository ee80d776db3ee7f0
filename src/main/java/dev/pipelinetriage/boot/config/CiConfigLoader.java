package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinetriage.domain.CiKind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code ci:} section: the CI instances links may name, and the limits on reading their logs. */
final class CiConfigLoader {
    private static final Set<String> CI_KEYS = Set.of("instances", "maxLogBytes", "requestTimeoutSeconds", "maxConcurrentRequests",
            "compareLastGreenRun");
    private static final Set<String> INSTANCE_KEYS = Set.of("name", "type", "webUrl", "apiUrl", "token", "username",
            "logHosts", "maxConcurrentRequests", "rerunForkRunsIn");
    /** Where GitHub's log endpoint redirects (the API description's example and blob storage seen in practice). */
    private static final List<String> GITHUB_LOG_HOSTS = List.of("*.blob.core.windows.net", "*.actions.githubusercontent.com");


    private CiConfigLoader() {
    }

    static CiConfig ci(JsonNode root) {
        JsonNode ci = root.get("ci");
        if (ci == null || !ci.isObject()) {
            throw new ConfigException("ci", "missing: list the CI instances under ci.instances");
        }
        return ciSection(ci);
    }

    private static CiConfig ciSection(JsonNode ci) {
        ConfigLoader.rejectUnknown(ci, "ci", CI_KEYS);
        long maxLogBytes = ConfigLoader.integer(ci, "ci", "maxLogBytes", 16L * 1024 * 1024, 1024, 1L << 30);
        long timeout = ConfigLoader.integer(ci, "ci", "requestTimeoutSeconds", 20, 1, 300);
        int concurrency = (int) ConfigLoader.integer(ci, "ci", "maxConcurrentRequests", 8, 1, 100);
        boolean compareLastGreenRun = ConfigLoader.flag(ci, "ci", "compareLastGreenRun", true);
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

    static CiInstanceConfig instance(JsonNode node, String key, int defaultConcurrency) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(key, "must be a mapping with name, type and token");
        }
        ConfigLoader.rejectUnknown(node, key, INSTANCE_KEYS);
        String name = ConfigLoader.text(node, key, "name", true);
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new ConfigException(key + ".name", "must be lower-case letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        String typeText = ConfigLoader.text(node, key, "type", true);
        CiKind type;
        try {
            type = CiKind.fromWireName(typeText.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ".type", e.getMessage());
        }
        URI web = ConfigLoader.url(node, key, "webUrl").orElseGet(() -> switch (type) {
            case GITHUB -> URI.create("https://github.com");
            case GITLAB -> URI.create("https://gitlab.com");
            case JENKINS, AZURE -> throw new ConfigException(key + ".webUrl", "required for " + type.wireName()
                    + (type == CiKind.AZURE ? " (e.g. https://dev.azure.com/ORG)" : " (e.g. https://jenkins.example.com)"));
        });
        URI api = ConfigLoader.url(node, key, "apiUrl").orElseGet(() -> defaultApi(type, web));
        String username = ConfigLoader.text(node, key, "username", false);
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
        int concurrency = (int) ConfigLoader.integer(node, key, "maxConcurrentRequests", defaultConcurrency, 1, 100);
        List<String> forkReruns = switch (type) {
            case GITLAB -> ConfigLoader.ids(node, key, "rerunForkRunsIn", "[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+",
                    "project paths as group/project or group/subgroup/project");
            case AZURE -> ConfigLoader.ids(node, key, "rerunForkRunsIn", "[^/\\\\]+", "project names");
            default -> ConfigLoader.ids(node, key, "rerunForkRunsIn", "[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+",
                    "repositories as owner/repo");
        };
        if (!forkReruns.isEmpty() && type == CiKind.JENKINS) {
            throw new ConfigException(key + ".rerunForkRunsIn", "not used by jenkins instances");
        }
        return new CiInstanceConfig(name, type, web, api, ConfigLoader.token(node.get("token"), key + ".token"), username, logHosts,
                concurrency, forkReruns);
    }

    private static URI defaultApi(CiKind type, URI web) {
        String base = web.toString().replaceAll("/+$", "");
        return switch (type) {
            case GITHUB -> web.getHost().equals("github.com") ? URI.create("https://api.github.com") : URI.create(base + "/api/v3");
            case GITLAB -> URI.create(base + "/api/v4");
            case JENKINS, AZURE -> web;
        };
    }
}
