package dev.pipelinetriage.adapter.store;

/** What walking the audit log's hash chain found. */
public sealed interface AuditChainCheck {

    /**
     * Every chained entry is as it was written, and none between them is missing.
     *
     * @param chained entries the chain covers
     * @param beforeChain entries written before the store had the chain (they carry no hash)
     * @param latestHash the last entry's hash, or empty when there is none: noted down, it shows later whether entries
     *     were removed from the end, which the chain alone cannot
     */
    record Intact(long chained, long beforeChain, String latestHash) implements AuditChainCheck {
    }

    /**
     * The chain breaks at entry {@code entry} (its sequence number): it, or an entry before it, was changed or removed.
     */
    record Broken(long entry, String problem) implements AuditChainCheck {
    }
}
