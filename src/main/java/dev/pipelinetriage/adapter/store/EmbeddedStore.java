package dev.pipelinetriage.adapter.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The default state: an H2 database file under the data directory, migrated to the current schema on start.
 * H2 locks the file, so a second process on the same directory fails to start: more than one replica needs the
 * PostgreSQL store.
 */
public final class EmbeddedStore extends JdbcStore {
    static final String FILE_NAME = "pipeline-triage";
    static final String USER = "triage";

    private EmbeddedStore(JdbcConnectionPool pool) {
        super(pool, Dialect.H2, pool::dispose);
    }

    /** Opens (or creates) the database in {@code directory}; fails with a message naming the directory. */
    public static EmbeddedStore open(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(url(directory), USER, "");
        pool.setMaxConnections(16);
        try {
            Migrations.apply(pool, Dialect.H2);
        } catch (SQLException e) {
            pool.dispose();
            throw new StoreException("cannot open the embedded store in " + directory + " (is another process using it? "
                    + "Several replicas need the PostgreSQL store): " + e.getMessage(), e);
        }
        return new EmbeddedStore(pool);
    }

    /** Whether {@code directory} holds a database (a bot has started on it), without creating anything. */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(FILE_NAME + ".mv.db"));
    }

    /** The database in {@code directory}; connections in this process share it with the store that has it open. */
    static String url(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve(FILE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
