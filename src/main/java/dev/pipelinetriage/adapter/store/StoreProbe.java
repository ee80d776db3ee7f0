package dev.pipelinetriage.adapter.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Looks at a store without changing it, for {@code config check}: can the bot connect, and how far is the schema
 * migrated compared with the migrations this build carries. Nothing is created or migrated here.
 */
public final class StoreProbe {

    /** What the probe found. */
    public sealed interface Outcome {
    }

    /** Connected; {@code applied} versions are in {@code schema_version} (none in a new, empty database). */
    public record Reached(List<Integer> applied, List<Integer> known) implements Outcome {
        public Reached {
            applied = List.copyOf(applied);
            known = List.copyOf(known);
        }

        /** Migrations the next start applies. */
        public List<Integer> pending() {
            return known.stream().filter(v -> !applied.contains(v)).toList();
        }

        /** Versions a newer build applied: this build would run against a schema it does not know. */
        public List<Integer> newerThanThisBuild() {
            return applied.stream().filter(v -> !known.contains(v)).toList();
        }
    }

    /** The embedded database does not exist yet; the first start creates it in {@code directory}, which it may. */
    public record NotCreated(Path directory) implements Outcome {
    }

    /** Why the store cannot be used as configured (no password or other secret in it). */
    public record Failed(String reason) implements Outcome {
    }

    private StoreProbe() {
    }

    /** Connects with the same settings as the bot (TLS root included) and a short timeout. */
    public static Outcome postgres(String url, String user, String password, Optional<Path> caBundle, Duration timeout) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        PostgresStore.configure(source, url, user, password, caBundle);
        int seconds = (int) Math.max(1, timeout.toSeconds());
        source.setConnectTimeout(seconds);
        source.setLoginTimeout(seconds);
        source.setSocketTimeout(seconds * 2);
        try (Connection c = source.getConnection()) {
            return schema(c);
        } catch (SQLException e) {
            return new Failed("cannot connect: " + e.getMessage() + " (SQL state " + e.getSQLState() + ")");
        }
    }

    /** The embedded database in {@code directory}: read when it exists, else whether it can be created there. */
    public static Outcome embedded(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        if (!Files.exists(absolute.resolve(EmbeddedStore.FILE_NAME + ".mv.db"))) {
            Path existing = absolute;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                return new Failed("the data directory " + absolute + " cannot be created: " + existing
                        + " is not a writable directory for this user");
            }
            return new NotCreated(absolute);
        }
        if (!Files.isWritable(absolute)) {
            return new Failed("the data directory " + absolute + " is not writable for this user");
        }
        String url = "jdbc:h2:file:" + absolute.resolve(EmbeddedStore.FILE_NAME) + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r";
        try (Connection c = org.h2.Driver.load().connect(url, credentials())) {
            return schema(c);
        } catch (SQLException e) {
            return new Failed("cannot open the embedded database in " + absolute + " (in use by a running bot?): "
                    + e.getMessage());
        }
    }

    private static java.util.Properties credentials() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "triage");
        p.setProperty("password", "");
        return p;
    }

    private static Reached schema(Connection c) throws SQLException {
        List<Integer> known = Migrations.SCRIPTS.stream().map(Migrations::version).toList();
        List<Integer> applied = new ArrayList<>();
        if (hasTable(c.getMetaData(), "schema_version")) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                while (r.next()) {
                    applied.add(r.getInt(1));
                }
            }
        }
        return new Reached(applied, known);
    }

    /** PostgreSQL keeps unquoted names in lower case, H2 in upper case. */
    private static boolean hasTable(DatabaseMetaData meta, String name) throws SQLException {
        for (String candidate : List.of(name, name.toUpperCase(java.util.Locale.ROOT))) {
            try (ResultSet r = meta.getTables(null, null, candidate, new String[] {"TABLE", "BASE TABLE"})) {
                if (r.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
