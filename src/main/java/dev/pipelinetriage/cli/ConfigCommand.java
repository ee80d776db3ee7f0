package dev.pipelinetriage.cli;

import dev.pipelinetriage.boot.ConfigCheck;
import dev.pipelinetriage.boot.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code config check}: is this configuration ready for {@code serve}? Exit codes: 2 invalid, 3 problems found. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check a configuration file.",
        subcommands = {ConfigCommand.Check.class, HelpCommand.class})
final class ConfigCommand implements Runnable {
    static final int INVALID = 2;
    static final int PROBLEMS = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the configuration, print what the bot would do (secrets masked) and, with --reach, "
                    + "whether the configured services answer.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: $"
                + ConfigLoader.ENV_VAR + ").")
        Path config;

        @Option(names = "--reach", description = "Also send one GET to each configured service with short timeouts.")
        boolean reach;

        /** The environment secrets are read from; tests replace it. */
        Map<String, String> env = System.getenv();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<Path> path = ConfigLoader.locate(Optional.ofNullable(config), env);
            if (path.isEmpty()) {
                err.println("config check needs a configuration file: pass --config FILE or set " + ConfigLoader.ENV_VAR);
                err.flush();
                return INVALID;
            }
            switch (ConfigCheck.run(path.get(), env, reach)) {
                case ConfigCheck.Invalid invalid -> {
                    err.println("invalid configuration: " + invalid.errors().size() + " problem(s):");
                    invalid.errors().forEach(e -> err.println("  - " + e));
                    err.flush();
                    return INVALID;
                }
                case ConfigCheck.Checked result -> {
                    result.lines().forEach(out::println);
                    if (result.problems().isEmpty()) {
                        out.println("configuration OK");
                    } else {
                        out.println(result.problems().size() + " problem(s):");
                        result.problems().forEach(p -> out.println("  - " + p));
                    }
                    out.flush();
                    return result.problems().isEmpty() ? 0 : PROBLEMS;
                }
            }
        }
    }
}
