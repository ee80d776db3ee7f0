package dev.pipelinetriage.app;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a failed run from a CI webhook is posted: the first rule whose repository and branch globs both match,
 * else the default channel, else nowhere. In a glob, {@code *} matches within one path segment, {@code **} across
 * segments and {@code ?} one character; everything else is literal.
 */
public final class WebhookRoutes {
    private final List<Rule> rules;
    private final ChatChannel fallback;

    /** @param fallback where unmatched runs go, or null to drop them */
    public WebhookRoutes(List<Rule> rules, ChatChannel fallback) {
        this.rules = List.copyOf(rules);
        this.fallback = fallback;
    }

    /** A chat channel: Slack channel id, or Teams conversation id with its tenant as {@code workspace}. */
    public record ChatChannel(String platform, String workspace, String channel) {
        public ChatChannel {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(channel, "channel");
        }

        /** One string per channel, for the store's keys and the audit log. */
        public String key() {
            return platform + ":" + (workspace.isEmpty() ? "" : workspace + ":") + channel;
        }
    }

    /** @param index the rule's position in the configuration, for the audit log */
    public record Rule(int index, String repositoryGlob, String branchGlob, ChatChannel channel) {
        public Rule {
            Objects.requireNonNull(repositoryGlob, "repositoryGlob");
            Objects.requireNonNull(branchGlob, "branchGlob");
            Objects.requireNonNull(channel, "channel");
        }

        boolean matches(String repository, String branch) {
            return glob(repositoryGlob).matcher(repository).matches()
                    && glob(branchGlob).matcher(branch == null ? "" : branch).matches();
        }
    }

    /** The routing decision, with the reason the audit log records. */
    public record Routed(Optional<ChatChannel> channel, String reason) {
        public Routed {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public Routed route(String repository, String branch) {
        for (Rule rule : rules) {
            if (rule.matches(repository, branch)) {
                return new Routed(Optional.of(rule.channel()), "rule " + rule.index() + " (" + rule.repositoryGlob()
                        + " @ " + rule.branchGlob() + ")");
            }
        }
        return fallback != null ? new Routed(Optional.of(fallback), "default channel")
                : new Routed(Optional.empty(), "no rule matches and no default channel");
    }

    /** Compiles a glob; invalid globs cannot exist, since every other character is quoted. */
    public static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
