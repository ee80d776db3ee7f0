package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.ChartRenderer;
import dev.pipelinetriage.domain.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The CI/CD health report of a period: what failed, why, what the knowledge base explained, what people said
 * about the answers and what the reruns did.
 *
 * @param byVerdict failed jobs per verdict (every verdict present, zero included)
 * @param recurring the signatures seen most often, most first
 * @param unexplained groups of failures no known error explained, biggest first
 * @param helpful "Helpful" clicks (all time: feedback is not kept per period)
 * @param notRight "Not right" corrections (all time)
 * @param reruns rerun audit outcomes in the period ({@code started}, {@code denied}, {@code failed}, ...)
 * @param days one entry per UTC day of the period, oldest first
 */
public record HealthReport(Instant from, Instant to, int failures, Map<Verdict, Integer> byVerdict,
        List<Recurring> recurring, int explained, List<Recurring> unexplained, long helpful, long notRight,
        Map<String, Long> reruns, List<ChartRenderer.Day> days) {

    public HealthReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        byVerdict = Map.copyOf(byVerdict);
        recurring = List.copyOf(recurring);
        unexplained = List.copyOf(unexplained);
        reruns = Map.copyOf(reruns);
        days = List.copyOf(days);
    }

    /**
     * One signature's occurrences.
     *
     * @param title the known error's id, or the normalized key line of an unexplained group
     * @param ticket the ticket tracking it, or null
     */
    public record Recurring(String signature, String title, Verdict verdict, int count, int repositories,
            String ticket, String example) {
    }

    /** Share of failures with {@code verdict}, in 0..1; 0 when nothing failed. */
    public double share(Verdict verdict) {
        return failures == 0 ? 0 : byVerdict.getOrDefault(verdict, 0) / (double) failures;
    }

    /** Share of failures a known error explained; 0 when nothing failed. */
    public double coverage() {
        return failures == 0 ? 0 : explained / (double) failures;
    }

    /** Helpful / (helpful + not right), when anyone said anything. */
    public OptionalDouble accuracy() {
        long all = helpful + notRight;
        return all == 0 ? OptionalDouble.empty() : OptionalDouble.of(helpful / (double) all);
    }
}
