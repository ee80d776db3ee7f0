package dev.pipelinetriage.adapter.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Versioned schema migrations: {@code db/migration/V<n>__<name>.sql} on the class path, applied in order, each in
 * its own transaction together with its {@code schema_version} row, so a crash leaves a version either fully
 * applied or not at all. {@code ${large_text}} in a script becomes the dialect's large text type, and a statement
 * {@code ${append_only TABLE}} the dialect's way of refusing updates and deletes of the table's rows.
 */
final class Migrations {
    /** Every script, in order; a new one is appended here and never edited once released. */
    static final List<String> SCRIPTS = List.of("V1__state.sql", "V2__recurrence.sql", "V3__outage_grouping.sql",
            "V4__rerun_outcomes.sql", "V5__pending_work.sql", "V6__audit_chain.sql");
    /** A statement {@code ${append_only TABLE}} becomes the dialect's statements that make the table append-only. */
    private static final Pattern APPEND_ONLY = Pattern.compile("\\$\\{append_only ([a-z_]+)}");

    private Migrations() {
    }

    /** Applies what is missing; returns the versions applied now. */
    static List<Integer> apply(DataSource pool, Dialect dialect) throws SQLException {
        List<Integer> applied = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS schema_version (
                          version INTEGER PRIMARY KEY,
                          script VARCHAR(200) NOT NULL,
                          applied_at TIMESTAMP WITH TIME ZONE NOT NULL)""");
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (String script : SCRIPTS) {
                    int version = version(script);
                    if (lockAndCheck(c, dialect, version)) {
                        c.rollback();
                        continue;
                    }
                    try (Statement s = c.createStatement()) {
                        for (String sql : statements(read(script), dialect)) {
                            s.execute(sql);
                        }
                    }
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                        s.setInt(1, version);
                        s.setString(2, script);
                        s.executeUpdate();
                    }
                    c.commit();
                    applied.add(version);
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
        return applied;
    }

    /** Takes the migration lock (if any) and says whether {@code version} is already there. */
    private static boolean lockAndCheck(Connection c, Dialect dialect, int version) throws SQLException {
        if (dialect.migrationLock() != null) {
            try (Statement s = c.createStatement()) {
                s.execute(dialect.migrationLock());
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
            s.setInt(1, version);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    static int version(String script) {
        if (!script.matches("V\\d+__[a-z0-9_]+\\.sql")) {
            throw new IllegalArgumentException("migration script names look like V3__what_changes.sql, got " + script);
        }
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /** Statements end with ';' at the end of a line; lines starting with "--" are comments. */
    static List<String> statements(String text, Dialect dialect) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String sql = current.toString().strip();
                sql = sql.substring(0, sql.length() - 1).replace("${large_text}", dialect.largeText());
                var appendOnly = APPEND_ONLY.matcher(sql);
                if (appendOnly.matches()) {
                    statements.addAll(dialect.appendOnly(appendOnly.group(1)));
                } else {
                    statements.add(sql);
                }
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("a migration script ends without ';': " + current.toString().strip());
        }
        return statements;
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration " + script + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + script, e);
        }
    }
}
