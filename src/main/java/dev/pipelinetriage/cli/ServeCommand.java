package dev.pipelinetriage.cli;

import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.Config;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code serve}: the chat bot. Exit codes: 2 bad configuration, 5 could not start. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the chat bot: POST /slack/events (Slack events, commands, interactivity), POST /api/messages "
                + "(Microsoft Teams activities), POST /webhooks/<instance> (CI failure webhooks, when a webhooks section is "
                + "configured) on the public port; GET /healthz, /readyz and /metrics on the management port.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file with the ci section and a slack and/or teams section "
            + "(default: $" + ConfigLoader.ENV_VAR + ").")
    Path config;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:PIPELINE_TRIAGE_PORT:-3000}",
            description = "Public port: chat and webhook endpoints (default: ${DEFAULT-VALUE}, from PIPELINE_TRIAGE_PORT when set).")
    int port;

    @Option(names = "--management-port", paramLabel = "PORT|off", defaultValue = "${env:PIPELINE_TRIAGE_MANAGEMENT_PORT:-9090}",
            converter = ManagementPort.class,
            description = "Port for GET /healthz, /readyz and /metrics, kept apart from the public one so that nothing in "
                    + "front of the public port exposes them; off serves them on the public port "
                    + "(default: ${DEFAULT-VALUE}, from PIPELINE_TRIAGE_MANAGEMENT_PORT when set).")
    OptionalInt managementPort;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Optional<Path> path = ConfigLoader.locate(Optional.ofNullable(config), System.getenv());
        if (path.isEmpty()) {
            err.println("serve needs a configuration file: pass --config FILE or set " + ConfigLoader.ENV_VAR);
            return 2;
        }
        if (managementPort.isPresent() && managementPort.getAsInt() == port && port != 0) {
            err.println("--management-port must differ from --port (" + port + "); say off to serve health and metrics "
                    + "on the public port");
            return 2;
        }
        ServeWiring.Served served;
        try {
            AppConfig loaded = Config.load(path.get(), System.getenv());
            served = ServeWiring.start(loaded, System.getenv(), ServeWiring.Setup.production(host, port, managementPort));
        } catch (ConfigException e) {
            err.println("invalid configuration: " + e.getMessage());
            err.flush();
            return 2;
        } catch (RuntimeException e) {
            err.println("could not start: " + e.getMessage());
            err.flush();
            return 5;
        }
        if (served.managementPort() == served.port()) {
            out.printf("pipeline-triage is serving on %s:%d (%s, GET /healthz, /readyz, /metrics)%n", host, served.port(),
                    String.join(", ", served.endpoints()));
        } else {
            out.printf("pipeline-triage is serving on %s:%d (%s) and %s:%d (GET /healthz, /readyz, /metrics)%n", host,
                    served.port(), String.join(", ", served.endpoints()), host, served.managementPort());
        }
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(served::close, "shutdown"));
        served.join();
        return 0;
    }

    /** A port number in 0..65535 (0: any free port), or off. */
    static final class ManagementPort implements ITypeConverter<OptionalInt> {
        @Override
        public OptionalInt convert(String value) {
            String v = value.strip();
            if (v.equalsIgnoreCase("off")) {
                return OptionalInt.empty();
            }
            try {
                int port = Integer.parseInt(v);
                if (port >= 0 && port <= 65535) {
                    return OptionalInt.of(port);
                }
            } catch (NumberFormatException e) {
                // named below
            }
            throw new TypeConversionException("'" + value + "' is neither a port (0..65535) nor off");
        }
    }
}
