package dev.pipelinetriage.app.port;

/** The in-memory fake keeps the contract the database stores keep. */
class InMemoryOutageGroupingTest extends OutageGroupingContract {
    @Override
    protected OutageStore store() {
        return new InMemoryOutageStore();
    }
}
