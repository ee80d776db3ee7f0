package dev.pipelinetriage.cli.tooling;

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
 * @param analyzeCpuSeconds CPU time of the analysis on its one thread: on a shared machine the figure to compare
 * @param warmAnalyzeCpuSeconds the same for a second analysis of the log in the same JVM, as a running server does it
 * @param oursCpuSeconds the child's CPU time, all threads (JIT and GC included)
 * @param completed "yes", or why not (e.g. "no: out of memory")
 * @param rgWords ripgrep counting lines with {@code error|fail}, the cheapest search of the same file; or null
 * @param rgPatterns ripgrep counting lines matching the knowledge base's line patterns; or null
 */
record BenchRow(int sizeMb, long bytes, int runs, double oursSeconds, double analyzeSeconds, double analyzeCpuSeconds,
        double warmAnalyzeCpuSeconds, double oursCpuSeconds, double peakHeapMb, double peakRssMb, String completed, Yardstick rgWords,
        Yardstick rgPatterns) {

    private static final double MB = 1_000_000.0;

    /** One ripgrep search of the same log: medians of wall and CPU seconds, and the matching lines it counted. */
    record Yardstick(double seconds, double cpuSeconds, long matchingLines) {
    }

    BenchRow {
        Objects.requireNonNull(completed, "completed");
    }

    /** Throughput of the whole child run (bytes over wall time), so it is comparable with ripgrep's. */
    @JsonProperty("oursMbPerSecond")
    public double oursMbPerSecond() {
        return oursSeconds > 0 ? bytes / MB / oursSeconds : 0;
    }

    /** Throughput of the analysis alone over its CPU time on one core: the figure issue 17 asks 50 MB/s of. */
    @JsonProperty("analyzeMbPerCpuSecond")
    public double analyzeMbPerCpuSecond() {
        return analyzeCpuSeconds > 0 ? bytes / MB / analyzeCpuSeconds : 0;
    }

    /** The same, for the second analysis in one JVM: the rate of a server past its first logs. */
    @JsonProperty("warmAnalyzeMbPerCpuSecond")
    public double warmAnalyzeMbPerCpuSecond() {
        return warmAnalyzeCpuSeconds > 0 ? bytes / MB / warmAnalyzeCpuSeconds : 0;
    }

    /** Ours over ripgrep's time with the knowledge base's patterns: 2.0 means we take twice as long. Null without one. */
    @JsonProperty("ratio")
    public Double ratio() {
        return rgPatterns == null || rgPatterns.seconds() <= 0 ? null : oursSeconds / rgPatterns.seconds();
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

    /** The rows as a Markdown table: readable in a terminal, and pastable into docs/measurements.md as it is. */
    static String table(List<BenchRow> rows) {
        var out = new StringBuilder();
        out.append("| size MB | ours s | analyze s | analyze CPU s | analyze MB/CPU s | warm MB/CPU s | peak heap MB"
                + " | peak RSS MB | completed | rg error\\|fail s (CPU) | rg -P -f kb s (CPU) | ours/rg -P |\n");
        out.append("|--:|--:|--:|--:|--:|--:|--:|--:|--|--:|--:|--:|\n");
        for (BenchRow row : rows) {
            out.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.1f | %.1f | %.0f | %.0f | %s | %s | %s | %s |%n",
                    row.sizeMb(), row.oursSeconds(), row.analyzeSeconds(), row.analyzeCpuSeconds(),
                    row.analyzeMbPerCpuSecond(), row.warmAnalyzeMbPerCpuSecond(), row.peakHeapMb(), row.peakRssMb(), row.completed(),
                    shown(row.rgWords()), shown(row.rgPatterns()),
                    row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2fx", row.ratio())));
        }
        return out.toString();
    }

    private static String shown(Yardstick yardstick) {
        return yardstick == null ? "-"
                : String.format(Locale.ROOT, "%.2f (%.2f)", yardstick.seconds(), yardstick.cpuSeconds());
    }
}
