package dev.pipelinetriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.cli.options.KnowledgeBaseOption;
import dev.pipelinetriage.domain.TriageReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code analyze FILE|-|URL}: triage one job log, or every failed job behind a CI link, and print the report. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Triage a job log (a file, - for standard input, or a CI run/job link) and print the report.")
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KnowledgeBaseOption knowledgeBase;

    @Parameters(index = "0", paramLabel = "LOG", description = "Path of the job log, - to read standard input, or the "
            + "link of a CI run or job (needs --config or " + ConfigLoader.ENV_VAR + ").")
    String source;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file with the CI instances "
            + "(default: $" + ConfigLoader.ENV_VAR + ").")
    Path config;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--max-lines", defaultValue = "30", description = "Excerpt budget in lines (default: ${DEFAULT-VALUE}).")
    int maxLines;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxLines < 1 || maxLines > 1000) {
            err.println("--max-lines must be between 1 and 1000, got " + maxLines);
            return 2;
        }
        if (source.startsWith("https://") || source.startsWith("http://")) {
            // The knowledge base is loaded once a log is in hand: a bad link or configuration is told at once.
            return new LinkAnalysis(known -> Bootstrap.triageService(knowledgeBase.directory(), err, known), maxLines, json, out, err)
                    .run(source, Optional.ofNullable(config));
        }
        var triage = Bootstrap.triageService(knowledgeBase.directory(), err);
        if (triage.isEmpty()) {
            return 3;
        }
        TriageReport report;
        switch (LogInput.open(source, System.in)) {
            case LogInput.Unreadable unreadable -> {
                err.println(unreadable.message());
                return 2;
            }
            case LogInput.Readable readable -> {
                try (InputStream in = readable.in()) {
                    report = triage.get().analyze(in, maxLines, false);
                } catch (IOException | UncheckedIOException e) {
                    err.println(LogInput.readError(source, e));
                    return 2;
                }
            }
        }
        if (json) {
            out.println(json().writeValueAsString(ReportJson.of(report)));
            out.flush();
        } else {
            TextReport.print(report, out);
        }
        return 0;
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
