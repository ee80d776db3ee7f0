package dev.pipelinetriage.cli.tooling;

import dev.pipelinetriage.cli.options.KnowledgeBaseOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench}: analyze throughput and peak memory on logs of 10 MB, 100 MB and 1 GB built from the corpus, each
 * analyzed in a child JVM with a capped heap, side by side with ripgrep searching the same file for the knowledge
 * base's line patterns.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure analyze throughput and peak memory on large logs built from the corpus, next to ripgrep.")
public final class BenchCommand implements Callable<Integer> {

    private static final long MB = 1_000_000L;

    @Spec
    CommandSpec spec;

    @Mixin
    KnowledgeBaseOption knowledgeBase;

    @Option(names = "--sizes", split = ",", defaultValue = "10,100,1000", paramLabel = "MB",
            description = "Log sizes in MB (10^6 bytes), comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Corpus whose log.txt / *.log files are repeated (default: ../shared/corpus).")
    Path corpus;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per size; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--heap", defaultValue = "256m", paramLabel = "SIZE",
            description = "-Xmx of the analyzing child JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--work-dir", defaultValue = "target/bench", paramLabel = "DIR",
            description = "Where built logs are cached, by size (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the results as JSON to OUT.")
    Path json;

    @Option(names = "--kb-entries", paramLabel = "N",
            description = "Analyze with the bundled knowledge base padded to N entries with generated ones (written to"
                    + " the work dir), to measure how the cost per line grows with the knowledge base.")
    Integer kbEntries;

    @Option(names = "--no-rg", description = "Skip ripgrep (PCRE2 cannot compile thousands of patterns at once).")
    boolean noRipgrep;

    /** Everything the run found, as written by --json. */
    record Report(Machine machine, String corpus, String maxHeap, int runs, Ripgrep ripgrep, List<BenchRow> results) {
    }

    record Machine(int cpus, String java, String loadBefore, String loadAfter) {
    }

    record Ripgrep(String command, String wordsCommand, List<String> needPcre2, int patterns,
            List<BenchRipgrep.Skipped> skipped) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runs < 1 || runs > 50) {
            err.println("--runs must be between 1 and 50, got " + runs);
            return 2;
        }
        if (sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 1 || s > 100_000)) {
            err.println("--sizes must be MB values between 1 and 100000, got " + sizes);
            return 2;
        }
        Path corpusDir = corpus != null ? corpus : Path.of("..", "shared", "corpus");
        if (!Files.isDirectory(corpusDir)) {
            err.println("no corpus directory at " + corpusDir.toAbsolutePath().normalize()
                    + (corpus == null ? " (the default, ../shared/corpus from the working directory)" : "")
                    + "; pass --corpus DIR, a directory with log.txt or *.log files to repeat");
            return 2;
        }
        if (kbEntries != null && (kbEntries < 1 || kbEntries > 100_000)) {
            err.println("--kb-entries must be between 1 and 100000, got " + kbEntries);
            return 2;
        }
        Optional<Path> kbDirectory = kbEntries == null ? knowledgeBase.directory()
                : Optional.of(BenchKnowledgeBase.ofSize(kbEntries, workDir));
        kbDirectory.ifPresent(dir -> out.println("knowledge base: " + dir));
        Optional<List<KnownError>> entries = knownErrors(kbDirectory, err);
        if (entries.isEmpty()) {
            return 3;
        }
        BenchLogs logs;
        try {
            logs = BenchLogs.of(corpusDir, workDir);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }

        String loadBefore = loadAverage();
        out.printf("load average before: %s; %d CPUs; child JVM: -Xmx%s%n", loadBefore,
                Runtime.getRuntime().availableProcessors(), heap);
        Optional<BenchRipgrep> rg = noRipgrep ? Optional.empty() : ripgrep(linePatterns(entries.get()), out, err);
        out.flush();

        BenchChild child = BenchChild.ofCurrentJvm(heap, kbDirectory, workDir.resolve("worker.err"));
        var rows = new ArrayList<BenchRow>();
        for (int size : sizes) {
            Path log;
            try {
                log = buildOrReuse(logs, size, out);
            } catch (IllegalStateException e) {
                err.println(e.getMessage());
                return 2;
            }
            rows.add(measure(size, log, child, rg, out));
        }
        String loadAfter = loadAverage();
        out.println();
        out.print(BenchRow.table(rows));
        out.printf("load average before: %s, after: %s (1, 5, 15 min); times are medians of %d run(s), memory the highest;"
                + " the machine may be shared: compare CPU times%n", loadBefore, loadAfter, runs);
        out.flush();

        if (json != null) {
            var machine = new Machine(Runtime.getRuntime().availableProcessors(), Runtime.version().toString(), loadBefore, loadAfter);
            var ripgrep = rg.map(r -> new Ripgrep(String.join(" ", r.command(Path.of("FILE"))),
                    String.join(" ", r.wordsCommand(Path.of("FILE"))), r.needPcre2(), r.patterns().size(), r.skipped()))
                    .orElse(null);
            var report = new Report(machine, corpusDir.toString(), heap, runs, ripgrep, rows);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        }
        return rows.stream().allMatch(r -> r.completed().equals("yes")) ? 0 : 1;
    }

    private static Optional<List<KnownError>> knownErrors(Optional<Path> directory, PrintWriter err) {
        return switch (Bootstrap.knowledgeBase(directory)) {
            case KnowledgeBaseLoad.Invalid invalid -> {
                invalid.problems().forEach(err::println);
                err.println("the knowledge base has problems; run 'pipeline-triage kb lint'");
                yield Optional.empty();
            }
            case KnowledgeBaseLoad.Loaded loaded -> Optional.of(loaded.knownErrors());
        };
    }

    /** The single-line regexes of the knowledge base: what ripgrep can search for line by line, as we do. */
    static List<String> linePatterns(List<KnownError> entries) {
        return entries.stream()
                .flatMap(e -> e.indications().stream())
                .flatMap(i -> i instanceof Indication.LineRegex r ? Stream.of(r.pattern()) : Stream.empty())
                .distinct()
                .toList();
    }

    private Optional<BenchRipgrep> ripgrep(List<String> patterns, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        Optional<Path> executable = BenchRipgrep.locate();
        if (executable.isEmpty()) {
            err.println("rg not found: apt-get install ripgrep");
            return Optional.empty();
        }
        if (patterns.isEmpty()) {
            err.println("the knowledge base has no line regexes; ripgrep has nothing to search for and is skipped");
            return Optional.empty();
        }
        BenchRipgrep rg = BenchRipgrep.prepare(executable.get(), patterns, workDir);
        out.printf("ripgrep: '%s', and %d of %d knowledge-base line patterns with -P (PCRE2); %d of them need it%n",
                BenchRipgrep.WORDS, rg.patterns().size(), patterns.size(), rg.needPcre2().size());
        rg.needPcre2().forEach(p -> out.println("  needs -P: " + p));
        rg.skipped().forEach(s -> out.println("  skipped (rg cannot compile it): " + s.pattern() + " -- " + s.reason()));
        return rg.patterns().isEmpty() ? Optional.empty() : Optional.of(rg);
    }

    private static Path buildOrReuse(BenchLogs logs, int size, PrintWriter out) throws IOException {
        boolean cached = Files.isRegularFile(logs.cachePath(size * MB));
        long start = System.nanoTime();
        Path log = logs.logOfSize(size * MB);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%d MB: %s (%s)%n", size, log,
                cached ? "cached" : String.format(Locale.ROOT, "built in %.1f s", seconds));
        out.flush();
        return log;
    }

    private BenchRow measure(int size, Path log, BenchChild child, Optional<BenchRipgrep> rg, PrintWriter out)
            throws IOException, InterruptedException {
        var wall = new ArrayList<Double>();
        var analyze = new ArrayList<Double>();
        var analyzeCpu = new ArrayList<Double>();
        var warmAnalyzeCpu = new ArrayList<Double>();
        var cpu = new ArrayList<Double>();
        var words = new ArrayList<BenchRipgrep.Run>();
        var patterns = new ArrayList<BenchRipgrep.Run>();
        long peakHeap = 0;
        long peakRss = 0;
        String completed = "yes";
        for (int run = 1; run <= runs; run++) {
            BenchChild.Outcome outcome = child.run(log);
            String rgNote = "";
            if (rg.isPresent()) {
                BenchRipgrep.Run cheap = rg.get().searchWords(log);
                BenchRipgrep.Run search = rg.get().search(log);
                words.add(cheap);
                patterns.add(search);
                rgNote = String.format(Locale.ROOT, "; rg '%s' %.2f s / CPU %.2f s (%d lines), rg -P -f %.2f s / CPU %.2f s"
                                + " (%d lines)", BenchRipgrep.WORDS, cheap.seconds(), cheap.cpuSeconds(),
                        cheap.matchingLines(), search.seconds(), search.cpuSeconds(), search.matchingLines());
            }
            switch (outcome) {
                case BenchChild.Completed c -> {
                    wall.add(c.wallSeconds());
                    analyze.add(c.result().analyzeSeconds());
                    analyzeCpu.add(c.result().analyzeCpuSeconds());
                    warmAnalyzeCpu.add(c.result().warmAnalyzeCpuSeconds());
                    cpu.add(c.result().cpuSeconds());
                    peakHeap = Math.max(peakHeap, c.result().peakHeapBytes());
                    peakRss = Math.max(peakRss, c.result().peakRssBytes());
                    out.printf(Locale.ROOT, "  run %d/%d: ours %.2f s (load %.2f s / CPU %.2f s, analyze %.2f s / CPU %.2f s = %.1f MB per CPU s, %.0f lines per CPU s, again warm %.1f MB per CPU s, CPU %.2f s, GC %.2f s, heap %d MB, RSS %d MB, verdict %s)%s%n",
                            run, runs, c.wallSeconds(), c.result().loadSeconds(), c.result().loadCpuSeconds(),
                            c.result().analyzeSeconds(), c.result().analyzeCpuSeconds(),
                            Files.size(log) / (double) MB / Math.max(1e-9, c.result().analyzeCpuSeconds()),
                            c.result().lines() / Math.max(1e-9, c.result().analyzeCpuSeconds()),
                            Files.size(log) / (double) MB / Math.max(1e-9, c.result().warmAnalyzeCpuSeconds()), c.result().cpuSeconds(), c.result().gcSeconds(),
                            c.result().peakHeapBytes() / MB, c.result().peakRssBytes() / MB, c.result().verdict(), rgNote);
                }
                case BenchChild.Failed f -> {
                    completed = f.reason();
                    out.printf(Locale.ROOT, "  run %d/%d: ours FAILED after %.2f s: %s%s%n", run, runs, f.wallSeconds(), f.reason(), rgNote);
                }
            }
            out.flush();
            if (!completed.equals("yes")) {
                break; // a run that cannot complete will not complete next time either
            }
        }
        return new BenchRow(size, Files.size(log), runs, medianOrZero(wall), medianOrZero(analyze),
                medianOrZero(analyzeCpu), medianOrZero(warmAnalyzeCpu), medianOrZero(cpu), peakHeap / (double) MB, peakRss / (double) MB, completed,
                yardstick(words), yardstick(patterns));
    }

    private static double medianOrZero(List<Double> values) {
        return values.isEmpty() ? 0 : BenchRow.median(values);
    }

    private static BenchRow.Yardstick yardstick(List<BenchRipgrep.Run> runs) {
        if (runs.isEmpty()) {
            return null;
        }
        return new BenchRow.Yardstick(BenchRow.median(runs.stream().map(BenchRipgrep.Run::seconds).toList()),
                BenchRow.median(runs.stream().map(BenchRipgrep.Run::cpuSeconds).toList()),
                runs.getLast().matchingLines());
    }

    /** The 1, 5 and 15 minute load averages: the machine is shared, so every number comes with its load. */
    private static String loadAverage() {
        Path loadavg = Path.of("/proc/loadavg");
        try {
            if (Files.isReadable(loadavg)) {
                String[] parts = Files.readString(loadavg, StandardCharsets.US_ASCII).trim().split("\\s+");
                return parts[0] + " " + parts[1] + " " + parts[2];
            }
        } catch (IOException e) {
            // fall through to the JVM's one-minute figure
        }
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
