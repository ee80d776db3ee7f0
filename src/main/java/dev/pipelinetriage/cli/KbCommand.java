package dev.pipelinetriage.cli;

import dev.pipelinetriage.app.KnowledgeBaseCheck;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Problem;
import dev.pipelinetriage.boot.Bootstrap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kb lint [DIR]} and {@code kb test [DIR]}: check a knowledge base (default: the bundled one);
 * {@code kb report} judges it against a folder of logs.
 * Problems print as {@code file:line: message}; the exit status is 1 when there is any.
 */
@Command(name = "kb", mixinStandardHelpOptions = true,
        description = "Check the knowledge base of known errors.",
        subcommands = {KbCommand.Lint.class, KbCommand.Test.class, KbReportCommand.class, HelpCommand.class})
public final class KbCommand implements Runnable {

    static final int PROBLEMS_FOUND = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = "Schema, unique ids, file names, safe regexes, runbooks; every example matches its"
                    + " own entry and no counter-example does.")
    static final class Lint implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "DIR", description = "Knowledge-base directory (default: bundled).")
        Path directory;

        @Override
        public Integer call() {
            KnowledgeBaseLoad load = Bootstrap.knowledgeBase(Optional.ofNullable(directory));
            KnowledgeBaseCheck check = Bootstrap.knowledgeBaseCheck();
            check.warnings(load).forEach(w -> spec.commandLine().getOut().println("warning: " + w));
            return report(spec, load, check.lint(load), "lint");
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Every example, inside a few lines of log, goes through the whole triage and must"
                    + " come out as its own entry.")
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "DIR", description = "Knowledge-base directory (default: bundled).")
        Path directory;

        @Override
        public Integer call() {
            KnowledgeBaseLoad load = Bootstrap.knowledgeBase(Optional.ofNullable(directory));
            List<Problem> problems = switch (load) {
                case KnowledgeBaseLoad.Invalid invalid -> invalid.problems();
                case KnowledgeBaseLoad.Loaded loaded -> Bootstrap.knowledgeBaseCheck().test(loaded,
                        KnowledgeBaseCheck.inMemory(Bootstrap.triageService(loaded.knownErrors()), 30));
            };
            return report(spec, load, problems, "test");
        }
    }

    private static int report(CommandSpec spec, KnowledgeBaseLoad load, List<Problem> problems, String what) {
        PrintWriter out = spec.commandLine().getOut();
        problems.forEach(out::println);
        if (problems.isEmpty()) {
            int entries = load instanceof KnowledgeBaseLoad.Loaded loaded ? loaded.entries().size() : 0;
            out.println("kb " + what + ": " + entries + " entries, no problems");
        } else {
            out.println("kb " + what + ": " + problems.size() + " problem(s)");
        }
        out.flush();
        return problems.isEmpty() ? 0 : PROBLEMS_FOUND;
    }
}
