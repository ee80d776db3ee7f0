package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.engine.redact.Redactor;
import java.util.List;
import java.util.Objects;

/**
 * Hides secrets in an entry's reason before it is stored. A reason may quote another system (the CI's error for a
 * failed rerun, the tracker's for a ticket not filed), and what that quotes is not the bot's to keep. The other
 * fields are the bot's own identifiers and stay as they are.
 */
public final class RedactingAuditLog implements AuditLog {
    private final AuditLog delegate;
    private final Redactor redactor;

    public RedactingAuditLog(AuditLog delegate, Redactor redactor) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public void append(AuditEntry entry) {
        delegate.append(new AuditEntry(entry.at(), entry.platform(), entry.workspace(), entry.user(), entry.channel(),
                entry.action(), entry.target(), entry.outcome(), redactor.redactLine(entry.reason())));
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        return delegate.latest(limit);
    }
}
