package dev.pipelinetriage.adapter.store;

import java.util.List;

/**
 * What differs between the two databases: large text columns, how concurrent migrators and audit writers wait their
 * turn, and how a table is made append-only.
 */
enum Dialect {
    H2("CLOB", null, null),
    /** The advisory locks serialize replicas that start or audit together; each is released with its transaction. */
    POSTGRES("TEXT", "SELECT pg_advisory_xact_lock(7324917)", "SELECT pg_advisory_xact_lock(7324918)");

    private final String largeText;
    private final String migrationLock;
    private final String auditLock;

    Dialect(String largeText, String migrationLock, String auditLock) {
        this.largeText = largeText;
        this.migrationLock = migrationLock;
        this.auditLock = auditLock;
    }

    String largeText() {
        return largeText;
    }

    /** A statement that blocks other migrators until the transaction ends, or null when one process owns the file. */
    String migrationLock() {
        return migrationLock;
    }

    /**
     * A statement that blocks other audit writers until the transaction ends, or null when one process owns the file
     * (that process serializes its own writers): two entries chained to the same predecessor would fork the chain.
     */
    String auditLock() {
        return auditLock;
    }

    /** Statements after which the database refuses to update, delete (and, where it can tell, truncate) rows of {@code table}. */
    List<String> appendOnly(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        return switch (this) {
            case H2 -> List.of("CREATE TRIGGER " + table + "_append_only BEFORE UPDATE, DELETE ON " + table
                    + " FOR EACH ROW CALL '" + AppendOnlyTrigger.class.getName() + "'");
            case POSTGRES -> List.of(
                    "CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
                            + "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$",
                    "CREATE TRIGGER " + table + "_append_only BEFORE UPDATE OR DELETE ON " + table
                            + " FOR EACH ROW EXECUTE FUNCTION refuse_change()",
                    "CREATE TRIGGER " + table + "_no_truncate BEFORE TRUNCATE ON " + table
                            + " FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()");
        };
    }
}
