package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** {@code config check}'s look at the database: a real PostgreSQL, read and never changed. */
@ExtendWith(PostgresDatabases.Shared.class)
class StoreProbeTest {
    private static PostgresDatabases databases;

    @BeforeAll
    static void start(PostgresDatabases shared) {
        databases = shared;
    }

    private static StoreProbe.Outcome probe(String url) {
        return StoreProbe.postgres(url, "postgres", "postgres", Optional.empty(), Duration.ofSeconds(3));
    }

    @Test
    void anEmptyDatabaseIsReachedWithEveryMigrationPendingAndIsLeftEmpty() throws Exception {
        String url = databases.freshDatabase();

        StoreProbe.Reached reached = (StoreProbe.Reached) probe(url);

        assertThat(reached.applied()).isEmpty();
        assertThat(reached.pending()).isEqualTo(reached.known()).isNotEmpty();
        assertThat(probe(url)).isEqualTo(reached);
    }

    @Test
    void aMigratedDatabaseHasNothingPending() {
        String url = databases.freshDatabase();
        databases.open(url).close();

        StoreProbe.Reached reached = (StoreProbe.Reached) probe(url);

        assertThat(reached.pending()).isEmpty();
        assertThat(reached.newerThanThisBuild()).isEmpty();
    }

    @Test
    void aSchemaFromANewerBuildIsNamed() throws Exception {
        String url = databases.freshDatabase();
        databases.open(url).close();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version, script, applied_at) VALUES (99, 'V99__future.sql', now())");
        }

        assertThat(((StoreProbe.Reached) probe(url)).newerThanThisBuild()).containsExactly(99);
    }

    @Test
    void aServerThatDoesNotAnswerIsAFailureWithTheDriversReason() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        StoreProbe.Outcome outcome = probe("jdbc:postgresql://127.0.0.1:" + closed + "/triage");

        assertThat(outcome).isInstanceOfSatisfying(StoreProbe.Failed.class, f -> assertThat(f.reason())
                .startsWith("cannot connect: ").contains("SQL state 08001").doesNotContain("postgres\","));
    }

    @Test
    void theCaBundleBecomesTheRootCertificateUnlessTheUrlNamesOne() {
        PGSimpleDataSource plain = new PGSimpleDataSource();
        PGSimpleDataSource explicit = new PGSimpleDataSource();

        PostgresStore.configure(plain, "jdbc:postgresql://db/triage?sslmode=verify-full", "u", "p",
                Optional.of(Path.of("/etc/ca/bundle.pem")));
        PostgresStore.configure(explicit, "jdbc:postgresql://db/triage?sslmode=verify-full&sslrootcert=/etc/pg/root.crt",
                "u", "p", Optional.of(Path.of("/etc/ca/bundle.pem")));

        assertThat(plain.getSslRootCert()).isEqualTo("/etc/ca/bundle.pem");
        assertThat(explicit.getSslRootCert()).isEqualTo("/etc/pg/root.crt");
    }
}
