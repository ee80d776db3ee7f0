package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.port.PendingWork;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.app.port.WorkItem;
import dev.pipelinetriage.domain.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's share of the work it acknowledged (pastes, webhook deliveries): each item is a {@link PendingWork}
 * row leased to this process until its card is posted. {@link #sweep} keeps the leases of running work alive and
 * takes over work whose owner stopped (lease given back) or died (lease ran out), handing each item to the handler
 * of its kind on a worker. A handler finishes an item with {@link #finished}, or gives it back when interrupted by a
 * shutdown; an item taken over more than {@link #MAX_TAKEOVERS} times gets a notice instead of another try.
 */
public final class AcknowledgedWork {
    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgedWork.class);
    /** Work that no owner could finish in this many tries is answered with a notice: it may be what stops them. */
    public static final int MAX_TAKEOVERS = 3;
    /** Items taken over per sweep: the rest waits for the next sweep (or another replica's). */
    private static final int BATCH = 50;

    private final PendingWork store;
    private final TriageMetrics metrics;
    private final String owner;
    private final Clock clock;
    private final Duration lease;
    private final Workers workers;
    private final Map<String, Consumer<WorkItem>> handlers = new ConcurrentHashMap<>();

    /**
     * @param owner this process, unique among the processes sharing the store
     * @param lease how long an item stays this process's without a renewal: longer than the sweep interval
     */
    public AcknowledgedWork(PendingWork store, String owner, Clock clock, Duration lease, Workers workers) {
        this(store, owner, clock, lease, workers, TriageMetrics.none());
    }

    /** @param metrics counts the work taken over from other instances */
    public AcknowledgedWork(PendingWork store, String owner, Clock clock, Duration lease, Workers workers,
            TriageMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.store = Objects.requireNonNull(store, "store");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.workers = Objects.requireNonNull(workers, "workers");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a work lease must be positive, got " + lease);
        }
    }

    public String owner() {
        return owner;
    }

    /** Says who finishes items of {@code kind} taken over from another owner. */
    public void handle(String kind, Consumer<WorkItem> handler) {
        handlers.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(handler, "handler"));
    }

    /** Records acknowledged work, leased to this process. */
    PendingWork.Enqueued accept(String kind, String key, String payload) {
        return store.enqueue(kind, key, payload, owner, clock.instant(), lease);
    }

    /** The item this process now holds, or null when another owner has it or it is finished. */
    static WorkItem held(PendingWork.Enqueued enqueued) {
        return switch (enqueued) {
            case PendingWork.Added a -> a.item();
            case PendingWork.Resumed r -> r.item();
            case PendingWork.InProgress p -> null;
            case PendingWork.Finished f -> null;
        };
    }

    /** The work could not start (busy): new work is forgotten, work resumed from another owner goes back. */
    void notStarted(PendingWork.Enqueued enqueued) {
        switch (enqueued) {
            case PendingWork.Added a -> store.abandon(a.item().id(), owner);
            case PendingWork.Resumed r -> giveBack(r.item());
            case PendingWork.InProgress p -> {
            }
            case PendingWork.Finished f -> {
            }
        }
    }

    void placeholder(WorkItem item, String messageId) {
        store.placeholder(item.id(), messageId);
    }

    /** Whether no other owner took the item over meanwhile: only then may this process post its card. */
    boolean stillOurs(WorkItem item) {
        return store.holds(item.id(), owner);
    }

    /** The card or notice is posted; a redelivery of the item's key within {@code remember} is a duplicate. */
    void finished(WorkItem item, Duration remember) {
        if (!store.complete(item.id(), owner, clock.instant(), clock.instant().plus(remember))) {
            LOG.warn("work item {} was taken over by another owner before it was finished here", item.id());
        }
    }

    /** Lets another owner (or this one's next sweep) finish the item. */
    void giveBack(WorkItem item) {
        store.release(item.id(), owner, clock.instant());
    }

    /**
     * Runs the handling of {@code item}; if it throws, the item goes back to be tried again rather than staying
     * leased to a process that will never finish it -- unless it was tried more than {@link #MAX_TAKEOVERS} times
     * already: then it is dropped, so an item that cannot be handled (a payload no longer readable) does not come
     * back every sweep.
     */
    void run(WorkItem item, Runnable handling) {
        try {
            handling.run();
        } catch (RuntimeException | Error e) {
            try {
                if (item.takeovers() > MAX_TAKEOVERS) {
                    LOG.error("pending {} work {} failed {} times; dropping it", item.kind(), item.id(), item.takeovers());
                    finished(item, Duration.ZERO);
                } else {
                    giveBack(item);
                }
            } catch (RuntimeException release) {
                e.addSuppressed(release);
            }
            throw e;
        }
    }

    /**
     * Renews the leases of the work this process is doing, then takes over free work and starts it on the workers.
     *
     * @return how many items were taken over
     */
    public int sweep() {
        store.renew(owner, clock.instant(), lease);
        List<WorkItem> taken = store.takeOver(owner, clock.instant(), lease, BATCH);
        for (WorkItem item : taken) {
            Consumer<WorkItem> handler = handlers.get(item.kind());
            if (handler == null) {
                LOG.warn("pending work of kind {} has no handler here (is its chat platform configured?); giving it back",
                        item.kind());
                giveBack(item);
                continue;
            }
            LOG.info("taking over pending {} work {} (takeover {})", item.kind(), item.id(), item.takeovers());
            metrics.workTakenOver(item.kind());
            if (!workers.submit("resume " + item.kind(), () -> run(item, () -> handler.accept(item)))) {
                giveBack(item);
            }
        }
        return taken.size();
    }

    /** Gives back every lease this process holds: its work will be finished elsewhere (a graceful stop). */
    public int releaseAll() {
        int released = store.releaseAll(owner, clock.instant());
        if (released > 0) {
            LOG.info("gave back {} unfinished work item(s) for another instance to finish", released);
        }
        return released;
    }

    /** A work key of {@code prefix} and {@code identity}; hashed when longer than the store takes. */
    static String key(String prefix, String identity) {
        String key = prefix + identity;
        return key.length() <= WorkItem.MAX_KEY ? key : prefix + Sha256.hex(identity);
    }
}
