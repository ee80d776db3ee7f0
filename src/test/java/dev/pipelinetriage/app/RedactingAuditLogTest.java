package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.InMemoryAuditLog;
import dev.pipelinetriage.engine.redact.KnownSecrets;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedactingAuditLogTest {
    private static final String FORMATTED = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    private static final String OPAQUE = "k7Qm2vX9pL4rT8wZ";

    @Test
    void aReasonQuotingACredentialIsStoredWithTheCredentialHiddenAndTheBotsOwnFieldsAsTheyWere() {
        var known = new KnownSecrets();
        known.register(OPAQUE);
        var stored = new InMemoryAuditLog();
        var audit = new RedactingAuditLog(stored, new Redactor(known));

        audit.append(new AuditEntry(Instant.parse("2026-11-26T10:00:00Z"), "slack", "T1", "U_ONCALL", "C1", "rerun",
                "github:octo-org/octo-repo run 30433642 attempt 1", "failed", "CI instance 'github' refused (403): "
                        + "token " + FORMATTED + " and password " + OPAQUE + " are not allowed."));

        assertThat(stored.latest(1)).singleElement().satisfies(entry -> {
            assertThat(entry.reason()).contains("refused (403)").doesNotContain(FORMATTED).doesNotContain(OPAQUE);
            assertThat(entry.target()).isEqualTo("github:octo-org/octo-repo run 30433642 attempt 1");
            assertThat(entry.user()).isEqualTo("U_ONCALL");
            assertThat(entry.outcome()).isEqualTo("failed");
        });
    }
}
