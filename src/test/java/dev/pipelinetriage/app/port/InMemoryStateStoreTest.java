package dev.pipelinetriage.app.port;

/** The in-memory fake keeps the same contract as the real stores, so tests over it mean something. */
class InMemoryStateStoreTest extends StateStoreContract {
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();

    @Override
    protected StateStore store() {
        return store;
    }

    @Override
    protected AuditLog audit() {
        return audit;
    }
}
