package dev.pipelinetriage.app.port;

import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The append-only record of privileged actions and denials. There is deliberately no way to change or remove
 * an entry through this port. An append that fails throws, and callers refuse the action (fail closed).
 */
public interface AuditLog {

    void append(AuditEntry entry);

    /**
     * Appends an entry whose decision stands whether or not it is recorded (a denial, an outcome after the request
     * was recorded): a failure to append is logged, never thrown.
     */
    default void appendBestEffort(AuditEntry entry) {
        try {
            append(entry);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(AuditLog.class).error("audit log unavailable; lost entry: {} {}", entry.outcome(),
                    entry.target(), e);
        }
    }

    /** The latest entries, newest last, at most {@code limit}. */
    List<AuditEntry> latest(int limit);
}
