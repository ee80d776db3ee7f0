package dev.pipelinetriage.adapter.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL server from Maven jars, started once for the whole test run and stopped at its end; each test
 * gets a fresh database of its own, so tests (and classes running at the same time) never see each other's rows.
 * A class asks for it as a parameter of its {@code @BeforeAll} or {@code @BeforeEach} method, with
 * {@code @ExtendWith(PostgresDatabases.Shared.class)}: starting a server costs seconds, a database milliseconds.
 */
public final class PostgresDatabases implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final AtomicInteger next = new AtomicInteger();

    private PostgresDatabases() {
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /** Resolves a {@link PostgresDatabases} parameter to the run's one server, kept in JUnit's root store. */
    public static final class Shared implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == PostgresDatabases.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // The root store closes it (AutoCloseable) when the whole run ends.
            return context.getRoot().getStore(ExtensionContext.Namespace.create(PostgresDatabases.class))
                    .computeIfAbsent(PostgresDatabases.class, k -> new PostgresDatabases(), PostgresDatabases.class);
        }
    }

    /** Creates an empty database and returns its JDBC URL (user and password: postgres). */
    public String freshDatabase() {
        String name = "triage_" + next.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return server.getJdbcUrl("postgres", name);
    }

    /**
     * Creates an empty database owned by a new login {@code role} (a production-like setup: the bot is not the
     * superuser) and returns its plain JDBC URL, without user or password.
     */
    public String freshDatabaseOwnedBy(String role, String password) {
        String name = "triage_" + next.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            s.execute("CREATE DATABASE " + name + " OWNER " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " for " + role, e);
        }
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name;
    }

    /**
     * Ends every connection the bot holds to the database at {@code url}, as a failover or a server restart does;
     * returns how many ended. Other databases (other tests running meanwhile) keep theirs.
     */
    int dropConnections(String url) {
        String database = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        try (Connection c = server.getPostgresDatabase().getConnection();
                var query = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE application_name = 'pipeline-triage' AND datname = ? AND pid <> pg_backend_pid()")) {
            query.setString(1, database);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the bot's connections", e);
        }
    }

    /**
     * An outage of the database at {@code url} until the answer is closed: new connections are refused and the ones
     * open are ended, as when the server is down; other databases keep running.
     */
    public AutoCloseable outage(String url) {
        String database = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        allowConnections(database, false);
        dropConnections(url);
        return () -> allowConnections(database, true);
    }

    private void allowConnections(String database, boolean allow) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + allow);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + (allow ? "reopen" : "close") + " database " + database, e);
        }
    }

    /** Two replicas' stores on one fresh database: what a test of sharing state between instances starts from. */
    public Replicas twoReplicas() {
        String url = freshDatabase();
        return new Replicas(url, open(url), open(url));
    }

    /** Two stores opened on the database at {@code url}; closing closes both. */
    public record Replicas(String url, PostgresStore a, PostgresStore b) implements AutoCloseable {
        @Override
        public void close() {
            a.close();
            b.close();
        }
    }

    public PostgresStore open(String url) {
        return PostgresStore.open(url, "postgres", "postgres", 24);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
