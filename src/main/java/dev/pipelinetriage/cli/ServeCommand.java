package dev.pipelinetriage.cli;

import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.Config;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code serve}: the chat bot. Exit codes: 2 bad configuration, 5 could not start. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the chat bot: POST /slack/events (Slack events, commands, interactivity), POST /api/messages "
                + "(Microsoft Teams activities), POST /webhooks/<instance> (CI failure webhooks, when a webhooks section is "
                + "configured) and GET /healthz.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file with the ci section and a slack and/or teams section "
            + "(default: $" + ConfigLoader.ENV_VAR + ").")
    Path config;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "3000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Optional<Path> path = ConfigLoader.locate(Optional.ofNullable(config), System.getenv());
        if (path.isEmpty()) {
            err.println("serve needs a configuration file: pass --config FILE or set " + ConfigLoader.ENV_VAR);
            return 2;
        }
        ServeWiring.Served served;
        try {
            AppConfig loaded = Config.load(path.get(), System.getenv());
            served = ServeWiring.start(loaded, System.getenv(), ServeWiring.Setup.production(host, port));
        } catch (ConfigException e) {
            err.println("invalid configuration: " + e.getMessage());
            err.flush();
            return 2;
        } catch (RuntimeException e) {
            err.println("could not start: " + e.getMessage());
            err.flush();
            return 5;
        }
        out.printf("pipeline-triage is serving on %s:%d (%s, GET /healthz, /readyz, /metrics)%n", host, served.port(),
                String.join(", ", served.endpoints()));
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(served::close, "shutdown"));
        served.join();
        return 0;
    }
}
