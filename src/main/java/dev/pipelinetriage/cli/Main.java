package dev.pipelinetriage.cli;

import dev.pipelinetriage.cli.tooling.BenchCommand;
import dev.pipelinetriage.cli.tooling.EvalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pipeline-triage} command line. */
@Command(name = "pipeline-triage",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Triages failed CI jobs: finds the lines that explain the failure and says whether it is code, platform or flaky.",
        subcommands = {AnalyzeCommand.class, BenchCommand.class, DemoCommand.class, EvalCommand.class, KbCommand.class,
                ServeCommand.class, ConfigCommand.class, ReportCommand.class, AuditCommand.class, HelpCommand.class},
        footer = {"", "The ./pipeline-triage launcher has one command more:",
                "  test     Run every test: ./mvnw -B verify on a JDK 21+ it finds (further arguments go to Maven)."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        dev.pipelinetriage.adapter.search.LuceneNotices.quiet();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests: no System.exit). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The project version the build wrote into {@code version.properties} (the shaded jar's manifest has none). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties build = new java.util.Properties();
            try (var in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    build.load(in);
                }
            }
            String v = build.getProperty("version", "");
            // Unfiltered (an IDE copying resources as they are) still shows the placeholder.
            return new String[] {"pipeline-triage " + (v.isBlank() || v.startsWith("${") ? "development build" : v)};
        }
    }
}
