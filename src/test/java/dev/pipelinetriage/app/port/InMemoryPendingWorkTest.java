package dev.pipelinetriage.app.port;

class InMemoryPendingWorkTest extends PendingWorkContract {
    private final InMemoryPendingWork store = new InMemoryPendingWork();

    @Override
    protected PendingWork store() {
        return store;
    }
}
