package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.TriageMetrics;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Counts privileged actions as they are audited. Every rerun outcome and every filed ticket passes through the
 * audit log exactly once, so counting here keeps the use cases free of metrics calls and can never disagree
 * with the audit trail. Only entries that were stored are counted.
 */
public final class CountingAuditLog implements AuditLog {
    private static final Set<String> FILED = Set.of("filed", "created");

    private final AuditLog delegate;
    private final TriageMetrics metrics;

    public CountingAuditLog(AuditLog delegate, TriageMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void append(AuditEntry entry) {
        delegate.append(entry);
        if (entry.action().equals(RerunService.ACTION)) {
            metrics.rerun(entry.outcome());
        } else if (entry.action().startsWith("ticket") && FILED.contains(entry.outcome())) {
            metrics.ticketFiled();
        }
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        return delegate.latest(limit);
    }
}
