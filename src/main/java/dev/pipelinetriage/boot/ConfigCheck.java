package dev.pipelinetriage.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.CiInstanceConfig;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.CredentialSource;
import dev.pipelinetriage.boot.config.OpsConfigLoader;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.boot.config.SlackSection;
import dev.pipelinetriage.boot.config.StoreSection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code config check}: reads a configuration as {@code serve} would, says what the bot would do with it, and
 * names every problem. Secrets are read to see that they are there, and shown only as "set, N characters".
 * With reachability on, every configured service URL gets one GET with short timeouts; any HTTP answer (401
 * included) means the network path works.
 */
public final class ConfigCheck {
    private static final Set<String> KNOWN_SECTIONS = Set.of("ci", "slack", "teams", "tickets", "store", "ops");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private ConfigCheck() {
    }

    /**
     * @param lines what the bot would do, one line each, secrets masked
     * @param problems what must be fixed before {@code serve} can start (or reach what it needs)
     */
    public record Result(List<String> lines, List<String> problems) {
        public Result {
            lines = List.copyOf(lines);
            problems = List.copyOf(problems);
        }
    }

    /** Checks {@code path}; an unreadable or invalid file is a {@link ConfigException}. */
    public static Result run(Path path, Map<String, String> env, boolean reach) {
        AppConfig config = ConfigLoader.loadForServe(path);
        OpsSection ops = OpsConfigLoader.load(path, env);
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, URI> targets = new LinkedHashMap<>();
        lines.add("configuration: " + path);

        lines.add("ci: " + config.ci().instances().size() + " instance(s), log cap " + config.ci().maxLogBytes() / 1024
                + " KiB per job, request timeout " + config.ci().requestTimeout().toSeconds() + " s");
        for (int i = 0; i < config.ci().instances().size(); i++) {
            CiInstanceConfig ci = config.ci().instances().get(i);
            lines.add("  " + ci.name() + " (" + ci.type().wireName() + "): links from " + ci.webUrl() + ", API " + ci.apiUrl()
                    + ", token " + secret(ci.token(), "ci.instances[" + i + "].token", env, problems));
            targets.put("ci " + ci.name() + " API", ci.apiUrl());
        }

        config.slackSection().ifPresentOrElse(slack -> slack(slack, env, lines, problems, targets),
                () -> lines.add("slack: not configured"));
        config.teamsSection().ifPresentOrElse(teams -> {
            lines.add("teams: app " + teams.appId() + ", token tenant " + teams.tenant() + ", serving tenants "
                    + String.join(", ", teams.allowedTenants()));
            lines.add("  app password " + secret(teams.appPassword(), "teams.appPassword", env, problems));
            targets.put("teams OpenID metadata", teams.openIdMetadataUrl());
            targets.put("teams login", teams.loginBaseUrl());
            targets.put("teams Graph", teams.graphBaseUrl());
        }, () -> lines.add("teams: not configured"));
        if (config.slackSection().isEmpty() && config.teamsSection().isEmpty()) {
            problems.add("serve needs a slack or a teams section");
        }
        StoreSection store = config.store();
        switch (store.type()) {
            case EMBEDDED -> lines.add("store: embedded database in " + store.directory().toAbsolutePath()
                    + " (one replica only)");
            case POSTGRES -> lines.add("store: PostgreSQL at " + store.url() + " as " + store.user() + ", password "
                    + secret(store.password(), "store.password", env, problems));
        }
        config.ticketsSection().ifPresentOrElse(tickets -> {
            lines.add("tickets: " + tickets.tracker().name().toLowerCase(java.util.Locale.ROOT) + " at " + tickets.baseUrl()
                    + ", token " + secret(tickets.token(), "tickets.token", env, problems));
            targets.put("tickets tracker", tickets.baseUrl());
        }, () -> lines.add("tickets: not configured"));
        lines.add("knowledge base: " + ops.knowledgeBaseDirectory().map(d -> d + (ops.watchKnowledgeBase()
                ? " (reloaded when files change)" : " (reloaded on 'kb reload' only)")).orElse("bundled in the jar"));
        ops.knowledgeBaseDirectory().filter(d -> !Files.isDirectory(d))
                .ifPresent(d -> problems.add("knowledge base directory " + d + " does not exist"));
        lines.add("shutdown: in-flight work gets " + ops.shutdownGrace().toSeconds() + " s to finish");
        lines.add(ops.digestSection().map(d -> "weekly digest: " + d.platform() + " channel " + d.channel() + ", "
                + d.day().name().toLowerCase(java.util.Locale.ROOT) + "s at " + d.time() + " UTC")
                .orElse("weekly digest: off"));

        JsonNode root = tree(path);
        List<String> others = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String section = it.next();
            if (!KNOWN_SECTIONS.contains(section)) {
                others.add(section);
                collectUrls(section, root.get(section), targets);
            }
        }
        if (!others.isEmpty()) {
            lines.add("other sections (checked when their feature starts): " + String.join(", ", others));
        }

        if (reach) {
            lines.add("reachability (connect " + CONNECT_TIMEOUT.toSeconds() + " s, answer " + REQUEST_TIMEOUT.toSeconds()
                    + " s):");
            HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            targets.forEach((name, uri) -> {
                String outcome = probe(http, uri);
                lines.add("  " + name + " " + uri + ": " + outcome);
                if (!outcome.startsWith("reachable")) {
                    problems.add(name + " " + uri + " is " + outcome);
                }
            });
        }
        return new Result(lines, problems);
    }

    private static void slack(SlackSection slack, Map<String, String> env, List<String> lines, List<String> problems,
            Map<String, URI> targets) {
        lines.add("slack: events over " + (slack.socketModeToken().isPresent() ? "Socket Mode" : "HTTP (POST /slack/events)")
                + ", Web API " + slack.apiBaseUrl());
        lines.add("  signing secret " + secret(slack.signingSecret(), "slack.signingSecret", env, problems));
        lines.add("  bot token " + secret(slack.botToken(), "slack.botToken", env, problems));
        slack.socketModeToken().ifPresent(t -> lines.add("  app token " + secret(t, "slack.appToken", env, problems)));
        lines.add("  channels: " + (slack.allowedChannels().isEmpty() ? "every channel the bot is in"
                : String.join(", ", slack.allowedChannels())));
        lines.add("  rerun and kb reload allowed for " + slack.rerunUsers().size() + " user(s) and members of "
                + slack.rerunUserGroups().size() + " user group(s)");
        targets.put("slack Web API", slack.apiBaseUrl());
    }

    /** Reads the secret to prove it is there; shows only where it comes from and its length. */
    private static String secret(CredentialSource source, String key, Map<String, String> env, List<String> problems) {
        String where = switch (source) {
            case CredentialSource.FromEnv e -> "from $" + e.variable();
            case CredentialSource.FromFile f -> "from file " + f.path();
        };
        try {
            return where + ": set, " + source.read(key, env).length() + " characters";
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            return where + ": MISSING";
        }
    }

    private static JsonNode tree(Path path) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Base URLs of sections owned by other features (teams:, tickets:): any http(s) value in them. */
    private static void collectUrls(String path, JsonNode node, Map<String, URI> targets) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && node.asText().matches("https?://[^\\s@]+")) {
            try {
                URI uri = URI.create(node.asText().strip());
                if (uri.getHost() != null && uri.getRawUserInfo() == null) {
                    targets.put(path, uri);
                }
            } catch (IllegalArgumentException ignored) {
                // not a URL after all; nothing to reach
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> collectUrls(path + "." + e.getKey(), e.getValue(), targets));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUrls(path + "[" + i + "]", node.get(i), targets);
            }
        }
    }

    private static String probe(HttpClient http, URI uri) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return "reachable (HTTP " + response.statusCode() + ")";
        } catch (IOException e) {
            return "unreachable (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unreachable (interrupted)";
        }
    }
}
