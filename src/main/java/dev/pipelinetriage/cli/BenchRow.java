package dev.pipelinetriage.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One log size's result: times are medians over the runs, memory the highest of the runs (a peak is a peak).
 *
 * @param sizeMb the requested size; {@code bytes} is the built log's exact size (it ends on a line boundary)
 * @param oursSeconds wall time of the whole child JVM, start to exit, as a user running {@code analyze} waits
 * @param analyzeSeconds the part of it spent analyzing (no JVM start, no knowledge-base loading)
 * @param oursCpuSeconds the child's CPU time, all threads: steadier than wall time on a shared machine (JSON only)
 * @param completed "yes", or why not (e.g. "no: out of memory")
 * @param rgSeconds ripgrep's wall time, or null when ripgrep was not run
 */
record BenchRow(int sizeMb, long bytes, int runs, double oursSeconds, double analyzeSeconds, double oursCpuSeconds,
        double peakHeapMb,
        double peakRssMb, String completed, Double rgSeconds, Long rgMatchingLines) {

    private static final double MB = 1_000_000.0;

    BenchRow {
        Objects.requireNonNull(completed, "completed");
    }

    /** Throughput of the whole child run (bytes over wall time), so it is comparable with ripgrep's. */
    @JsonProperty("oursMbPerSecond")
    public double oursMbPerSecond() {
        return oursSeconds > 0 ? bytes / MB / oursSeconds : 0;
    }

    /** Ours over ripgrep's time: 2.0 means we take twice as long. Null without a ripgrep time. */
    @JsonProperty("ratio")
    public Double ratio() {
        return rgSeconds == null || rgSeconds <= 0 ? null : oursSeconds / rgSeconds;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** The rows as a Markdown table: readable in a terminal, and pastable into the README as it is. */
    static String table(List<BenchRow> rows) {
        var out = new StringBuilder();
        out.append("| size MB | ours s | ours MB/s | analyze s | peak heap MB | peak RSS MB | completed | rg s | ours/rg |\n");
        out.append("|--------:|-------:|----------:|----------:|-------------:|------------:|-----------|-----:|--------:|\n");
        for (BenchRow row : rows) {
            out.append(String.format(Locale.ROOT, "| %d | %.2f | %.1f | %.2f | %.0f | %.0f | %s | %s | %s |%n",
                    row.sizeMb(), row.oursSeconds(), row.oursMbPerSecond(), row.analyzeSeconds(), row.peakHeapMb(),
                    row.peakRssMb(), row.completed(),
                    row.rgSeconds() == null ? "-" : String.format(Locale.ROOT, "%.2f", row.rgSeconds()),
                    row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.1fx", row.ratio())));
        }
        return out.toString();
    }
}
