package dev.pipelinetriage.adapter.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.common.BaseDataSource;

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
        return open(url, user, password, maxConnections, Optional.empty());
    }

    /**
     * @param caBundle PEM certificates to verify the server with when the URL names no {@code sslrootcert} (the
     *     driver would otherwise look in {@code ~/.postgresql/root.crt}, which a container rarely has)
     */
    public static PostgresStore open(String url, String user, String password, int maxConnections,
            Optional<Path> caBundle) {
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        configure(source, url, user, password, caBundle);
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

    /** URL, credentials and TLS root for any of the driver's data sources; the pool and {@code config check} share it. */
    static void configure(BaseDataSource source, String url, String user, String password, Optional<Path> caBundle) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("a PostgreSQL store URL starts with jdbc:postgresql://, got '" + url + "'");
        }
        source.setURL(url);
        source.setUser(user);
        source.setPassword(password);
        source.setApplicationName("pipeline-triage");
        if (!url.contains("sslrootcert=")) {
            caBundle.ifPresent(bundle -> source.setSslRootCert(bundle.toString()));
        }
    }
}
