package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.chart.AwtVerdictChart;
import dev.pipelinetriage.adapter.http.ReadinessServlet;
import dev.pipelinetriage.adapter.http.TextServlet;
import dev.pipelinetriage.adapter.kb.KnowledgeBaseWatcher;
import dev.pipelinetriage.adapter.metrics.MicrometerTriageMetrics;
import dev.pipelinetriage.app.CountingAuditLog;
import dev.pipelinetriage.app.RedactingAuditLog;
import dev.pipelinetriage.app.HealthReports;
import dev.pipelinetriage.app.KnowledgeBaseReload;
import dev.pipelinetriage.app.Readiness;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.WeeklyDigest;
import dev.pipelinetriage.engine.extract.Tuning;
import dev.pipelinetriage.engine.redact.Redactor;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations side of {@code serve}, kept apart from the chat wiring: metrics, the reloadable knowledge base
 * with its file watcher, readiness, and the weekly digest's schedule.
 */
final class OpsWiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsWiring.class);
    /** Quiet time after the last file change before a reload: one reload per git checkout, not one per file. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    final MicrometerTriageMetrics metrics;
    final KnowledgeBaseReload knowledgeBase;
    private final OpsSection ops;
    private final KnowledgeBaseWatcher watcher;
    private ScheduledExecutorService digestTimer;
    private Readiness readiness;

    private OpsWiring(OpsSection ops, MicrometerTriageMetrics metrics, KnowledgeBaseReload knowledgeBase,
            KnowledgeBaseWatcher watcher) {
        this.ops = ops;
        this.metrics = metrics;
        this.knowledgeBase = knowledgeBase;
        this.watcher = watcher;
    }

    /** Loads the knowledge base (an invalid first one fails start-up) and starts watching its directory. */
    static OpsWiring start(OpsSection ops, Clock clock, Redactor redactor) {
        MicrometerTriageMetrics metrics = new MicrometerTriageMetrics(io.micrometer.core.instrument.Clock.SYSTEM);
        // The jar's own knowledge base was linted and tested by the build; one read from a directory was not.
        KnowledgeBaseReload.Verification verification = ops.knowledgeBaseDirectory().isPresent()
                ? KnowledgeBaseReload.Verification.LINT_AND_EXAMPLES
                : KnowledgeBaseReload.Verification.CHECKED_BY_THE_BUILD;
        KnowledgeBaseReload kb = new KnowledgeBaseReload(() -> Bootstrap.knowledgeBase(ops.knowledgeBaseDirectory()),
                Bootstrap.knowledgeBaseCheck(), verification,
                entries -> Bootstrap.triageService(entries, Tuning.DEFAULT, redactor), metrics, clock);
        KnowledgeBaseWatcher watcher = ops.knowledgeBaseDirectory().filter(d -> ops.watchKnowledgeBase() && Files.isDirectory(d))
                .map(d -> KnowledgeBaseWatcher.start(d, SETTLE, kb::reload)).orElse(null);
        return new OpsWiring(ops, metrics, kb, watcher);
    }

    /**
     * {@code /readyz} and {@code /metrics}, for the management port. The store's state is reported, in the check's
     * detail and as the {@code store_reachable} gauge, but never makes the replica unready: a database outage
     * would take every replica out of its Service at once, and chat platforms would then get errors instead of
     * triage cards (which need no database) and of notices that the rest is unavailable.
     */
    Map<String, HttpServlet> servlets(Supplier<StoreHealth.State> store, String chat) {
        metrics.storeReachable(() -> store.get().up());
        readiness = new Readiness(List.of(this::knowledgeBaseCheck,
                () -> new Readiness.Check("store", true, store.get().detail()),
                () -> new Readiness.Check("chat", true, chat)));
        return Map.of("/readyz", new ReadinessServlet(readiness),
                "/metrics", new TextServlet(TextServlet.PROMETHEUS, metrics::scrape));
    }

    /** What {@code /readyz} answers now. */
    Readiness.Report readiness() {
        return readiness.report();
    }

    private Readiness.Check knowledgeBaseCheck() {
        KnowledgeBaseReload.Generation serving = knowledgeBase.serving();
        String detail = serving.knownErrors().size() + " known errors, generation " + serving.number() + " loaded at "
                + serving.loadedAt() + " from " + ops.knowledgeBaseDirectory().map(Object::toString).orElse("the jar");
        Optional<KnowledgeBaseReload.Refused> refused = knowledgeBase.lastRefusal();
        if (refused.isPresent()) {
            detail += "; last reload refused at " + refused.get().at() + " (" + refused.get().problemCount()
                    + " problem(s)): " + refused.get().reasons().getFirst();
        }
        return new Readiness.Check("knowledgeBase", true, detail);
    }

    /** Starts posting the weekly digest, when one is configured. */
    void scheduleDigest(HealthReports reports, StateStore store, Function<String, ChatSurface> surfaces, Clock clock,
            boolean proposals) {
        Optional<OpsSection.Digest> digest = ops.digestSection();
        if (digest.isEmpty()) {
            return;
        }
        OpsSection.Digest d = digest.get();
        WeeklyDigest weekly = new WeeklyDigest(reports, new AwtVerdictChart(), store, surfaces.apply(d.platform()),
                new Place(d.platform(), d.workspace(), d.channel(), null), clock, proposals);
        digestTimer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("digest").factory());
        scheduleNext(weekly, d, clock);
    }

    private void scheduleNext(WeeklyDigest weekly, OpsSection.Digest d, Clock clock) {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        ZonedDateTime next = now.with(TemporalAdjusters.nextOrSame(d.day())).with(d.time()).withSecond(0).withNano(0);
        if (!next.isAfter(now)) {
            next = next.plusWeeks(1);
        }
        long delay = Duration.between(now, next).toMillis();
        digestTimer.schedule(() -> {
            try {
                weekly.post();
            } catch (RuntimeException e) {
                LOG.error("weekly digest failed", e);
            }
            scheduleNext(weekly, d, clock);
        }, delay, TimeUnit.MILLISECONDS);
        LOG.info("next weekly digest at {}", next);
    }

    /** First step of a shutdown: tell the load balancer to stop sending work. */
    void drain() {
        if (readiness != null) {
            readiness.drain();
        }
    }

    Duration shutdownGrace() {
        return ops.shutdownGrace();
    }

    /** The audit log, counting reruns and tickets as they are recorded. */
    /** The store's audit log, counting what it records and hiding secrets in the reasons it stores. */
    AuditLog audit(AuditLog store, Redactor redactor) {
        return new CountingAuditLog(new RedactingAuditLog(store, redactor), metrics);
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (digestTimer != null) {
            digestTimer.shutdownNow();
        }
    }
}
