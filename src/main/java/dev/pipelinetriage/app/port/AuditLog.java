package dev.pipelinetriage.app.port;

import java.util.List;

/**
 * The append-only record of privileged actions and denials. There is deliberately no way to change or remove
 * an entry through this port. An append that fails throws, and callers refuse the action (fail closed).
 */
public interface AuditLog {

    void append(AuditEntry entry);

    /** The latest entries, newest last, at most {@code limit}. */
    List<AuditEntry> latest(int limit);
}
