package dev.pipelinetriage.adapter.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.h2.api.Trigger;

/**
 * H2's trigger for a table the bot only ever appends to (the audit log): any update or delete of one of its rows fails.
 * H2 creates it by class name, so it is public with a public no-argument constructor.
 */
public final class AppendOnlyTrigger implements Trigger {
    private String table = "table";

    public AppendOnlyTrigger() {
        // created by H2
    }

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) {
        this.table = table;
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(table.toLowerCase(Locale.ROOT) + " is append-only", "P0001");
    }
}
