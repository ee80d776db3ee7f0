package dev.pipelinetriage.adapter.store;

import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The default state: an H2 database file under the data directory, created with its schema on first start.
 * H2 locks the file, so a second process on the same directory fails to start: more than one replica needs the
 * PostgreSQL store.
 */
public final class EmbeddedStore implements AutoCloseable {
    static final String FILE_NAME = "pipeline-triage";

    private final JdbcConnectionPool pool;
    private final JdbcStateStore state;
    private final JdbcAuditLog audit;

    private EmbeddedStore(JdbcConnectionPool pool) {
        this.pool = pool;
        this.state = new JdbcStateStore(pool);
        this.audit = new JdbcAuditLog(pool);
    }

    /** Opens (or creates) the database in {@code directory}; fails with a message naming the directory. */
    public static EmbeddedStore open(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve(FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "triage", "");
        pool.setMaxConnections(16);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : Schema.STATEMENTS) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            pool.dispose();
            throw new StoreException("cannot open the embedded store in " + directory + " (is another process using it? "
                    + "Several replicas need the PostgreSQL store): " + e.getMessage(), e);
        }
        return new EmbeddedStore(pool);
    }

    public StateStore stateStore() {
        return state;
    }

    public AuditLog auditLog() {
        return audit;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
