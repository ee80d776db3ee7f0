package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.OutageStore;
import dev.pipelinetriage.app.port.OutageStore.Banner;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outage grouping: when many jobs hit the same platform failure in one channel within minutes, the channel gets
 * one banner that counts them instead of one card each. The first {@code threshold - 1} jobs get their cards
 * (nobody knows yet that it is an outage); from the {@code threshold}-th on, jobs are counted on the banner. The
 * banner stays open while hits keep arriving within {@code window} of the last one; after a quiet window the next
 * burst starts over. Only platform failures group: a code failure belongs to its own change, however common.
 */
public final class OutageGrouping {
    /** Hits are kept this long, far beyond any window, then pruned every {@value #PRUNE_EVERY} hits. */
    private static final Duration KEEP_HITS = Duration.ofDays(7);
    private static final int PRUNE_EVERY = 500;

    private final OutageStore store;
    private final int threshold;
    private final Duration window;
    private final AtomicLong hits = new AtomicLong();

    public OutageGrouping(OutageStore store, int threshold, Duration window) {
        this.store = Objects.requireNonNull(store, "store");
        if (threshold < 2) {
            throw new IllegalArgumentException("an outage needs at least 2 jobs, got " + threshold);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the grouping window must be positive, got " + window);
        }
        this.threshold = threshold;
        this.window = window;
    }

    /** What to do with one failed job's hit. */
    public sealed interface Decision permits Card, Grouped {
    }

    /** Post the job's card as usual. */
    public record Card() implements Decision {
    }

    /**
     * The job is counted on an outage banner and gets no card of its own.
     *
     * @param count the jobs the banner counts now
     * @param action what this caller should do with the banner's message
     */
    public record Grouped(Banner banner, long count, BannerAction action) implements Decision {
        public Grouped {
            Objects.requireNonNull(banner, "banner");
            Objects.requireNonNull(action, "action");
        }
    }

    public enum BannerAction {
        /** This caller opened the banner: post it, then call {@link #posted}. */
        POST,
        /** Edit the banner's message to show the new count. */
        UPDATE,
        /** Someone else posts or updates it. */
        NONE
    }

    /** Whether a signature takes part in grouping at all. */
    public static boolean groups(Signature signature) {
        return signature.verdict() == Verdict.PLATFORM;
    }

    /**
     * Counts one job's hit of {@code signature} in {@code channel} and decides between its card and the banner.
     *
     * @param jobKey the job attempt's identity; the same job counted twice counts once
     */
    public Decision hit(String channel, Signature signature, String jobKey, Instant at) {
        if (!groups(signature)) {
            return new Card();
        }
        String key = signature.key();
        if (hits.incrementAndGet() % PRUNE_EVERY == 0) {
            store.pruneHits(at.minus(KEEP_HITS));
        }
        store.recordHit(channel, key, jobKey, at);
        Optional<Banner> latest = store.latestBanner(channel, key);
        if (latest.isPresent() && open(latest.get(), at)) {
            return join(latest.get(), at);
        }
        OutageStore.Hits recent = store.hits(channel, key, at.minus(window));
        if (recent.count() < threshold) {
            return new Card();
        }
        int generation = latest.map(b -> b.generation() + 1).orElse(1);
        Banner banner = new Banner(channel, key, generation, recent.first(), at, null, recent.count());
        if (store.openBanner(banner)) {
            return new Grouped(banner, recent.count(), BannerAction.POST);
        }
        // Another replica opened it between our read and our insert: count this job on theirs.
        return join(store.latestBanner(channel, key).orElseThrow(), at);
    }

    /**
     * Records the posted banner's message; when more jobs were counted while it was being posted, answers the
     * update to make.
     */
    public Optional<Grouped> posted(Banner banner, String messageId) {
        store.bannerPosted(banner.channel(), banner.signatureKey(), banner.generation(), messageId);
        Banner withMessage = new Banner(banner.channel(), banner.signatureKey(), banner.generation(), banner.since(),
                banner.lastHit(), messageId, banner.shown());
        long count = store.hits(banner.channel(), banner.signatureKey(), banner.since()).count();
        if (store.raiseShown(banner.channel(), banner.signatureKey(), banner.generation(), count)) {
            return Optional.of(new Grouped(withMessage, count, BannerAction.UPDATE));
        }
        return Optional.empty();
    }

    private boolean open(Banner banner, Instant at) {
        return !banner.lastHit().isBefore(at.minus(window));
    }

    private Grouped join(Banner banner, Instant at) {
        store.touchBanner(banner.channel(), banner.signatureKey(), banner.generation(), at);
        long count = store.hits(banner.channel(), banner.signatureKey(), banner.since()).count();
        boolean raised = banner.messageId() != null
                && store.raiseShown(banner.channel(), banner.signatureKey(), banner.generation(), count);
        return new Grouped(banner, count, raised ? BannerAction.UPDATE : BannerAction.NONE);
    }
}
