package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.store.AuditChainCheck;
import dev.pipelinetriage.adapter.store.EmbeddedStore;
import dev.pipelinetriage.adapter.store.JdbcStore;
import dev.pipelinetriage.adapter.store.PostgresStore;
import dev.pipelinetriage.app.AutomaticTickets;
import dev.pipelinetriage.app.TicketReconciler;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.OutageStore;
import dev.pipelinetriage.app.port.PendingWork;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.TriageHistory;
import dev.pipelinetriage.boot.config.StoreSection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured state store (embedded H2 or PostgreSQL) and its background maintenance: reconciling pending
 * ticket claims and pruning old occurrences. Every replica runs the maintenance; the claims make that safe.
 */
final class Stores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

    private final JdbcStore store;
    private ScheduledExecutorService maintenance;
    private StoreHealth health;

    private Stores(JdbcStore store) {
        this.store = store;
    }

    /** @param ca the extra trusted CAs, read once by the caller: a PostgreSQL server may present a certificate they sign */
    static Stores open(StoreSection section, Map<String, String> env, Optional<CaBundle> ca) {
        return new Stores(switch (section.type()) {
            case EMBEDDED -> EmbeddedStore.open(section.directory());
            case POSTGRES -> PostgresStore.open(section.url(), section.user(),
                    section.password().read("store.password", env), section.maxConnections(),
                    ca.map(CaBundle::path));
        });
    }

    StateStore state() {
        return store.stateStore();
    }

    AuditLog audit() {
        return store.auditLog();
    }

    /** Walks the audit log's hash chain: whether an entry was changed or removed since it was written. */
    AuditChainCheck verifyAuditLog() {
        return store.verifyAuditLog();
    }

    /** Every triaged job, for the health report. */
    TriageHistory history() {
        return store.triageHistory();
    }

    /** Outage grouping's hits and banners. */
    OutageStore outages() {
        return store.outageStore();
    }

    /** Acknowledged pastes and deliveries until their cards are posted. */
    PendingWork pendingWork() {
        return store.pendingWork();
    }

    /** Whether the database answers now; waits as long as the pool would for a connection. */
    boolean reachable() {
        return store.reachable();
    }

    /** Starts asking whether the database answers every {@code every}, for readiness and metrics. */
    synchronized StoreHealth watchHealth(Duration every, Clock clock) {
        if (health == null) {
            health = StoreHealth.watch(this::reachable, every, clock);
        }
        return health;
    }

    /** Runs reconciliation and pruning now (recovering claims a crashed process left) and then every {@code every}. */
    synchronized void schedule(TicketReconciler reconciler, AutomaticTickets tickets, Duration every) {
        maintenance = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ticket-maintenance").daemon()
                .factory());
        maintenance.scheduleWithFixedDelay(() -> {
            try {
                TicketReconciler.Reconciled r = reconciler.reconcile();
                if (r.adopted() + r.created() + r.stillPending() > 0) {
                    LOG.info("ticket claims reconciled: {} adopted, {} created, {} still pending", r.adopted(), r.created(),
                            r.stillPending());
                }
                tickets.prune();
            } catch (RuntimeException e) {
                LOG.error("ticket maintenance failed; retrying in {}", every, e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
        if (health != null) {
            health.close();
        }
        try {
            store.close();
        } catch (RuntimeException e) {
            LOG.warn("the state store did not close cleanly", e);
        }
    }
}
