package dev.pipelinetriage.boot;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.pipelinetriage.adapter.ci.CiHttpClients;
import dev.pipelinetriage.adapter.ci.Sleeper;
import dev.pipelinetriage.adapter.slack.SlackApp;
import dev.pipelinetriage.adapter.slack.SlackClient;
import dev.pipelinetriage.adapter.slack.SlackSettings;
import dev.pipelinetriage.adapter.store.EmbeddedStore;
import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.FeedbackService;
import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.RerunPermissions;
import dev.pipelinetriage.app.RerunService;
import dev.pipelinetriage.app.HealthReports;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.TicketDirectory;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.boot.config.SlackSection;
import dev.pipelinetriage.chat.CardActions;
import dev.pipelinetriage.chat.CardBuilder;
import dev.pipelinetriage.chat.CardCodec;
import dev.pipelinetriage.chat.KbReloadCommand;
import dev.pipelinetriage.chat.LinkDetector;
import dev.pipelinetriage.chat.TriageConversation;
import dev.pipelinetriage.chat.Workers;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.engine.redact.Redactor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Composes {@code pipeline-triage serve}: the CI providers, the embedded store, the triage engine, the chat
 * layer and the Slack app behind the HTTP server. Secrets are read here, once; a missing one fails with a
 * {@link ConfigException} naming the key.
 */
public final class ServeWiring {
    /** Triage excerpt budget, as on the card. */
    private static final int EXCERPT_LINES = CardBuilder.MAX_EXCERPT;
    /** Slack re-delivers for up to 24 h with Delayed Events on; event ids are remembered longer. */
    private static final Duration DEDUP_FOR = Duration.ofHours(26);
    private static final Duration CONFIRM_WITHIN = Duration.ofMinutes(10);
    private static final Duration GROUP_CACHE = Duration.ofMinutes(2);
    /** After the grace period: time for interrupted work to replace its placeholder with a notice. */
    private static final Duration FINISHING = Duration.ofSeconds(5);

    private ServeWiring() {
    }

    /**
     * What differs between production and tests: time, waiting, and where to listen.
     *
     * @param ciSleeper waits between CI retries
     * @param slackSleeper waits for Slack's Retry-After and per-channel pacing
     * @param port 0 for any free port
     */
    public record Setup(Clock clock, Sleeper ciSleeper, dev.pipelinetriage.adapter.slack.Sleeper slackSleeper,
            String host, int port, int concurrency, int maxTasks) {
        public Setup {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ciSleeper, "ciSleeper");
            Objects.requireNonNull(slackSleeper, "slackSleeper");
            Objects.requireNonNull(host, "host");
        }

        public static Setup production(String host, int port) {
            return new Setup(Clock.systemUTC(), Sleeper.threadSleeper(), dev.pipelinetriage.adapter.slack.Sleeper.threadSleeper(),
                    host, port, Math.max(2, Runtime.getRuntime().availableProcessors()), 1_000);
        }
    }

    /** Starts everything with the {@code ops:} defaults; the caller owns the result and closes it. */
    public static Served start(AppConfig config, Map<String, String> env, Setup setup) {
        return start(config, OpsSection.defaults(), env, setup);
    }

    /** Starts everything; the caller owns the result and closes it. */
    public static Served start(AppConfig config, OpsSection opsSection, Map<String, String> env, Setup setup) {
        SlackSection slack = config.slackSection().orElseThrow(() -> new ConfigException("slack",
                "missing: serve needs a slack section with signingSecret and botToken"));
        SlackSettings settings = new SlackSettings(slack.signingSecret().read("slack.signingSecret", env),
                slack.botToken().read("slack.botToken", env), slack.apiBaseUrl().toString(), slack.postInterval(), 4,
                1024 * 1024);
        Optional<String> appToken = slack.socketModeToken().map(t -> t.read("slack.appToken", env));
        OpsWiring ops;
        try {
            ops = OpsWiring.start(opsSection, setup.clock());
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage());
        }
        List<KnownError> knownErrors = ops.knowledgeBase.serving().knownErrors();
        List<CiProvider> providers = CiWiring.providers(config.ci(), env, CiHttpClients.newSharedClient(), setup.clock(),
                setup.ciSleeper(), ops.metrics);

        EmbeddedStore store = EmbeddedStore.open(config.store().directory());
        Workers workers = new Workers(setup.concurrency(), setup.maxTasks());
        ops.metrics.queueDepth(workers::pending);
        AuditLog audit = ops.audit(store.auditLog());
        SlackApp app = null;
        HttpServer server = null;
        try {
            FailedJobLogs logs = new FailedJobLogs(providers, config.ci().maxLogBytes());
            CardCodec codec = new CardCodec();
            SlackClient client = new SlackClient(settings, setup.clock(), setup.slackSleeper());
            RerunPermissions permissions = new RerunPermissions(Set.copyOf(slack.rerunUsers()), slack.rerunUserGroups(),
                    client.groupDirectory(), GROUP_CACHE, Ticker.systemTicker());
            TriageConversation conversation = new TriageConversation(new LinkDetector(logs, slack.maxLinksPerMessage()),
                    new LinkTriage(logs, ops.knowledgeBase::triage, EXCERPT_LINES, ops.metrics, store.triageHistory(),
                            setup.clock()),
                    new CardBuilder(slack.runbookBaseUrl() == null ? null : slack.runbookBaseUrl().toString()), codec,
                    store.stateStore(), workers, setup.clock(), DEDUP_FOR, new HashSet<>(slack.allowedChannels()),
                    ops.metrics, List.of(new KbReloadCommand(ops.knowledgeBase, permissions, audit, setup.clock())));
            CardActions actions = new CardActions(new RerunService(providers, permissions, store.stateStore(),
                    audit, setup.clock(), CONFIRM_WITHIN), new FeedbackService(store.stateStore(),
                    new Redactor(), setup.clock()), store.stateStore(), codec, knownErrors);
            app = new SlackApp(client, conversation, actions, workers, setup.clock());
            server = HttpServer.start(setup.host(), setup.port(), app.servlet(), ops.servlets(store::reachable,
                    appToken.isPresent() ? "slack over Socket Mode" : "slack over HTTP events"));
            if (appToken.isPresent()) {
                app.startSocketMode(appToken.get());
            }
            ops.scheduleDigest(new HealthReports(store.triageHistory(), store.stateStore(), store.auditLog(),
                    TicketDirectory.none(), setup.clock()), store.stateStore(),
                    Optional.of(client.surface()).filter(s -> opsSection.digestSection().map(d -> d.platform().equals("slack"))
                            .orElse(false)), setup.clock());
            server.ready();
            return new Served(server, app, workers, store, ops);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server, app, workers, store, ops);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("serve failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * Graceful stop, in the order that leaves nothing half-done: not ready (the load balancer stops sending), stop
     * accepting requests, let in-flight work finish within the grace period (work still running after it posts a
     * "paste it again" notice in place of its placeholder), then close the store that work writes to.
     */
    private static void closeQuietly(HttpServer server, SlackApp app, Workers workers, EmbeddedStore store,
            OpsWiring ops) {
        ops.drain();
        if (server != null) {
            server.close();
        }
        if (app != null) {
            app.close();
        }
        workers.shutdown(ops.shutdownGrace(), FINISHING);
        ops.close();
        store.close();
    }

    /** The running bot. Closing stops accepting requests, finishes running work, then closes the store. */
    public static final class Served implements AutoCloseable {
        private final HttpServer server;
        private final SlackApp app;
        private final Workers workers;
        private final EmbeddedStore store;
        private final OpsWiring ops;

        Served(HttpServer server, SlackApp app, Workers workers, EmbeddedStore store, OpsWiring ops) {
            this.server = server;
            this.app = app;
            this.workers = workers;
            this.store = store;
            this.ops = ops;
        }

        public int port() {
            return server.port();
        }

        /** Waits until every accepted task has finished (tests use it before counting requests). */
        public void drain(long seconds) {
            workers.shutdown(seconds);
        }

        public dev.pipelinetriage.app.port.AuditLog auditLog() {
            return store.auditLog();
        }

        public dev.pipelinetriage.app.port.StateStore stateStore() {
            return store.stateStore();
        }

        public void join() throws InterruptedException {
            server.join();
        }

        /** Reloads the knowledge base now, as a file change or {@code kb reload} would. */
        public dev.pipelinetriage.app.KnowledgeBaseReload knowledgeBase() {
            return ops.knowledgeBase;
        }

        @Override
        public void close() {
            closeQuietly(server, app, workers, store, ops);
        }
    }
}
