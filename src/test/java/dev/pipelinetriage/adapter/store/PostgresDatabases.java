package dev.pipelinetriage.adapter.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server from Maven jars, started once per test class; each test gets a fresh database so tests
 * never see each other's rows.
 */
public final class PostgresDatabases implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final AtomicInteger next = new AtomicInteger();

    public PostgresDatabases() {
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
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

    /** Ends every connection the bot holds, as a failover or a server restart does; returns how many ended. */
    int dropConnections() {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE application_name = 'pipeline-triage' AND pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the bot's connections", e);
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
