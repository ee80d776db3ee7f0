package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configuration file, read and parsed once into one {@link AppConfig} tree that every command and the wiring
 * take. Every problem in the file is collected, not just the first: one run names them all.
 */
public final class Config {

    private Config() {
    }

    /** What a file holds: the tree when it is valid, else every problem found. */
    public record Parsed(Optional<AppConfig> config, List<ConfigException> problems) {
        public Parsed {
            problems = List.copyOf(problems);
            if (config.isPresent() != problems.isEmpty()) {
                throw new IllegalArgumentException("a configuration is either valid or has problems");
            }
        }
    }

    /** Reads and parses the file; throws one {@link ConfigException} naming every problem. */
    public static AppConfig load(Path path, Map<String, String> env) {
        return parse(ConfigLoader.read(path), env);
    }

    /** {@link #load} of text already read. */
    public static AppConfig parse(String yaml, Map<String, String> env) {
        Parsed parsed = check(yaml, env);
        return parsed.config().orElseThrow(() -> parsed.problems().size() == 1 ? parsed.problems().getFirst()
                : new ConfigException(parsed.problems().size() + " problems:\n" + parsed.problems().stream()
                        .map(p -> "  " + p.getMessage()).collect(Collectors.joining("\n"))));
    }

    /** Parses the text once and checks every section, each on its own. */
    public static Parsed check(String yaml, Map<String, String> env) {
        JsonNode root;
        try {
            root = ConfigLoader.root(yaml);
        } catch (ConfigException e) {
            return new Parsed(Optional.empty(), List.of(e));
        }
        List<ConfigException> problems = new ArrayList<>(ConfigLoader.problemsForServe(root));
        OpsSection[] ops = new OpsSection[1];
        ConfigLoader.collect(problems, () -> ops[0] = OpsConfigLoader.section(root, env));
        if (!problems.isEmpty()) {
            // webhook sources name CI instances: checked once those are known to be right
            return new Parsed(Optional.empty(), problems);
        }
        AppConfig config = ConfigLoader.parseForServe(root);
        List<Optional<WebhooksSection>> webhooks = new ArrayList<>();
        ConfigLoader.collect(problems, () -> webhooks.add(WebhooksConfigLoader.section(root, config.ci())));
        List<Optional<ProposalsSection>> proposals = new ArrayList<>();
        ConfigLoader.collect(problems, () -> proposals.add(ProposalsConfigLoader.section(root)));
        AppConfig whole = problems.isEmpty()
                ? config.with(ops[0], webhooks.getFirst()).withProposals(proposals.getFirst()) : config;
        problems.addAll(unreachablePlatforms(whole));
        if (!problems.isEmpty()) {
            return new Parsed(Optional.empty(), problems);
        }
        return new Parsed(Optional.of(whole), List.of());
    }

    /** Sections that post to a chat platform the file does not configure, which would silently post nothing. */
    private static List<ConfigException> unreachablePlatforms(AppConfig config) {
        List<ConfigException> problems = new ArrayList<>();
        config.ops().digestSection().ifPresent(digest -> {
            if (!configures(config, digest.platform())) {
                problems.add(new ConfigException("ops.digest.platform", "posts to " + digest.platform()
                        + ", but the file has no " + digest.platform() + " section"));
            } else if (digest.platform().equals("teams")) {
                TeamsSection teams = config.teams();
                if (!teams.allowedTenants().contains(digest.workspace())) {
                    problems.add(new ConfigException("ops.digest.channel", "tenant " + digest.workspace()
                            + " is not one of teams.allowedTenants"));
                }
                // Weekly, so the bot has most likely restarted since it last heard from the conversation.
                if (teams.proactiveServiceUrlIfSet().isEmpty()) {
                    problems.add(new ConfigException("ops.digest.platform", "a Teams digest needs "
                            + "teams.proactiveServiceUrl: it is posted into a conversation the bot may not have heard "
                            + "from since it started"));
                }
            }
        });
        config.webhooksSection().ifPresent(webhooks -> {
            for (var rule : webhooks.routes()) {
                if (!configures(config, rule.channel().platform())) {
                    problems.add(new ConfigException("webhooks.routes[" + rule.index() + "].channel", "posts to "
                            + rule.channel().platform() + ", but the file has no " + rule.channel().platform() + " section"));
                }
            }
            if (webhooks.defaultChannel() != null && !configures(config, webhooks.defaultChannel().platform())) {
                problems.add(new ConfigException("webhooks.defaultChannel", "posts to " + webhooks.defaultChannel().platform()
                        + ", but the file has no " + webhooks.defaultChannel().platform() + " section"));
            }
        });
        return problems;
    }

    private static boolean configures(AppConfig config, String platform) {
        return switch (platform) {
            case "slack" -> config.slackSection().isPresent();
            case "teams" -> config.teamsSection().isPresent();
            default -> false;
        };
    }
}
