package dev.pipelinetriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pipelinetriage.app.KnowledgeBaseReport.Result;
import dev.pipelinetriage.app.KnowledgeBaseReport;
import dev.pipelinetriage.app.LogFolder;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.cli.options.KnowledgeBaseOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kb report DIR [--passing DIR2] [--json OUT]}: how well the knowledge base explains a folder of logs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Coverage, per-entry matches, overlaps, entries firing on successful jobs (--passing) and the"
                + " unexplained failures grouped by signature, over DIR (*.log / *.txt files or <id>/log.txt).")
final class KbReportCommand implements Callable<Integer> {

    private static final int SHOWN = 15;

    @Spec
    CommandSpec spec;

    @Mixin
    KnowledgeBaseOption knowledgeBase;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of failed job logs.")
    Path failed;

    @Option(names = "--passing", paramLabel = "DIR2", description = "Folder of successful job logs.")
    Path passing;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the full report as JSON to OUT.")
    Path json;

    @Option(names = "--max-lines", defaultValue = "30", description = "Excerpt budget in lines (default: ${DEFAULT-VALUE}).")
    int maxLines;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        for (Path dir : passing == null ? List.of(failed) : List.of(failed, passing)) {
            if (!Files.isDirectory(dir)) {
                err.println("not a directory: " + dir);
                err.flush();
                return 2;
            }
        }
        KnowledgeBaseLoad load = Bootstrap.knowledgeBase(knowledgeBase.directory());
        if (!(load instanceof KnowledgeBaseLoad.Loaded loaded)) {
            ((KnowledgeBaseLoad.Invalid) load).problems().forEach(err::println);
            err.flush();
            return 3;
        }
        var report = new KnowledgeBaseReport(Bootstrap.triageService(loaded.knownErrors()), loaded.knownErrors(), maxLines);
        Result result = report.run(LogFolder.list(failed), passing == null ? List.of() : LogFolder.list(passing));
        print(spec.commandLine().getOut(), result, loaded.entries().size());
        if (json != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
        }
        return 0;
    }

    static void print(PrintWriter out, Result r, int entryCount) {
        out.printf(Locale.ROOT, "Knowledge base report: %d failed logs, %d entries%n", r.failedLogs(), entryCount);
        out.printf(Locale.ROOT, "Coverage: %d/%d (%.1f%%) explained by a specific entry%n", r.explained(), r.failedLogs(),
                100 * r.coverage());
        r.explainedByCategory().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(c -> out.printf(Locale.ROOT,
                "  %-9s %4d (%.1f%%)%n", c.getKey(), c.getValue(), percent(c.getValue(), r.failedLogs())));
        out.printf(Locale.ROOT, "Unexplained: %d (fallback verdicts %s)%n", r.failedLogs() - r.explained(),
                new TreeMap<>(r.unexplainedVerdicts()));
        out.println();
        out.println("Entries by logs explained (strong = scored >= 0.8 on a log):");
        r.entries().stream().filter(e -> e.explained() > 0).limit(SHOWN).forEach(e -> out.printf(Locale.ROOT,
                "  %4d  %-45s %-8s strong %d%n", e.explained(), e.id(), e.category(), e.strong()));
        long used = r.entries().stream().filter(e -> e.explained() > 0).count();
        if (used > SHOWN) {
            out.printf(Locale.ROOT, "  ... %d more entries explained at least one log%n", used - SHOWN);
        }
        out.printf(Locale.ROOT, "Entries that matched nothing: %d%n", r.unused().size());
        out.println();
        out.printf(Locale.ROOT, "Overlaps (two entries strongly claim one log): %d%n", r.overlaps().size());
        r.overlaps().stream().limit(SHOWN).forEach(o -> out.printf(Locale.ROOT, "  %-28s %s%n", o.log(),
                new TreeMap<>(o.entries())));
        if (r.passingLogs() > 0) {
            out.println();
            out.printf(Locale.ROOT, "Successful jobs: %d; entries firing on them:%n", r.passingLogs());
            r.passing().forEach(p -> out.printf(Locale.ROOT, "  %4d (%5.1f%%)  %s%s%n", p.logs(), 100 * p.share(), p.id(),
                    p.tooBroad() ? "  TOO BROAD (> 10% of successful jobs)" : ""));
            if (r.passing().isEmpty()) {
                out.println("  none");
            }
        }
        out.println();
        out.printf(Locale.ROOT, "Work queue: unexplained failures by signature (%d groups)%n", r.workQueue().size());
        r.workQueue().stream().limit(SHOWN).forEach(w -> {
            out.printf(Locale.ROOT, "  %4d  %s%n", w.count(), w.signature());
            if (!w.example().isEmpty()) {
                out.printf(Locale.ROOT, "        e.g. %s%n", abbreviate(w.example()));
            }
        });
        if (r.workQueue().size() > SHOWN) {
            out.printf(Locale.ROOT, "  ... %d more groups (see --json)%n", r.workQueue().size() - SHOWN);
        }
        out.flush();
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static String abbreviate(String text) {
        return text.length() <= 150 ? text : text.substring(0, 147) + "...";
    }
}
