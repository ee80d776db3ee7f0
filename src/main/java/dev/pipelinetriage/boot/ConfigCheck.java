package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.store.StoreProbe;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.CiInstanceConfig;
import dev.pipelinetriage.boot.config.Config;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.CredentialSource;
import dev.pipelinetriage.boot.config.NotifierSection;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.boot.config.ProposalsSection;
import dev.pipelinetriage.boot.config.SlackSection;
import dev.pipelinetriage.boot.config.StoreSection;
import dev.pipelinetriage.boot.config.TicketsSection;
import dev.pipelinetriage.boot.config.WebhooksSection;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.net.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * {@code config check}: reads a configuration as {@code serve} would, says what the bot would do with it, and
 * names every problem: all invalid keys and unknown sections at once, missing secrets, the store, and with
 * reachability on, whether each configured service answers and accepts its credentials. Secrets are read to see
 * that they are there, sent only to the service they belong to, and shown only as "set, N characters".
 */
public final class ConfigCheck {
    /** Sections this check reads itself; other known sections only have their URLs probed. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private ConfigCheck() {
    }

    /** The file cannot be used at all, or it can and here is what it does. */
    public sealed interface Outcome {
    }

    /** Every reason the file is invalid, each naming its key. */
    public record Invalid(List<String> errors) implements Outcome {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /**
     * @param lines what the bot would do, one line each, secrets masked
     * @param problems what must be fixed before {@code serve} can start (or reach what it needs)
     */
    public record Checked(List<String> lines, List<String> problems) implements Outcome {
        public Checked {
            lines = List.copyOf(lines);
            problems = List.copyOf(problems);
        }
    }

    public static Outcome run(Path path, Map<String, String> env, boolean reach) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Invalid(List.of("cannot read configuration file " + path + " (" + e.getClass().getSimpleName() + ")"));
        }
        Config.Parsed parsed = Config.check(text, env);
        List<String> errors = new ArrayList<>(parsed.problems().stream().map(Throwable::getMessage).toList());
        Optional<CaBundle> ca = Optional.empty();
        try {
            ca = CaBundle.fromEnv(env);
        } catch (ConfigException e) {
            errors.add(e.getMessage());
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        AppConfig config = parsed.config().orElseThrow();
        Checked checked = describe(path, config, config.ops(), ca, env, reach);
        Checked hooked = config.webhooksSection().map(w -> withWebhooks(checked, w, env)).orElse(checked);
        return config.proposalsSection().map(p -> withProposals(hooked, p, env)).orElse(hooked);
    }

    /** {@code checked} with {@code lines} inserted before its reachability lines, and these problems. */
    private static Checked beforeReachability(Checked checked, List<String> lines, List<String> problems) {
        int reachability = checked.lines().stream().filter(l -> l.startsWith("reachability")).findFirst()
                .map(checked.lines()::indexOf).orElse(checked.lines().size());
        List<String> all = new ArrayList<>(checked.lines().subList(0, reachability));
        all.addAll(lines);
        all.addAll(checked.lines().subList(reachability, checked.lines().size()));
        return new Checked(all, problems);
    }

    /** Where proposed knowledge-base entries go and who may propose, before the reachability lines. */
    private static Checked withProposals(Checked checked, ProposalsSection p, Map<String, String> env) {
        List<String> problems = new ArrayList<>(checked.problems());
        String requests = p.host() == ProposalsSection.Host.GITHUB ? "pull requests" : "merge requests";
        List<String> lines = List.of("proposals: " + requests + " on " + p.host().wireName() + " " + p.repository() + " (base " + p.baseBranch() + ", entries in "
                + p.entries() + "/, runbooks in " + p.runbooks() + "/) through " + p.apiUrl(),
                "  token " + secret(p.token(), "proposals.token", env, problems),
                "  curators: " + (p.slackUsers().size() + p.slackGroups().size()) + " slack user(s) or group(s), "
                        + (p.teamsUsers().size() + p.teamsGroups().size()) + " teams user(s) or group(s)");
        return beforeReachability(checked, lines, problems);
    }

    private static Checked describe(Path path, AppConfig config, OpsSection ops, Optional<CaBundle> ca,
            Map<String, String> env, boolean reach) {
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<ReachProbe> probes = new ArrayList<>();
        lines.add("configuration: " + path);
        lines.add("extra trusted CAs: " + ca.map(CaBundle::describe).orElse("none ($" + CaBundle.ENV_VAR + " not set)"));

        lines.add("ci: " + config.ci().instances().size() + " instance(s), log cap " + config.ci().maxLogBytes() / 1024
                + " KiB per job, request timeout " + config.ci().requestTimeout().toSeconds() + " s, "
                + (config.ci().compareLastGreenRun() ? "failed jobs compared with their last green run"
                        : "last green run not compared (ci.compareLastGreenRun: false)"));
        for (int i = 0; i < config.ci().instances().size(); i++) {
            CiInstanceConfig ci = config.ci().instances().get(i);
            String key = "ci.instances[" + i + "].token";
            lines.add("  " + ci.name() + " (" + ci.type().wireName() + "): links from " + ci.webUrl() + ", API " + ci.apiUrl()
                    + ", token " + secret(ci.token(), key, env, problems));
            if (ci.type() != CiKind.JENKINS) {
                lines.add("    runs of " + (ci.type() == CiKind.GITLAB ? "merge" : "pull") + " requests from forks rerun "
                        + (ci.rerunForkRunsIn().isEmpty() ? "nowhere" : "in " + String.join(", ", ci.rerunForkRunsIn())));
            }
            value(ci.token(), key, env).ifPresent(token -> probes.add(ciProbe(ci, token)));
        }

        config.slackSection().ifPresentOrElse(slack -> slack(slack, env, lines, problems, probes),
                () -> lines.add("slack: not configured"));
        config.teamsSection().ifPresentOrElse(teams -> {
            lines.add("teams: app " + teams.appId() + ", token tenant " + teams.tenant() + ", serving tenants "
                    + String.join(", ", teams.allowedTenants()));
            lines.add("  app password " + secret(teams.appPassword(), "teams.appPassword", env, problems));
            lines.add(notifiers(teams.notifiers()));
            lines.add("  conversations not heard from since the start: " + teams.proactiveServiceUrlIfSet()
                    .map(u -> "posted through " + u).orElse("wait for an activity (no proactiveServiceUrl)"));
            probes.add(ReachProbe.anonymous("teams OpenID metadata", teams.openIdMetadataUrl().toString()));
            probes.add(ReachProbe.anonymous("teams login", teams.loginBaseUrl().toString()));
            probes.add(ReachProbe.anonymous("teams Graph", teams.graphBaseUrl().toString()));
        }, () -> lines.add("teams: not configured"));
        if (config.slackSection().isEmpty() && config.teamsSection().isEmpty()) {
            problems.add("serve needs a slack or a teams section");
        }
        store(config.store(), env, ca, reach, lines, problems);
        config.ticketsSection().ifPresentOrElse(tickets -> {
            lines.add("tickets: " + tickets.tracker().name().toLowerCase(Locale.ROOT) + " at " + tickets.baseUrl()
                    + ", token " + secret(tickets.token(), "tickets.token", env, problems));
            value(tickets.token(), "tickets.token", env).ifPresent(token -> probes.add(ticketsProbe(tickets, token)));
        }, () -> lines.add("tickets: not configured"));
        lines.add("knowledge base: " + ops.knowledgeBaseDirectory().map(d -> d + (ops.watchKnowledgeBase()
                ? " (reloaded when files change)" : " (reloaded on 'kb reload' only)")).orElse("bundled in the jar"));
        ops.knowledgeBaseDirectory().filter(d -> !Files.isDirectory(d))
                .ifPresent(d -> problems.add("knowledge base directory " + d + " does not exist"));
        lines.add("shutdown: in-flight work gets " + ops.shutdownGrace().toSeconds() + " s to finish");
        lines.add(ops.digestSection().map(d -> "weekly digest: " + d.platform()
                + (d.platform().equals("teams") ? " conversation " + d.channel() + " in tenant " + d.workspace()
                        : " channel " + d.channel()) + ", "
                + d.day().name().toLowerCase(Locale.ROOT) + "s at " + d.time() + " UTC")
                .orElse("weekly digest: off"));

        if (reach) {
            lines.add("reachability (connect " + CONNECT_TIMEOUT.toSeconds() + " s, answer " + REQUEST_TIMEOUT.toSeconds()
                    + " s; each service gets the credentials the bot would send it):");
            OkHttpClient http = HttpClients.newShared(ca.map(CaBundle::trustManager)).newBuilder()
                    .connectTimeout(CONNECT_TIMEOUT).callTimeout(REQUEST_TIMEOUT).build();
            for (ReachProbe probe : probes) {
                ReachProbe.Answer answer = probe.send(http);
                lines.add("  " + probe.name() + " " + probe.url() + ": " + answer.text());
                if (!(answer instanceof ReachProbe.Fine)) {
                    problems.add(probe.name() + " " + probe.url() + " is " + answer.text());
                }
            }
        }
        return new Checked(lines, problems);
    }

    /** The webhook sources (each secret masked), routes, fallback and outage grouping, before the reachability lines. */
    private static Checked withWebhooks(Checked checked, WebhooksSection webhooks, Map<String, String> env) {
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>(checked.problems());
        lines.add("webhooks: " + webhooks.sources().size() + " source(s), " + webhooks.routes().size() + " route(s), "
                + (webhooks.defaultChannel() == null ? "runs no route matches are dropped (audited)"
                        : "other runs to " + webhooks.defaultChannel().platform() + " " + webhooks.defaultChannel().channel())
                + "; an outage banner from " + webhooks.outageThreshold() + " jobs within "
                + webhooks.outageWindow().toMinutes() + " min; "
                + (webhooks.learnsFromReruns() ? "flaky after " + webhooks.flakyAfter() + " pass(es) on rerun within "
                        + webhooks.flakyWindow().toDays() + " days" : "rerun outcomes off"));
        for (int i = 0; i < webhooks.sources().size(); i++) {
            WebhooksSection.Source source = webhooks.sources().get(i);
            lines.add("  POST /webhooks/" + source.instance() + ", secret "
                    + secret(source.secret(), "webhooks.sources[" + i + "].secret", env, problems));
        }
        return beforeReachability(checked, lines, problems);
    }

    private static String notifiers(NotifierSection notifiers) {
        return notifiers.bots().isEmpty() ? "  CI notifier messages: not read"
                : "  CI notifier messages: read from " + notifiers.bots().size() + " bot(s) in " + notifiers.channels().size()
                        + " channel(s)";
    }

    private static void slack(SlackSection slack, Map<String, String> env, List<String> lines, List<String> problems,
            List<ReachProbe> probes) {
        lines.add("slack: events over " + (slack.socketModeToken().isPresent() ? "Socket Mode" : "HTTP (POST /slack/events)")
                + ", Web API " + slack.apiBaseUrl());
        lines.add("  signing secret " + secret(slack.signingSecret(), "slack.signingSecret", env, problems));
        lines.add("  bot token " + secret(slack.botToken(), "slack.botToken", env, problems));
        slack.socketModeToken().ifPresent(t -> lines.add("  app token " + secret(t, "slack.appToken", env, problems)));
        lines.add("  channels: " + (slack.allowedChannels().isEmpty() ? "every channel the bot is in"
                : String.join(", ", slack.allowedChannels())));
        lines.add(notifiers(slack.notifiers()));
        lines.add("  rerun and kb reload allowed for " + slack.rerunUsers().size() + " user(s) and members of "
                + slack.rerunUserGroups().size() + " user group(s)");
        value(slack.botToken(), "slack.botToken", env).ifPresent(token -> probes.add(new ReachProbe("slack Web API",
                slash(slack.apiBaseUrl()) + "auth.test", Map.of("Authorization", "Bearer " + token), true)));
    }

    /** The store as the bot would open it: the embedded file is looked at always, PostgreSQL is contacted with reach. */
    private static void store(StoreSection store, Map<String, String> env, Optional<CaBundle> ca, boolean reach,
            List<String> lines, List<String> problems) {
        StoreProbe.Outcome outcome;
        switch (store.type()) {
            case EMBEDDED -> {
                lines.add("store: embedded database in " + store.directory().toAbsolutePath() + " (one replica only)");
                outcome = StoreProbe.embedded(store.directory());
            }
            case POSTGRES -> {
                lines.add("store: PostgreSQL at " + store.url() + " as " + store.user() + ", password "
                        + secret(store.password(), "store.password", env, problems));
                Optional<String> password = value(store.password(), "store.password", env);
                if (!reach || password.isEmpty()) {
                    lines.add("  database: not contacted" + (reach ? " (no password)" : " (--reach connects and reads the "
                            + "schema version)"));
                    return;
                }
                outcome = StoreProbe.postgres(store.url(), store.user(), password.get(), ca.map(CaBundle::path),
                        CONNECT_TIMEOUT);
            }
            default -> throw new IllegalStateException("unknown store type " + store.type());
        }
        switch (outcome) {
            case StoreProbe.NotCreated n -> lines.add("  database: not created yet; the first start creates it and applies "
                    + "the migrations");
            case StoreProbe.Failed f -> {
                lines.add("  database: " + f.reason());
                problems.add("store: " + f.reason());
            }
            case StoreProbe.Reached r -> {
                String state = r.applied().isEmpty() ? "empty; the first start applies migrations " + r.known()
                        : r.pending().isEmpty() ? "schema up to date (version " + r.applied().getLast() + ")"
                        : "schema at version " + r.applied().getLast() + "; the next start applies " + r.pending();
                lines.add("  database: connected, " + state);
                if (!r.newerThanThisBuild().isEmpty()) {
                    problems.add("store: the database has schema version(s) " + r.newerThanThisBuild() + " that this build "
                            + "does not know (newest known " + r.known().getLast() + "); a newer bot migrated it");
                }
            }
        }
    }

    /** The cheapest authenticated GET on each CI's API, with the header the bot's client sends. */
    private static ReachProbe ciProbe(CiInstanceConfig ci, String token) {
        String name = "ci " + ci.name() + " API";
        String api = slash(ci.apiUrl());
        return switch (ci.type()) {
            case GITHUB -> new ReachProbe(name, api, Map.of("Authorization", "Bearer " + token), false);
            case GITLAB -> new ReachProbe(name, api + "version", Map.of("PRIVATE-TOKEN", token), false);
            case JENKINS -> new ReachProbe(name, api + "api/json?tree=mode", Map.of("Authorization",
                    basic(ci.username(), token)), false);
            case AZURE -> new ReachProbe(name, api + "_apis/projects?$top=1&api-version=7.1", Map.of("Authorization",
                    basic("", token)), false);
        };
    }

    private static ReachProbe ticketsProbe(TicketsSection tickets, String token) {
        String base = slash(tickets.baseUrl());
        return switch (tickets.tracker()) {
            case JIRA_CLOUD -> new ReachProbe("tickets tracker", base + "rest/api/3/myself",
                    Map.of("Authorization", basic(tickets.user(), token)), false);
            case JIRA_DATA_CENTER -> new ReachProbe("tickets tracker", base + "rest/api/2/myself",
                    Map.of("Authorization", "Bearer " + token), false);
            case GITHUB -> new ReachProbe("tickets tracker", base, Map.of("Authorization", "Bearer " + token), false);
        };
    }

    private static String basic(String user, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    private static String slash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s : s + "/";
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

    /** The secret for a probe; a missing one is already a problem from {@link #secret}. */
    private static Optional<String> value(CredentialSource source, String key, Map<String, String> env) {
        try {
            return Optional.of(source.read(key, env));
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }
}
