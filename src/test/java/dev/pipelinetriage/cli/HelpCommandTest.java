package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code help} at any depth, before or after the command it describes. */
class HelpCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpKbLintPrintsTheHelpOfLint() {
        Run run = main("help", "kb", "lint");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: pipeline-triage kb lint").contains("Schema, unique ids");
    }

    @Test
    void kbHelpLintPrintsTheSameHelp() {
        assertThat(main("kb", "help", "lint")).isEqualTo(main("help", "kb", "lint"));
    }

    @Test
    void helpAloneAndHelpOfOneCommandStillWork() {
        assertThat(main("help").out()).startsWith("Usage: pipeline-triage [-hV] [COMMAND]");
        assertThat(main("help", "serve").out()).startsWith("Usage: pipeline-triage serve").contains("--management-port");
        assertThat(main("config", "help", "check").out()).startsWith("Usage: pipeline-triage config check");
    }

    @Test
    void anUnknownCommandIsNamedWithTheOnesThatExist() {
        Run run = main("help", "kb", "lnt");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("'lnt' is not a command of pipeline-triage kb; its commands are lint, test, report, help");
    }

    @Test
    void theLaunchersTestCommandIsListedInTheHelp() {
        assertThat(main("--help").out()).contains("test     Run every test: ./mvnw -B verify");
    }
}
