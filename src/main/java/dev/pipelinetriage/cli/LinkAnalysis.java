package dev.pipelinetriage.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.boot.CiWiring;
import dev.pipelinetriage.boot.ConfiguredSecrets;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.Config;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.engine.redact.KnownSecrets;
import dev.pipelinetriage.engine.redact.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code analyze URL}: fetches every failed job behind a CI link (or the one job it names) and triages each.
 * Exit codes: 0 all triaged, 2 bad link or configuration, 3 the knowledge base is invalid (loaded only once a log is
 * in hand), 4 the CI could not be read (for every job).
 */
final class LinkAnalysis {
    private final Function<KnownSecrets, Optional<TriageService>> loadTriage;
    private final int maxLines;
    private final boolean json;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param loadTriage builds the triage service whose reports also hide the given values (empty when the knowledge
     *     base is invalid, having said why)
     */
    LinkAnalysis(Function<KnownSecrets, Optional<TriageService>> loadTriage, int maxLines, boolean json, PrintWriter out,
            PrintWriter err) {
        this.loadTriage = loadTriage;
        this.maxLines = maxLines;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    /** One element of the JSON array: which job, and its report or the reason there is none. */
    @JsonPropertyOrder({"job", "run", "report", "error"})
    record JobJson(String job, String run, ReportJson report, String error) {
    }

    int run(String link, Optional<Path> configPath) throws IOException {
        AppConfig config;
        FailedJobLogs logs;
        // The CI tokens (and every other credential the file names) are hidden by value in what is printed, as
        // serve hides them in what it posts: a token echoed into a log has no format redaction would know.
        KnownSecrets known;
        try {
            Optional<Path> path = ConfigLoader.locate(configPath, System.getenv());
            if (path.isEmpty()) {
                err.println("analyzing a link needs the CI instances: pass --config FILE or set " + ConfigLoader.ENV_VAR);
                return 2;
            }
            config = Config.load(path.get(), System.getenv());
            known = ConfiguredSecrets.of(config, System.getenv());
            logs = CiWiring.failedJobLogs(config, System.getenv(), known);
        } catch (ConfigException e) {
            err.println("invalid configuration: " + e.getMessage());
            return 2;
        }
        return switch (logs.collect(link)) {
            case FailedJobLogs.LinkRefused refused -> {
                err.println(refused.reason());
                yield 2;
            }
            case FailedJobLogs.Failed failed -> {
                err.println(new Redactor(known).redactLine(failed.problem().message()));
                yield 4;
            }
            case FailedJobLogs.Collected collected -> print(collected, known, new Redactor(known));
        };
    }

    /** @param redactor hides {@code known} (and every format it knows) in the problems printed for jobs */
    private int print(FailedJobLogs.Collected collected, KnownSecrets known, Redactor redactor) throws IOException {
        boolean anyLog = collected.jobs().stream().anyMatch(job -> job.log() instanceof FetchResult.Fetched);
        Optional<TriageService> loaded = anyLog ? loadTriage.apply(known) : Optional.empty();
        if (anyLog && loaded.isEmpty()) {
            return 3;
        }
        if (collected.jobs().isEmpty()) {
            if (json) {
                out.println("[]");
            } else {
                out.printf("No failed jobs in %s (status: %s).%n", collected.run().webUrl(),
                        collected.run().status().name().toLowerCase(java.util.Locale.ROOT));
            }
            out.flush();
            return 0;
        }
        List<JobJson> results = new ArrayList<>();
        int failures = 0;
        for (FailedJobLogs.JobLogResult job : collected.jobs()) {
            String name = job.job().ref().name();
            switch (job.log()) {
                case FetchResult.Fetched fetched -> {
                    TriageService triage = loaded.orElseThrow();
                    TriageReport report = job.lastGreen().map(green -> triage.analyze(fetched.log(), maxLines, green))
                            .orElseGet(() -> triage.analyze(fetched.log(), maxLines));
                    results.add(new JobJson(name, collected.run().webUrl(), ReportJson.of(report), null));
                    if (!json) {
                        out.printf("== Job: %s (%s)%n", name, collected.run().webUrl());
                        TextReport.print(report, out);
                        out.println();
                    }
                }
                case CiProblem problem -> {
                    failures++;
                    String message = redactor.redactLine(problem.message());
                    results.add(new JobJson(name, collected.run().webUrl(), null, message));
                    if (!json) {
                        out.printf("== Job: %s (%s)%nError:       %s%n%n", name, collected.run().webUrl(), message);
                    }
                }
            }
        }
        if (json) {
            out.println(AnalyzeCommand.json().writeValueAsString(results));
        }
        out.flush();
        return failures == collected.jobs().size() ? 4 : 0;
    }
}
