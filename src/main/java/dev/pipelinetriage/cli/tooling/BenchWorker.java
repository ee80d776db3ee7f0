package dev.pipelinetriage.cli.tooling;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.engine.extract.FailureExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The child JVM of {@code bench}: analyzes one log the way {@code analyze} does (same bootstrap, same excerpt
 * budget) and prints one JSON line with what it cost. It measures itself because only the JVM knows its heap,
 * and it reads its own peak RSS at the end so no polling can miss a short spike.
 *
 * <p>Usage: {@code BenchWorker [--kb DIR] LOG}.
 */
final class BenchWorker {

    /**
     * @param analyzeSeconds time in {@code TriageService.analyze}, excluding JVM start and knowledge-base loading
     * @param peakHeapBytes sum of every heap pool's peak usage: an upper bound, as pools peak at different times
     * @param peakRssBytes the process's high-water resident set (VmHWM), or -1 where /proc is unavailable
     * @param cpuSeconds CPU time of the whole process, all threads (JIT and GC included), or -1 if unknown: on a
     *     shared machine it moves less with the load than wall time does
     * @param loadSeconds time to load the knowledge base and build the triage service (regexes, search index)
     * @param loadCpuSeconds CPU time of that, on the main thread: on a busy machine the figure to compare
     * @param analyzeCpuSeconds CPU time of the analysis on the main thread
     * @param warmAnalyzeCpuSeconds CPU time of a second analysis of the same log in the same JVM, its code compiled by
     *     then: what a long-running {@code serve} spends on such a log
     * @param lines lines in the log, for a rate that does not depend on line length
     */
    record Result(double loadSeconds, double loadCpuSeconds, long lines, double analyzeSeconds, double analyzeCpuSeconds,
            double warmAnalyzeCpuSeconds, long peakHeapBytes, long peakRssBytes, double gcSeconds, double cpuSeconds,
            String verdict, int excerptLines) {
    }

    private BenchWorker() {
    }

    public static void main(String[] args) throws IOException {
        dev.pipelinetriage.adapter.search.LuceneNotices.quiet();
        Optional<Path> kb = args.length == 3 && args[0].equals("--kb") ? Optional.of(Path.of(args[1])) : Optional.empty();
        if (args.length != 1 && kb.isEmpty()) {
            System.err.println("usage: BenchWorker [--kb DIR] LOG");
            System.exit(2);
        }
        Path log = Path.of(args[args.length - 1]);
        var err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        var threads = ManagementFactory.getThreadMXBean();
        long loadStart = System.nanoTime();
        long loadCpuStart = threads.getCurrentThreadCpuTime();
        var triage = Bootstrap.triageService(kb, err);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        double loadCpuSeconds = (threads.getCurrentThreadCpuTime() - loadCpuStart) / 1e9;
        if (triage.isEmpty()) {
            System.exit(3);
        }
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        TriageReport report;
        try (InputStream in = Files.newInputStream(log)) {
            report = triage.get().analyze(in, FailureExtractor.DEFAULT_MAX_LINES, false);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double analyzeCpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long warmCpuStart = threads.getCurrentThreadCpuTime();
        try (InputStream in = Files.newInputStream(log)) {
            triage.get().analyze(in, FailureExtractor.DEFAULT_MAX_LINES, false);
        }
        double warmAnalyzeCpuSeconds = (threads.getCurrentThreadCpuTime() - warmCpuStart) / 1e9;
        var result = new Result(loadSeconds, loadCpuSeconds, lines(log), seconds, analyzeCpuSeconds,
                warmAnalyzeCpuSeconds, peakHeapBytes(), peakRssBytes(), gcSeconds(), cpuSeconds(),
                report.verdict().name().toLowerCase(Locale.ROOT), report.excerpt().size());
        System.out.println(new ObjectMapper().writeValueAsString(result));
    }

    private static long lines(Path log) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(log)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    private static double gcSeconds() {
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, gc.getCollectionTime());
        }
        return millis / 1e3;
    }

    /** VmHWM from /proc/self/status, in bytes; -1 when not on Linux. */
    static long peakRssBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
