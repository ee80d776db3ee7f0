package dev.pipelinetriage.adapter.store;

/** What differs between the two databases: large text columns, and how concurrent migrators wait their turn. */
enum Dialect {
    H2("CLOB", null),
    /** The advisory lock serializes replicas that start together; it is released with the transaction. */
    POSTGRES("TEXT", "SELECT pg_advisory_xact_lock(7324917)");

    private final String largeText;
    private final String migrationLock;

    Dialect(String largeText, String migrationLock) {
        this.largeText = largeText;
        this.migrationLock = migrationLock;
    }

    String largeText() {
        return largeText;
    }

    /** A statement that blocks other migrators until the transaction ends, or null when one process owns the file. */
    String migrationLock() {
        return migrationLock;
    }
}
