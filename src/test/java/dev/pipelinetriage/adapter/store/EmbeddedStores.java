package dev.pipelinetriage.adapter.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The embedded store as tests that share one running bot see it. */
public final class EmbeddedStores {
    private EmbeddedStores() {
    }

    /**
     * Deletes every row of the embedded store in {@code directory}, which a bot in this process has open, keeping its
     * schema: the bot then remembers nothing a test before did (events, cards, claims, feedback, audit), as if new.
     */
    public static void empty(Path directory) throws SQLException {
        try (Connection connection = DriverManager.getConnection(EmbeddedStore.url(directory), EmbeddedStore.USER, "");
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                // The schema version says which migrations ran; without it the next start would run them again.
                if (!table.equalsIgnoreCase("schema_version")) {
                    statement.execute("TRUNCATE TABLE \"" + table + "\" RESTART IDENTITY");
                }
            }
        }
    }
}
