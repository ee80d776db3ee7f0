package dev.pipelinetriage.cli;

import dev.pipelinetriage.adapter.store.AuditChainCheck;
import dev.pipelinetriage.boot.StoreWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit}: the audit log of privileged actions. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log of reruns, tickets and other "
        + "privileged actions.", subcommands = {AuditCommand.Verify.class, HelpCommand.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code audit verify}: walks the audit log's hash chain. Exit codes: 0 intact, 1 an entry was changed or removed,
     * 2 no store or an invalid configuration, 5 the store could not be read.
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check that no audit entry was changed or removed since it was written (each entry carries "
                    + "the hash of the one before it). Reads the bot's store (stop the bot or use a copy of an embedded one).")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "Configuration file naming the store "
                + "(default: $" + ConfigLoader.ENV_VAR + ", else the embedded store in ./data if a bot created one there).")
        Path config;

        /** Where the configuration file may be named; tests replace it. */
        Map<String, String> env = System.getenv();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            BotStore.Read<AuditChainCheck> read = BotStore.read(config, env, "audit verify", "no audit log to verify", err,
                    store -> StoreWiring.verifyAuditLog(store, env));
            if (!read.ok()) {
                return read.status();
            }
            AuditChainCheck check = read.value();
            return switch (check) {
                case AuditChainCheck.Intact intact -> {
                    out.printf("audit log intact: %d entries chained%s%n", intact.chained(), intact.beforeChain() == 0 ? ""
                            : ", " + intact.beforeChain() + " written before the chain (not covered)");
                    if (!intact.latestHash().isEmpty()) {
                        out.println("latest hash: " + intact.latestHash());
                        out.println("(note it down: entries removed from the end show only against it)");
                    }
                    out.flush();
                    yield 0;
                }
                case AuditChainCheck.Broken broken -> {
                    err.println("audit log broken: " + broken.problem());
                    err.flush();
                    yield 1;
                }
            };
        }
    }
}
