package dev.pipelinetriage.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pipeline-triage} command line. */
@Command(name = "pipeline-triage",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Triages failed CI jobs: finds the lines that explain the failure and says whether it is code, platform or flaky.",
        subcommands = {AnalyzeCommand.class, BenchCommand.class, DemoCommand.class, EvalCommand.class, KbCommand.class,
                ServeCommand.class, ConfigCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Lucene notes on every start whether the JDK's vector module is readable; it changes nothing for
        // users of a command line, so it is kept out of their terminal.
        var luceneVectorLog = java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");
        luceneVectorLog.setLevel(java.util.logging.Level.SEVERE);
        int status = run(args);
        java.lang.ref.Reference.reachabilityFence(luceneVectorLog); // JUL holds loggers weakly
        System.exit(status);
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
