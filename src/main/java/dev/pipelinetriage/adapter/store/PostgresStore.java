package dev.pipelinetriage.adapter.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.ds.common.BaseDataSource;

/**
 * The state on PostgreSQL, shared by any number of replicas: event de-dup, rerun and ticket claims hold across
 * them because every claim is a unique key or a conditional update in the database, never an in-process lock.
 * The schema is migrated on start; replicas starting together take turns on an advisory lock.
 */
public final class PostgresStore extends JdbcStore {
    /** How long a start keeps trying a database that does not answer yet (a pod still starting). */
    static final Duration START_RETRIES = Duration.ofSeconds(10);

    private PostgresStore(HikariDataSource pool) {
        super(pool, Dialect.POSTGRES, pool::close);
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
        PGSimpleDataSource source = new PGSimpleDataSource();
        configure(source, url, user, password, caBundle);
        source.setConnectTimeout(10);
        source.setSocketTimeout(60);
        long start = System.nanoTime();
        Optional<SQLException> notYet = firstAttempt(source, url);
        // The first attempt's time counts against the start's retry window: a silent host costs it once, not twice.
        long left = START_RETRIES.toMillis() - Duration.ofNanos(System.nanoTime() - start).toMillis();
        if (notYet.isPresent() && left <= 0) {
            throw cannotOpen(url, notYet.get());
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolSettings(source, maxConnections, Math.max(1, left)));
        } catch (RuntimeException e) {
            throw cannotOpen(url, e);
        }
        try {
            Migrations.apply(pool, Dialect.POSTGRES);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StoreException("cannot open the PostgreSQL store at " + url + ": " + e.getMessage(), e);
        }
        return new PostgresStore(pool);
    }

    /**
     * A pool that survives a database failover or a dropped idle connection: a connection idle for a while is
     * checked before it is handed out, a broken one is replaced, and every connection is retired after 30 minutes
     * (before a typical load balancer or server idle limit cuts it). Every connection is opened when needed, so
     * the first checkout is also where an unreachable server or a wrong password shows.
     */
    static HikariConfig poolSettings(PGSimpleDataSource source, int maxConnections, long startRetriesMillis) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("pipeline-triage-store");
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(2, maxConnections));
        config.setConnectionTimeout(10_000);
        config.setValidationTimeout(5_000);
        config.setIdleTimeout(600_000);
        config.setMaxLifetime(1_800_000);
        config.setKeepaliveTime(300_000);
        config.setInitializationFailTimeout(startRetriesMillis);
        return config;
    }

    /**
     * One connection first, so that what no retry can fix -- a refused login, a database that does not exist, a
     * server certificate the trusted roots do not vouch for -- fails at once and says so, while an unreachable or
     * starting server still gets the rest of {@link #START_RETRIES}. Answers the failure worth retrying, if any.
     */
    private static Optional<SQLException> firstAttempt(PGSimpleDataSource source, String url) {
        try (Connection c = source.getConnection()) {
            return Optional.empty();
        } catch (SQLException e) {
            if (permanent(e)) {
                throw cannotOpen(url, e);
            }
            return Optional.of(e);
        }
    }

    /** SQL states 28xxx (authorization) and 3D000 (no such database), or a certificate that failed verification. */
    static boolean permanent(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28") || state.equals("3D000")) {
            return true;
        }
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            // Not any TLS failure: a server that is still starting can drop a handshake; one whose certificate the
            // trusted roots do not vouch for stays so (PKIX failures are CertificateExceptions underneath).
            if (cause instanceof CertificateException || cause instanceof CertPathValidatorException
                    || cause instanceof CertPathBuilderException) {
                return true;
            }
        }
        return false;
    }

    /** Names the URL (which carries no password) and the deepest cause's message. */
    private static StoreException cannotOpen(String url, Throwable e) {
        return new StoreException("cannot open the PostgreSQL store at " + url + ": " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
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
