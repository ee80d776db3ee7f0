package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinetriage.app.TicketPolicy;
import dev.pipelinetriage.domain.Verdict;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code tickets:} section: the tracker, its credentials and when recurring failures become tickets. */
final class TicketsConfigLoader {
    private static final Set<String> TICKET_KEYS = Set.of("tracker", "baseUrl", "project", "repository", "issueType",
            "labels", "components", "user", "token", "reopen", "reopenTransition", "thresholds", "commentIntervalHours",
            "reconcileAfterMinutes", "retentionDays", "runbookBaseUrl");


    private TicketsConfigLoader() {
    }

    static TicketsSection tickets(JsonNode node) {
        if (!node.isObject()) {
            throw new ConfigException("tickets", "must be a mapping with tracker, token and the project or repository");
        }
        ConfigLoader.rejectUnknown(node, "tickets", TICKET_KEYS);
        String trackerText = ConfigLoader.text(node, "tickets", "tracker", true);
        TicketsSection.Tracker tracker = Arrays.stream(TicketsSection.Tracker.values())
                .filter(t -> t.wireName().equals(trackerText)).findFirst()
                .orElseThrow(() -> new ConfigException("tickets.tracker", "must be jira-cloud, jira-datacenter or github, got '"
                        + ConfigLoader.abbreviate(trackerText) + "'"));
        boolean jira = tracker != TicketsSection.Tracker.GITHUB;
        URI base = ConfigLoader.url(node, "tickets", "baseUrl").orElseGet(() -> {
            if (jira) {
                throw new ConfigException("tickets.baseUrl", "required for " + tracker.wireName()
                        + " (e.g. https://your-domain.atlassian.net)");
            }
            return URI.create("https://api.github.com");
        });
        String project = ConfigLoader.text(node, "tickets", "project", false);
        String repository = ConfigLoader.text(node, "tickets", "repository", false);
        String issueType = ConfigLoader.text(node, "tickets", "issueType", false);
        String user = ConfigLoader.text(node, "tickets", "user", false);
        String transition = ConfigLoader.text(node, "tickets", "reopenTransition", false);
        List<String> components = strings(node, "tickets", "components");
        if (jira) {
            if (project == null || !project.matches("[A-Z][A-Z0-9_]{0,49}")) {
                throw new ConfigException("tickets.project", project == null ? "required for Jira: the project key, e.g. OPS"
                        : "must be a Jira project key like OPS, got '" + ConfigLoader.abbreviate(project) + "'");
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
                        + ConfigLoader.abbreviate(String.valueOf(repository)) + "'");
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
                        + "(Jira labels cannot contain spaces), got '" + ConfigLoader.abbreviate(labels.get(i)) + "'");
            }
        }
        CredentialSource token = ConfigLoader.token(node.get("token"), "tickets.token");
        return new TicketsSection(tracker, base, project, repository, issueType, labels, components, user, token, transition,
                policy(node));
    }

    private static TicketPolicy policy(JsonNode node) {
        var defaults = TicketPolicy.defaults();
        Map<Verdict, TicketPolicy.Threshold> thresholds =
                new EnumMap<>(defaults.thresholds());
        JsonNode t = node.get("thresholds");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw new ConfigException("tickets.thresholds", "must be a mapping of code, platform, flaky, unknown");
            }
            ConfigLoader.rejectUnknown(t, "tickets.thresholds", Set.of("code", "platform", "flaky", "unknown"));
            for (var it = t.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                String key = "tickets.thresholds." + e.getKey();
                var verdict = Verdict.fromWireName(e.getKey());
                // YAML 1.1 reads an unquoted "off" as false.
                if (e.getValue().isBoolean() && !e.getValue().asBoolean()
                        || e.getValue().isTextual() && e.getValue().asText().equals("off")) {
                    thresholds.remove(verdict);
                    continue;
                }
                if (!e.getValue().isObject()) {
                    throw new ConfigException(key, "must be {activate, deactivate, windowDays} or off");
                }
                ConfigLoader.rejectUnknown(e.getValue(), key, Set.of("activate", "deactivate", "windowDays"));
                var fallback = thresholds.getOrDefault(verdict, defaults.thresholds().get(verdict));
                int activate = (int) ConfigLoader.integer(e.getValue(), key, "activate", fallback.activate(), 1, 100_000);
                int deactivate = (int) ConfigLoader.integer(e.getValue(), key, "deactivate", Math.min(fallback.deactivate(), activate - 1),
                        0, 100_000);
                if (deactivate >= activate) {
                    throw new ConfigException(key + ".deactivate", "must be below activate (" + activate + "), got " + deactivate);
                }
                long days = ConfigLoader.integer(e.getValue(), key, "windowDays", fallback.window().toDays(), 1, 365);
                thresholds.put(verdict, new TicketPolicy.Threshold(activate, deactivate,
                        Duration.ofDays(days)));
            }
        }
        String reopen = ConfigLoader.text(node, "tickets", "reopen", false);
        var policy = reopen == null || reopen.equals("reopen") ? TicketPolicy.Reopen.REOPEN
                : reopen.equals("new") ? TicketPolicy.Reopen.NEW : null;
        if (policy == null) {
            throw new ConfigException("tickets.reopen", "must be reopen or new, got '" + ConfigLoader.abbreviate(reopen) + "'");
        }
        long commentHours = ConfigLoader.integer(node, "tickets", "commentIntervalHours", 24, 1, 24 * 30);
        long reconcileMinutes = ConfigLoader.integer(node, "tickets", "reconcileAfterMinutes", 5, 1, 24 * 60);
        long retentionDays = ConfigLoader.integer(node, "tickets", "retentionDays", 90, 1, 3650);
        long longest = thresholds.values().stream().mapToLong(x -> x.window().toDays()).max().orElse(0);
        if (retentionDays < longest) {
            throw new ConfigException("tickets.retentionDays", "must be at least the longest threshold window (" + longest
                    + " days), got " + retentionDays);
        }
        String runbooks = ConfigLoader.url(node, "tickets", "runbookBaseUrl").map(URI::toString).orElse(null);
        return new TicketPolicy(thresholds, Duration.ofHours(commentHours), policy,
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
}
