package dev.pipelinetriage.boot;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.pipelinetriage.adapter.logging.LogRedaction;
import dev.pipelinetriage.adapter.ticket.kbrepo.KnowledgeBaseRepositories;
import dev.pipelinetriage.adapter.webhook.CiWebhooks;
import dev.pipelinetriage.adapter.webhook.WebhookSource;
import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.FeedbackService;
import dev.pipelinetriage.app.HealthReports;
import dev.pipelinetriage.app.KnowledgeBaseProposals;
import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.RerunPermissions;
import dev.pipelinetriage.app.RerunService;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.GroupDirectory;
import dev.pipelinetriage.app.port.KnowledgeBaseRepository;
import dev.pipelinetriage.app.port.OccurrenceListener;
import dev.pipelinetriage.app.port.TicketRecord;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.boot.config.ProposalsSection;
import dev.pipelinetriage.boot.config.SlackSection;
import dev.pipelinetriage.boot.config.TeamsSection;
import dev.pipelinetriage.boot.config.WebhooksSection;
import dev.pipelinetriage.chat.AcknowledgedWork;
import dev.pipelinetriage.chat.CardActions;
import dev.pipelinetriage.chat.CardBuilder;
import dev.pipelinetriage.chat.CardCodec;
import dev.pipelinetriage.chat.ChatCommand;
import dev.pipelinetriage.chat.ChatCommands;
import dev.pipelinetriage.chat.ChatPlatforms;
import dev.pipelinetriage.chat.KbReloadCommand;
import dev.pipelinetriage.chat.LinkDetector;
import dev.pipelinetriage.chat.PlatformServices;
import dev.pipelinetriage.chat.ProposeCommand;
import dev.pipelinetriage.chat.RecurringFailures;
import dev.pipelinetriage.chat.TicketActions;
import dev.pipelinetriage.chat.TriageConversation;
import dev.pipelinetriage.chat.Workers;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.engine.redact.KnownSecrets;
import dev.pipelinetriage.engine.redact.Redactor;
import dev.pipelinetriage.net.HttpClients;
import dev.pipelinetriage.net.Sleeper;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes {@code pipeline-triage serve}: the CI providers, the state store (embedded or PostgreSQL), the triage
 * engine, recurrence and tickets (when a tickets section is configured), the chat
 * layer and the configured chat platforms ({@link ChatWiring}, run through the {@link ChatPlatforms} registry) behind
 * the HTTP server. Secrets are read here, once; a missing one fails with a
 * {@link ConfigException} naming the key.
 */
public final class ServeWiring {
    private static final Logger LOG = LoggerFactory.getLogger(ServeWiring.class);
    /** Triage excerpt budget, as on the card. */
    private static final int EXCERPT_LINES = CardBuilder.MAX_EXCERPT;
    /** Slack re-delivers for up to 24 h with Delayed Events on; event ids are remembered longer. */
    private static final Duration DEDUP_FOR = Duration.ofHours(26);
    private static final Duration CONFIRM_WITHIN = Duration.ofMinutes(10);
    private static final Duration GROUP_CACHE = Duration.ofMinutes(2);
    /** After the grace period: time for interrupted work to replace its placeholder with a notice. */
    private static final Duration FINISHING = Duration.ofSeconds(5);
    /** How often pending ticket claims are reconciled and old occurrences pruned. */
    private static final Duration TICKET_MAINTENANCE = Duration.ofMinutes(1);
    /** How often readiness and the store_reachable gauge learn whether the database answers. */
    private static final Duration STORE_CHECK = Duration.ofSeconds(5);

    private ServeWiring() {
    }

    /**
     * What differs between production and tests: time, waiting, and where to listen.
     *
     * @param ciSleeper waits between CI retries
     * @param slackSleeper waits for Slack's Retry-After and per-channel pacing
     * @param teamsSleeper waits between Bot Connector retries
     * @param port the public port (chat and webhooks), 0 for any free port
     * @param managementPort the port for health and metrics, 0 for any free port, empty to serve them on the
     *     public port
     * @param sweepSleeper waits between sweeps of pending work (renewing leases, taking over what others left)
     */
    public record Setup(Clock clock, Sleeper ciSleeper, Sleeper slackSleeper,
            Sleeper teamsSleeper, String host, int port, int concurrency, int maxTasks, OptionalInt managementPort,
            Sleeper sweepSleeper) {
        public Setup {
            Objects.requireNonNull(sweepSleeper, "sweepSleeper");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ciSleeper, "ciSleeper");
            Objects.requireNonNull(slackSleeper, "slackSleeper");
            Objects.requireNonNull(teamsSleeper, "teamsSleeper");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(managementPort, "managementPort");
            if (managementPort.isPresent() && managementPort.getAsInt() != 0 && managementPort.getAsInt() == port) {
                throw new IllegalArgumentException("the management port must differ from the public port " + port);
            }
        }

        public Setup(Clock clock, Sleeper ciSleeper, Sleeper slackSleeper, Sleeper teamsSleeper, String host, int port,
                int concurrency, int maxTasks, OptionalInt managementPort) {
            this(clock, ciSleeper, slackSleeper, teamsSleeper, host, port, concurrency, maxTasks, managementPort,
                    Sleeper.threadSleeper());
        }

        /** Health and metrics on the public port. */
        public Setup(Clock clock, Sleeper ciSleeper, Sleeper slackSleeper, Sleeper teamsSleeper, String host, int port,
                int concurrency, int maxTasks) {
            this(clock, ciSleeper, slackSleeper, teamsSleeper, host, port, concurrency, maxTasks, OptionalInt.empty());
        }

        /** For setups without Teams (its retries would wait for real, but nothing calls them). */
        public Setup(Clock clock, Sleeper ciSleeper, Sleeper slackSleeper, String host,
                int port, int concurrency, int maxTasks) {
            this(clock, ciSleeper, slackSleeper, Sleeper.threadSleeper(), host, port,
                    concurrency, maxTasks);
        }

        /** The same setup with health and metrics on {@code managementPort} (0: any free port). */
        public Setup withManagementPort(int managementPort) {
            return new Setup(clock, ciSleeper, slackSleeper, teamsSleeper, host, port, concurrency, maxTasks,
                    OptionalInt.of(managementPort), sweepSleeper);
        }

        /** The same setup whose sweeps of pending work wait with {@code sleeper} (tests decide when one runs). */
        public Setup withSweepSleeper(Sleeper sleeper) {
            return new Setup(clock, ciSleeper, slackSleeper, teamsSleeper, host, port, concurrency, maxTasks,
                    managementPort, sleeper);
        }

        public static Setup production(String host, int port, OptionalInt managementPort) {
            return new Setup(Clock.systemUTC(), Sleeper.threadSleeper(), Sleeper.threadSleeper(),
                    Sleeper.threadSleeper(), host, port,
                    Math.max(2, Runtime.getRuntime().availableProcessors()), 1_000, managementPort);
        }
    }

    /** Starts everything with this operations section; the caller owns the result and closes it. */
    public static Served start(AppConfig config, OpsSection opsSection, Map<String, String> env, Setup setup) {
        return start(config.with(opsSection, config.webhooksSection()), env, setup);
    }

    /** Starts everything with these operations and webhooks sections; the caller owns the result and closes it. */
    public static Served start(AppConfig config, OpsSection opsSection, Optional<WebhooksSection> webhooks,
            Map<String, String> env, Setup setup) {
        return start(config.with(opsSection, webhooks), env, setup);
    }

    /** Starts everything the configuration asks for; the caller owns the result and closes it. */
    public static Served start(AppConfig config, Map<String, String> env, Setup setup) {
        OpsSection opsSection = config.ops();
        Optional<WebhooksSection> webhooks = config.webhooksSection();
        if (config.slackSection().isEmpty() && config.teamsSection().isEmpty()) {
            throw new ConfigException("slack", "missing: serve needs a slack section (signingSecret, botToken) or a "
                    + "teams section (appId, appPassword, allowedTenants)");
        }
        // Secrets are read before anything starts, so a missing one fails fast and names its key.
        List<ChatWiring.Configured> platforms = ChatWiring.configured(config, env);
        List<String> platformNames = platforms.stream().map(ChatWiring.Configured::name).toList();
        opsSection.digestSection().filter(d -> !platformNames.contains(d.platform())).ifPresent(d -> {
            throw new ConfigException("ops.digest.platform", "posts to " + d.platform() + ", but serve runs no "
                    + d.platform() + " platform (configured: " + String.join(", ", platformNames) + ")");
        });
        List<WebhookSource> webhookSources = webhooks.map(w -> WebhookWiring.sources(w, config.ci(), env)).orElse(List.of());
        Optional<String> proposalsToken = config.proposalsSection().map(p -> p.token().read("proposals.token", env));
        // Every secret the bot was given is hidden by value in what it posts, files and logs, whatever its format.
        KnownSecrets known = ConfiguredSecrets.of(config, env);
        LogRedaction.hideInLogs(known);
        Redactor redactor = new Redactor(known);
        OpsWiring ops;
        try {
            ops = OpsWiring.start(opsSection, setup.clock(), redactor);
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage());
        }
        List<KnownError> knownErrors = ops.knowledgeBase.serving().knownErrors();
        Optional<CaBundle> ca = CaBundle.fromEnv(env);
        OkHttpClient http = HttpClients.newShared(ca.map(CaBundle::trustManager));
        List<CiProvider> providers = CiWiring.providers(config.ci(), env, http, setup.clock(), setup.ciSleeper(),
                ops.metrics, known::register);

        Stores store = Stores.open(config.store(), env, ca);
        Workers workers = new Workers(setup.concurrency(), setup.maxTasks(), ops.metrics);
        ops.metrics.queueDepth(workers::pending);
        AcknowledgedWork work = new AcknowledgedWork(store.pendingWork(), owner(env), setup.clock(),
                opsSection.workLease(), workers, ops.metrics);
        AuditLog audit = ops.audit(store.audit(), redactor);
        ChatPlatforms<HttpServlet> chat = null;
        HttpServer server = null;
        WorkSweeper sweeper = null;
        try {
            FailedJobLogs logs = CiWiring.failedJobLogs(config.ci(), providers);
            CardCodec codec = new CardCodec(redactor);
            String runbooks = config.slackSection().map(SlackSection::runbookBaseUrl)
                    .or(() -> config.teamsSection().map(TeamsSection::runbookBaseUrl)).map(URI::toString).orElse(null);
            Optional<TicketWiring.Tickets> tickets = config.ticketsSection().map(section -> TicketWiring.tickets(section, env,
                    store.state(), audit, http, setup.clock(), CONFIRM_WITHIN, runbooks, redactor));
            OccurrenceListener occurrences = tickets.<OccurrenceListener>map(TicketWiring.Tickets::automatic)
                    .orElse(OccurrenceListener.NONE);
            ChatCommands commands = tickets.<ChatCommands>map(t -> new RecurringFailures(t.automatic()))
                    .orElse(ChatCommands.NONE);
            Optional<KnowledgeBaseRepository> kbRepository = config.proposalsSection().map(p -> switch (p.host()) {
                case GITHUB -> KnowledgeBaseRepositories.github(http, p.apiUrl(), p.repository(), p.baseBranch(),
                        proposalsToken.orElseThrow(), setup.clock());
                case GITLAB -> KnowledgeBaseRepositories.gitlab(http, p.apiUrl(), p.repository(), p.baseBranch(),
                        proposalsToken.orElseThrow(), setup.clock());
            });
            Shared shared = new Shared(logs, new LinkTriage(logs, ops.knowledgeBase::triage, EXCERPT_LINES, occurrences,
                    ops.metrics, store.history(), workers, setup.clock(),
                    WebhookWiring.rerunHistory(webhooks, store.state(), setup.clock())), codec, store, audit, workers,
                    work, providers, knownErrors, setup.clock(), commands, tickets, runbooks, ops,
                    config.proposalsSection(), kbRepository, redactor);
            ChatWiring.Context context = new ChatWiring.Context(http, setup, shared::services);
            // Every surface is metered here, once: handlers, resumed pastes, webhook cards and the digest post through it.
            ChatPlatforms<HttpServlet> running = new ChatPlatforms<>(
                    platforms.stream().map(p -> p.make().apply(context)).toList(), ops.metrics, work);
            chat = running;
            Map<String, HttpServlet> endpoints = new LinkedHashMap<>(running.endpoints());
            tickets.ifPresent(t -> store.schedule(t.reconciler(), t.automatic(), TICKET_MAINTENANCE));
            StoreHealth storeHealth = store.watchHealth(STORE_CHECK, setup.clock());
            Map<String, HttpServlet> management = ops.servlets(storeHealth::state, chat.banner());
            List<String> served = new ArrayList<>(endpoints.keySet());
            if (webhooks.isPresent()) {
                endpoints.put(CiWebhooks.PATH, WebhookWiring.receiver(webhooks.get(), webhookSources, shared.triage(),
                        shared.logs(), runbooks, kbRepository.isPresent(), codec, store.state(), store.outages(), work,
                        workers, setup.clock(),
                        chat.surfaces(), audit, ops.metrics, ops.metrics).servlet());
                webhookSources.forEach(source -> served.add("/webhooks/" + source.instance()));
            }
            server = HttpServer.start(setup.host(), setup.port(), endpoints, setup.managementPort(), management);
            chat.start();
            ops.scheduleDigest(new HealthReports(store.history(), store.state(), store.audit(),
                    signature -> store.state().ticket(signature).map(TicketRecord::ticket).map(TicketRef::key),
                    setup.clock()), store.state(), running::surface,
                    setup.clock(), kbRepository.isPresent());
            // Every kind of work has its handler now: take over what a stopped or crashed instance left.
            sweeper = WorkSweeper.start(work, opsSection.workSweep(), setup.sweepSleeper());
            server.ready();
            return new Served(server, chat, workers, work, sweeper, store, served, ops);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server, chat, workers, work, sweeper, store, ops);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("serve failed to start: " + e.getMessage(), e);
        }
    }

    /** This process among those sharing the store: the host (a pod's name) and pid say where, the rest is unique. */
    private static String owner(Map<String, String> env) {
        String host = env.getOrDefault("HOSTNAME", "host");
        String owner = host + ":" + ProcessHandle.current().pid() + ":" + java.util.UUID.randomUUID();
        return owner.length() <= 128 ? owner : owner.substring(owner.length() - 128);
    }

    /**
     * What every chat platform shares: one triage pipeline, store and worker pool. Each platform gets its own
     * conversation (its link limit and channels) and its own rerun permissions (its user and group ids), over the
     * same use cases.
     */
    private record Shared(FailedJobLogs logs, LinkTriage triage, CardCodec codec, Stores store, AuditLog audit,
            Workers workers, AcknowledgedWork work, List<CiProvider> providers, List<KnownError> knownErrors,
            Clock clock, ChatCommands commands, Optional<TicketWiring.Tickets> tickets, String runbooks, OpsWiring ops,
            Optional<ProposalsSection> proposals, Optional<KnowledgeBaseRepository> kbRepository, Redactor redactor) {

        /** The chat layer for one platform's people, whose groups {@code directory} answers. */
        PlatformServices services(ChatWiring.Access access, GroupDirectory directory) {
            RerunPermissions permissions = permissions(access.rerunUsers(), access.rerunGroups(), directory);
            Optional<KnowledgeBaseProposals> curated = proposals(access.curators(), access.curatorGroups(), directory);
            return new PlatformServices(conversation(access.maxLinks(), access.runbookBase(), access.channels(),
                    permissions, curated), actions(permissions, curated), ticketActions(permissions), access.notifiers(),
                    codec, store.state(), audit, workers, clock, ops.metrics);
        }

        /**
         * @param who may also say {@code kb reload}: the same people who may rerun
         * @param proposals curators may also say {@code propose fp-...} (the digest's action), when configured
         */
        TriageConversation conversation(int maxLinks, URI runbookBase, Set<String> channels, Authorizer who,
                Optional<KnowledgeBaseProposals> proposals) {
            List<ChatCommand> actions = new ArrayList<>(List.of(new KbReloadCommand(ops.knowledgeBase, who, audit, clock)));
            proposals.ifPresent(p -> actions.add(new ProposeCommand(p)));
            return new TriageConversation(new LinkDetector(logs, maxLinks), triage,
                    new CardBuilder(runbookBase == null ? null : runbookBase.toString(), kbRepository.isPresent()), codec,
                    store.state(), workers, work, clock, DEDUP_FOR, channels, commands, ops.metrics, actions);
        }

        RerunPermissions permissions(Set<String> users, List<String> groups, GroupDirectory directory) {
            return new RerunPermissions(users, groups, directory, GROUP_CACHE, Ticker.systemTicker());
        }

        CardActions actions(RerunPermissions permissions, Optional<KnowledgeBaseProposals> proposals) {
            return new CardActions(new RerunService(providers, permissions, store.state(), store.state(), audit, clock,
                    CONFIRM_WITHIN), new FeedbackService(store.state(), store.state(), redactor, clock), store.state(),
                    codec, knownErrors, proposals);
        }

        /**
         * Propose knowledge-base entry for one platform: its curators, the shared repository and store. The
         * proposal's claim is a side-effect claim like a rerun's, under its own key ({@code kb-proposal:<signature>}).
         */
        Optional<KnowledgeBaseProposals> proposals(List<String> users, List<String> groups, GroupDirectory directory) {
            return kbRepository.map(repository -> new KnowledgeBaseProposals(logs, ops.knowledgeBase::triage,
                    new RerunPermissions(Set.copyOf(users), groups, directory, GROUP_CACHE, Ticker.systemTicker(),
                            "knowledge-base curators"), store.state(), store.history(), store.state(), repository,
                    new DraftedEntryCheck(),
                    audit, clock, new KnowledgeBaseProposals.Layout(proposals.orElseThrow().entries(),
                            proposals.orElseThrow().runbooks()), redactor));
        }

        /** File ticket for one platform: the same tracker and store, that platform's permissions. */
        Optional<TicketActions> ticketActions(RerunPermissions permissions) {
            return tickets.map(t -> new TicketActions(t.chat(permissions), store.state(), codec));
        }
    }

    /**
     * Graceful stop, in the order that leaves nothing half-done: not ready (the load balancer stops sending), stop
     * accepting requests and taking over work, let in-flight work finish within the grace period (work still running
     * after it gives its lease back, keeping its placeholder), give back every lease still held, so another instance
     * (or this one, restarted) finishes that work, then close the store.
     */
    private static void closeQuietly(HttpServer server, ChatPlatforms<HttpServlet> chat, Workers workers, AcknowledgedWork work,
            WorkSweeper sweeper, Stores store, OpsWiring ops) {
        ops.drain();
        if (server != null) {
            server.close();
        }
        if (chat != null) {
            chat.close();
        }
        if (sweeper != null) {
            sweeper.close();
        }
        workers.shutdown(ops.shutdownGrace(), FINISHING);
        try {
            work.releaseAll();
        } catch (RuntimeException e) {
            LOG.warn("could not give back pending work; it is taken over once its lease runs out", e);
        }
        ops.close();
        store.close();
    }

    /** The running bot. Closing stops accepting requests, finishes running work, then closes the store. */
    public static final class Served implements AutoCloseable {
        private final HttpServer server;
        private final ChatPlatforms<HttpServlet> chat;
        private final Workers workers;
        private final AcknowledgedWork work;
        private final WorkSweeper sweeper;
        private final Stores store;
        private final List<String> endpoints;
        private final OpsWiring ops;

        Served(HttpServer server, ChatPlatforms<HttpServlet> chat, Workers workers, AcknowledgedWork work, WorkSweeper sweeper, Stores store,
                List<String> endpoints, OpsWiring ops) {
            this.server = server;
            this.chat = chat;
            this.workers = workers;
            this.work = work;
            this.sweeper = sweeper;
            this.store = store;
            this.endpoints = endpoints;
            this.ops = ops;
        }

        /** The knowledge base that serves, reloadable as a file change or {@code kb reload} would. */
        public dev.pipelinetriage.app.KnowledgeBaseReload knowledgeBase() {
            return ops.knowledgeBase;
        }

        /** The chat endpoints served, e.g. {@code POST /api/messages}. */
        public List<String> endpoints() {
            return endpoints.stream().map(path -> "POST " + path).toList();
        }

        /** The public port: chat and webhooks. */
        public int port() {
            return server.port();
        }

        /** The port serving {@code /healthz}, {@code /readyz} and {@code /metrics} (the public one when none is set). */
        public int managementPort() {
            return server.managementPort();
        }

        /** Chat tasks accepted and not finished (tests wait for none before counting requests). */
        public int pendingTasks() {
            return workers.pending();
        }

        /** Waits until every accepted task has finished (tests use it before counting requests). */
        public void drain(long seconds) {
            workers.shutdown(seconds);
        }

        public dev.pipelinetriage.app.port.AuditLog auditLog() {
            return store.audit();
        }

        public dev.pipelinetriage.app.port.StateStore stateStore() {
            return store.state();
        }

        public void join() throws InterruptedException {
            server.join();
        }

        @Override
        public void close() {
            closeQuietly(server, chat, workers, work, sweeper, store, ops);
        }
    }
}
