package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.store.EmbeddedStore;
import dev.pipelinetriage.app.port.AuditEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code audit verify}: walks the audit log's hash chain in the store the configuration names. */
class AuditCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;
    private Path data;
    private Path config;

    record Run(int status, String out, String err) {
    }

    @BeforeEach
    void storeWithTwoEntries() throws Exception {
        data = dir.resolve("data");
        try (EmbeddedStore store = EmbeddedStore.open(data)) {
            store.auditLog().append(new AuditEntry(NOW, "slack", "T1", "U1", "C1", "rerun", "github:o/r run 1", "denied",
                    "not on call"));
            store.auditLog().append(new AuditEntry(NOW.plusSeconds(5), "slack", "T1", "U2", "C1", "rerun",
                    "github:o/r run 1", "started", "on call"));
        }
        config = dir.resolve("config.yaml");
        Files.writeString(config, "ci:\n  instances:\n    - {name: github, type: github, token: {env: T}}\nstore:\n  directory: "
                + data + "\n");
    }

    private Run verify(String... args) {
        AuditCommand.Verify command = new AuditCommand.Verify();
        command.env = Map.of();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void anUntouchedAuditLogIsIntactAndItsLatestHashIsPrintedToNoteDown() {
        Run run = verify("--config", config.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("audit log intact: 2 entries chained").containsPattern("latest hash: [0-9a-f]{64}");
    }

    @Test
    void anEntryChangedBehindTheBotsBackIsNamedAndTheExitStatusIsOne() throws Exception {
        // what someone who holds the data directory can do: drop the trigger that refuses changes, then change a row
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("pipeline-triage"),
                "triage", ""); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_log_append_only");
            s.executeUpdate("UPDATE audit_log SET outcome = 'started' WHERE user_id = 'U1'");
        }

        Run run = verify("--config", config.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("audit log broken: entry #1 was changed after it was written");
    }

    @Test
    void aConfiguredStoreThatDoesNotExistYetIsSaidSoAndNothingIsCreated() throws Exception {
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "ci:\n  instances:\n    - {name: github, type: github, token: {env: T}}\nstore:\n  directory: "
                + dir.resolve("none") + "\n");

        Run run = verify("--config", other.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("no audit log to verify: the embedded store in");
        assertThat(dir.resolve("none")).doesNotExist();
    }
}
