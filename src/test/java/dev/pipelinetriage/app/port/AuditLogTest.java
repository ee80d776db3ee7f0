package dev.pipelinetriage.app.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    private static final AuditEntry ENTRY = new AuditEntry(Instant.parse("2026-12-07T08:00:00Z"), "slack", "T1", "U1",
            "C1", "rerun", "github:octo/repo run 1 attempt 1", "denied", "not on call");

    @Test
    void aBestEffortEntryIsAppendedLikeAnyOther() {
        var log = new InMemoryAuditLog();

        log.appendBestEffort(ENTRY);

        assertThat(log.latest(10)).containsExactly(ENTRY);
    }

    @Test
    void aBestEffortEntryTheLogCannotTakeIsLostWithoutThrowing() {
        AuditLog down = new AuditLog() {
            @Override
            public void append(AuditEntry entry) {
                throw new IllegalStateException("database down");
            }

            @Override
            public List<AuditEntry> latest(int limit) {
                return List.of();
            }
        };

        assertThatCode(() -> down.appendBestEffort(ENTRY)).doesNotThrowAnyException();
    }
}
