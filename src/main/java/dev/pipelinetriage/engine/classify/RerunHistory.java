package dev.pipelinetriage.engine.classify;

import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.domain.Verdict;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A failure that passed when its run was run again is the strongest evidence of flakiness there is (LUCI Analysis
 * and Treeherder build on it). Without a known error of its own, a failure whose signature passed on rerun at least
 * {@code threshold} times is called flaky, with that history as the reason; a known error whose pattern fired keeps
 * its category, because its curators said what it is.
 *
 * @param threshold passes on rerun that make a signature flaky, at least 1
 */
public record RerunHistory(int threshold) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    public RerunHistory {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
        }
    }

    /**
     * The report, judged again with its signature's passes on rerun.
     *
     * @param passes passes on rerun within the window
     * @param since the first of them (ignored when there are none)
     */
    public TriageReport judge(TriageReport report, long passes, Instant since) {
        if (report.match() != null || passes < threshold) {
            return report;
        }
        Objects.requireNonNull(since, "since");
        double confidence = Math.min(0.9, 0.55 + 0.1 * passes);
        String reason = "no known error; passed on rerun " + (passes == 1 ? "once" : passes + " times") + " since "
                + DAY.format(since) + " (was " + report.verdict().wireName() + ": " + report.reason() + ")";
        return new TriageReport(Verdict.FLAKY, confidence, report.failedStep(), null, report.excerpt(),
                report.truncated(), RerunAdvice.SAFE, reason, report.signals(), report.greenRun());
    }
}
