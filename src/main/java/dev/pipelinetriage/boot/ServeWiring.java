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
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.SlackSection;
import dev.pipelinetriage.chat.CardActions;
import dev.pipelinetriage.chat.CardBuilder;
import dev.pipelinetriage.chat.CardCodec;
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

    /** Starts everything; the caller owns the result and closes it. */
    public static Served start(AppConfig config, Map<String, String> env, Setup setup) {
        SlackSection slack = config.slackSection().orElseThrow(() -> new ConfigException("slack",
                "missing: serve needs a slack section with signingSecret and botToken"));
        SlackSettings settings = new SlackSettings(slack.signingSecret().read("slack.signingSecret", env),
                slack.botToken().read("slack.botToken", env), slack.apiBaseUrl().toString(), slack.postInterval(), 4,
                1024 * 1024);
        Optional<String> appToken = slack.socketModeToken().map(t -> t.read("slack.appToken", env));
        List<KnownError> knownErrors = switch (Bootstrap.knowledgeBase(Optional.empty())) {
            case KnowledgeBaseLoad.Loaded loaded -> loaded.knownErrors();
            case KnowledgeBaseLoad.Invalid invalid -> throw new ConfigException("the bundled knowledge base is invalid: "
                    + invalid.problems().getFirst());
        };
        List<CiProvider> providers = CiWiring.providers(config.ci(), env, CiHttpClients.newSharedClient(), setup.clock(),
                setup.ciSleeper());

        EmbeddedStore store = EmbeddedStore.open(config.store().directory());
        Workers workers = new Workers(setup.concurrency(), setup.maxTasks());
        SlackApp app = null;
        HttpServer server = null;
        try {
            FailedJobLogs logs = new FailedJobLogs(providers, config.ci().maxLogBytes());
            TriageService triage = Bootstrap.triageService(knownErrors);
            CardCodec codec = new CardCodec();
            TriageConversation conversation = new TriageConversation(new LinkDetector(logs, slack.maxLinksPerMessage()),
                    new LinkTriage(logs, triage, EXCERPT_LINES),
                    new CardBuilder(slack.runbookBaseUrl() == null ? null : slack.runbookBaseUrl().toString()), codec,
                    store.stateStore(), workers, setup.clock(), DEDUP_FOR, new HashSet<>(slack.allowedChannels()));
            SlackClient client = new SlackClient(settings, setup.clock(), setup.slackSleeper());
            RerunPermissions permissions = new RerunPermissions(Set.copyOf(slack.rerunUsers()), slack.rerunUserGroups(),
                    client.groupDirectory(), GROUP_CACHE, Ticker.systemTicker());
            CardActions actions = new CardActions(new RerunService(providers, permissions, store.stateStore(),
                    store.auditLog(), setup.clock(), CONFIRM_WITHIN), new FeedbackService(store.stateStore(),
                    new Redactor(), setup.clock()), store.stateStore(), codec, knownErrors);
            app = new SlackApp(client, conversation, actions, workers, setup.clock());
            server = HttpServer.start(setup.host(), setup.port(), app.servlet());
            if (appToken.isPresent()) {
                app.startSocketMode(appToken.get());
            }
            server.ready();
            return new Served(server, app, workers, store);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server, app, workers, store);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("serve failed to start: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(HttpServer server, SlackApp app, Workers workers, EmbeddedStore store) {
        if (server != null) {
            server.close();
        }
        if (app != null) {
            app.close();
        }
        workers.shutdown(5);
        store.close();
    }

    /** The running bot. Closing stops accepting requests, finishes running work, then closes the store. */
    public static final class Served implements AutoCloseable {
        private final HttpServer server;
        private final SlackApp app;
        private final Workers workers;
        private final EmbeddedStore store;

        Served(HttpServer server, SlackApp app, Workers workers, EmbeddedStore store) {
            this.server = server;
            this.app = app;
            this.workers = workers;
            this.store = store;
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

        @Override
        public void close() {
            closeQuietly(server, app, workers, store);
        }
    }
}
