package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the YAML configuration file and validates it at start-up. Every problem is a {@link ConfigException}
 * naming the key ({@code ci.instances[1].webUrl}) and what is wrong. Unknown keys inside {@code ci:} are
 * rejected (a typo must not silently disable something), and so are unknown keys inside {@code slack:},
 * {@code teams:}, {@code store:} and {@code tickets:}. For {@code serve} a top-level section that is not one of
 * {@link ConfigSections#KNOWN} is rejected too; sections owned by other parts of the bot are read by their owners.
 *
 * <p>Each section has its reader ({@link CiConfigLoader}, {@link ChatConfigLoader}, {@link StoreConfigLoader},
 * {@link TicketsConfigLoader}, {@link OpsConfigLoader}, ...); the field readers here ({@link #text}, {@link #integer},
 * {@link #url}, {@link #token}, ...) are the one place a value is checked and a problem worded.
 */
public final class ConfigLoader {
    /** The environment variable naming the configuration file when {@code --config} is not given. */
    public static final String ENV_VAR = "PIPELINE_TRIAGE_CONFIG";

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
        return new AppConfig(CiConfigLoader.ci(root(yaml)));
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
        SlackSection slack = root.has("slack") && !root.get("slack").isNull() ? ChatConfigLoader.slack(root.get("slack")) : null;
        TeamsSection teams = root.has("teams") && !root.get("teams").isNull() ? ChatConfigLoader.teams(root.get("teams")) : null;
        TicketsSection tickets = root.has("tickets") && !root.get("tickets").isNull() ? TicketsConfigLoader.tickets(root.get("tickets")) : null;
        return new AppConfig(CiConfigLoader.ci(root), slack, StoreConfigLoader.store(root.get("store")), teams, tickets);
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
                collect(problems, () -> CiConfigLoader.instance(instances.get(index), "ci.instances[" + index + "]", 8));
            }
        }
        collect(problems, () -> CiConfigLoader.ci(root));
        List<Map.Entry<String, Consumer<JsonNode>>> optional = List.of(
                Map.entry("slack", ChatConfigLoader::slack), Map.entry("teams", ChatConfigLoader::teams),
                Map.entry("tickets", TicketsConfigLoader::tickets));
        for (var section : optional) {
            JsonNode node = root.get(section.getKey());
            if (node != null && !node.isNull()) {
                collect(problems, () -> section.getValue().accept(node));
            }
        }
        collect(problems, () -> StoreConfigLoader.store(root.get("store")));
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
