package dev.pipelinetriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.TriageReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code eval CASES_DIR OUT_DIR}: one prediction per {@code CASES_DIR/<id>/log.txt}, in the format the
 * corpus scorer reads, all in one JVM so hundreds of logs take seconds.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Write OUT_DIR/<id>.json ({\"excerpt\": [...], \"label\": verdict}) for every CASES_DIR/<id>/log.txt.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KnowledgeBaseOption knowledgeBase;

    @Parameters(index = "0", paramLabel = "CASES_DIR")
    Path cases;

    @Parameters(index = "1", paramLabel = "OUT_DIR")
    Path out;

    @Option(names = "--max-lines", defaultValue = "30", description = "Excerpt budget in lines (default: ${DEFAULT-VALUE}).")
    int maxLines;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(cases)) {
            err.println("not a directory: " + cases);
            return 2;
        }
        var triage = Bootstrap.triageService(knowledgeBase.directory(), err);
        if (triage.isEmpty()) {
            return 3;
        }
        Files.createDirectories(out);
        List<Path> logs;
        try (Stream<Path> dirs = Files.list(cases)) {
            logs = dirs.map(d -> d.resolve("log.txt")).filter(Files::isRegularFile).sorted().toList();
        }
        ObjectMapper mapper = new ObjectMapper();
        long start = System.nanoTime();
        int failures = 0;
        for (Path log : logs) {
            String id = log.getParent().getFileName().toString();
            try {
                TriageReport report = analyze(triage.get(), log);
                Map<String, Object> prediction = new LinkedHashMap<>();
                prediction.put("excerpt", report.excerpt().stream().map(LogLine::text).toList());
                prediction.put("label", report.verdict().wireName());
                prediction.put("match", report.match() == null ? null : report.match().knownError().id());
                mapper.writeValue(out.resolve(id + ".json").toFile(), prediction);
            } catch (RuntimeException e) {
                failures++;
                err.println(id + ": " + e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf("wrote %d predictions to %s in %.1f s%n", logs.size() - failures, out, seconds);
        return failures == 0 ? 0 : 1;
    }

    private TriageReport analyze(TriageService triage, Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            return triage.analyze(in, maxLines, false);
        }
    }
}
