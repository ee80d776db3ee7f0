package dev.pipelinetriage.adapter.store;

import java.sql.SQLException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The state on PostgreSQL, shared by any number of replicas: event de-dup, rerun and ticket claims hold across
 * them because every claim is a unique key or a conditional update in the database, never an in-process lock.
 * The schema is migrated on start; replicas starting together take turns on an advisory lock.
 */
public final class PostgresStore extends JdbcStore {
    private PostgresStore(JdbcConnectionPool pool) {
        super(pool);
    }

    /**
     * Connects and migrates. The message of a failure names the URL (which carries no password: that comes
     * separately) but never the password.
     *
     * @param url a {@code jdbc:postgresql://host:port/database} URL
     * @param maxConnections per replica; the server's max_connections is shared by all replicas
     */
    public static PostgresStore open(String url, String user, String password, int maxConnections) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("a PostgreSQL store URL starts with jdbc:postgresql://, got '" + url + "'");
        }
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(url);
        source.setUser(user);
        source.setPassword(password);
        source.setApplicationName("pipeline-triage");
        source.setConnectTimeout(10);
        source.setSocketTimeout(60);
        // The H2 jar's small pool works over any ConnectionPoolDataSource; no second pooling library needed.
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(maxConnections);
        pool.setLoginTimeout(10);
        try {
            Migrations.apply(pool, Dialect.POSTGRES);
        } catch (SQLException | RuntimeException e) {
            pool.dispose();
            throw new StoreException("cannot open the PostgreSQL store at " + url + ": " + e.getMessage(), e);
        }
        return new PostgresStore(pool);
    }
}
