package dev.pipelinetriage.app;

import dev.pipelinetriage.domain.Verdict;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * When recurring failures become tickets, and what happens next.
 *
 * @param thresholds per verdict; a verdict without one never files on its own (File ticket still can)
 * @param commentEvery at most one summary comment per ticket in this interval
 * @param reopen what to do when a closed ticket's signature fires again
 * @param reconcileAfter how old a pending claim must be before recovery searches the tracker: longer than a
 *     create call can take and than the tracker's search lags behind
 * @param retention how long occurrences are kept
 * @param runbookBase where runbook paths are published (e.g. the repository's web view), or null
 */
public record TicketPolicy(Map<Verdict, Threshold> thresholds, Duration commentEvery, Reopen reopen,
        Duration reconcileAfter, Duration retention, String runbookBase) {

    public enum Reopen {
        /** Reopen the closed ticket and comment on it. */
        REOPEN,
        /** File a new ticket that names the closed one. */
        NEW
    }

    /**
     * Files when {@code activate} occurrences fall in {@code window}; the signature stays active (no re-filing, no
     * reopening) until fewer than {@code deactivate} remain in the window.
     */
    public record Threshold(int activate, int deactivate, Duration window) {
        public Threshold {
            Objects.requireNonNull(window, "window");
            if (activate < 1) {
                throw new IllegalArgumentException("activate must be at least 1, got " + activate);
            }
            if (deactivate < 0 || deactivate >= activate) {
                throw new IllegalArgumentException("deactivate must be in 0.." + (activate - 1) + " (below activate "
                        + activate + "), got " + deactivate);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, got " + window);
            }
        }
    }

    public TicketPolicy {
        thresholds = Map.copyOf(thresholds);
        Objects.requireNonNull(commentEvery, "commentEvery");
        Objects.requireNonNull(reopen, "reopen");
        Objects.requireNonNull(reconcileAfter, "reconcileAfter");
        Objects.requireNonNull(retention, "retention");
        Duration longest = thresholds.values().stream().map(Threshold::window).max(Duration::compareTo).orElse(Duration.ZERO);
        if (retention.compareTo(longest) < 0) {
            throw new IllegalArgumentException("retention " + retention + " is shorter than the longest window " + longest);
        }
    }

    /**
     * Defaults drawn from practice: a platform failure seen 3 times in 7 days is worth a ticket (Mozilla's
     * tooling files after 3 in 7 days); flaky failures need more evidence; the same code failure across several
     * jobs is usually one broken change, so code needs the most.
     */
    public static TicketPolicy defaults() {
        Duration week = Duration.ofDays(7);
        Map<Verdict, Threshold> t = new EnumMap<>(Verdict.class);
        t.put(Verdict.PLATFORM, new Threshold(3, 1, week));
        t.put(Verdict.FLAKY, new Threshold(5, 2, week));
        t.put(Verdict.UNKNOWN, new Threshold(5, 2, week));
        t.put(Verdict.CODE, new Threshold(10, 3, week));
        return new TicketPolicy(t, Duration.ofDays(1), Reopen.REOPEN, Duration.ofMinutes(5), Duration.ofDays(90), null);
    }

    /** A runbook's link: absolute links as they are, paths under {@link #runbookBase()}; null when unknown. */
    public String runbookLink(String runbook) {
        if (runbook == null || runbook.isBlank()) {
            return null;
        }
        if (runbook.startsWith("https://") || runbook.startsWith("http://")) {
            return runbook;
        }
        return runbookBase == null ? null : runbookBase.replaceAll("/+$", "") + "/" + runbook.replaceAll("^/+", "");
    }

    /** The window a verdict is counted over: its threshold's, else the default week. */
    public Duration window(Verdict verdict) {
        Threshold threshold = thresholds.get(verdict);
        return threshold == null ? Duration.ofDays(7) : threshold.window();
    }
}
