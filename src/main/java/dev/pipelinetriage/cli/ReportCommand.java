package dev.pipelinetriage.cli;

import dev.pipelinetriage.app.HealthReportText;
import dev.pipelinetriage.boot.ReportWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: the CI/CD health report of the last period, as text, with a PNG chart in {@code --out}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "CI/CD health report: failures triaged by verdict, top recurring failures, knowledge-base "
                + "coverage, feedback accuracy and rerun outcomes. Reads the bot's store (stop the bot or use a copy).")
final class ReportCommand implements Callable<Integer> {
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,4})([hdw])");

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file naming the store "
            + "(default: $" + ConfigLoader.ENV_VAR + ", else the embedded store in ./data if a bot created one there).")
    Path config;

    @Option(names = "--since", defaultValue = "7d", paramLabel = "PERIOD",
            description = "How far back: 12h, 7d, 4w (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write health-report.md and verdicts-per-day.png here.")
    Path out;

    /** Where the configuration file may be named; tests replace it. */
    Map<String, String> env = System.getenv();
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Matcher m = PERIOD.matcher(since.strip());
        if (!m.matches()) {
            err.println("--since must be a number and h, d or w (12h, 7d, 4w), got '" + since + "'");
            err.flush();
            return 2;
        }
        Duration period = switch (m.group(2)) {
            case "h" -> Duration.ofHours(Long.parseLong(m.group(1)));
            case "d" -> Duration.ofDays(Long.parseLong(m.group(1)));
            default -> Duration.ofDays(7 * Long.parseLong(m.group(1)));
        };
        BotStore.Read<ReportWiring.Rendered> read = BotStore.read(config, env, "report", "nothing to report", err,
                store -> ReportWiring.last(store, env, period, clock));
        if (!read.ok()) {
            return read.status();
        }
        ReportWiring.Rendered rendered = read.value();
        String text = HealthReportText.render(rendered.report());
        stdout.print(text);
        stdout.flush();
        if (out != null) {
            try {
                Files.createDirectories(out);
                Files.writeString(out.resolve("health-report.md"), text, StandardCharsets.UTF_8);
                Files.write(out.resolve("verdicts-per-day.png"), rendered.chart());
            } catch (IOException e) {
                err.println("cannot write the report to " + out + ": " + e.getMessage());
                err.flush();
                return 5;
            }
        }
        return 0;
    }
}
