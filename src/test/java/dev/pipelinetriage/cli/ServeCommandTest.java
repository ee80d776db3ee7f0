package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve}'s ports: the public one and the management one, which must differ unless it is off. */
class ServeCommandTest {
    private final ServeCommand.ManagementPort managementPort = new ServeCommand.ManagementPort();

    @Test
    void theManagementPortIsANumberOrOff() {
        assertThat(managementPort.convert("9090")).isEqualTo(OptionalInt.of(9090));
        assertThat(managementPort.convert("0")).isEqualTo(OptionalInt.of(0));
        assertThat(managementPort.convert("OFF")).isEqualTo(OptionalInt.empty());
        assertThatThrownBy(() -> managementPort.convert("metrics")).hasMessageContaining("'metrics' is neither a port");
        assertThatThrownBy(() -> managementPort.convert("70000")).hasMessageContaining("'70000' is neither a port");
    }

    @Test
    void theManagementPortMustDifferFromThePublicOne() {
        StringWriter err = new StringWriter();

        int status = new CommandLine(new ServeCommand()).setErr(new PrintWriter(err))
                .execute("--config", "unused.yaml", "--port", "3000", "--management-port", "3000");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--management-port must differ from --port (3000)");
    }

    @Test
    void theHelpNamesBothPortsAndTheirVariables() {
        String help = new CommandLine(new ServeCommand()).getUsageMessage();

        assertThat(help).contains("--port").contains("PIPELINE_TRIAGE_PORT").contains("--management-port")
                .contains("PIPELINE_TRIAGE_MANAGEMENT_PORT");
    }
}
