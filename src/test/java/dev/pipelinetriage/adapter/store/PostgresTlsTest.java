package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.TestCa;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL serving TLS with a certificate from a CA made for this test: with {@code sslmode=verify-full}
 * the store connects only when the CA bundle (or the URL's own {@code sslrootcert}) holds that CA.
 */
@ExtendWith(TestCa.Shared.class)
class PostgresTlsTest {
    @TempDir
    static Path dir;
    private static TestCa ca;
    private static EmbeddedPostgres server;

    @BeforeAll
    static void aPostgresqlWithACompanyCaCertificate(TestCa companyCa) throws Exception {
        ca = companyCa;
        Path[] pem = ca.serverPemFiles(dir);
        server = EmbeddedPostgres.builder().setServerConfig("ssl", "on").setServerConfig("ssl_cert_file", pem[0].toString())
                .setServerConfig("ssl_key_file", pem[1].toString()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String url(String extra) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres?sslmode=verify-full" + extra;
    }

    @Test
    void verifyFullConnectsWithTheCaBundleAsRootCertificate() {
        try (PostgresStore store = PostgresStore.open(url(""), "postgres", "postgres", 2, Optional.of(ca.caPem()))) {
            assertThat(store.reachable()).isTrue();
        }
        assertThat(StoreProbe.postgres(url(""), "postgres", "postgres", Optional.of(ca.caPem()), Duration.ofSeconds(5)))
                .isInstanceOf(StoreProbe.Reached.class);
    }

    @Test
    void aBundleWithAnotherCaIsRefusedByVerifyFull() throws Exception {
        Path other = TestCa.otherAuthority(java.nio.file.Files.createDirectories(dir.resolve("other")));

        assertThatThrownBy(() -> PostgresStore.open(url(""), "postgres", "postgres", 2, Optional.of(other)))
                .isInstanceOf(StoreException.class);
        assertThat(StoreProbe.postgres(url(""), "postgres", "postgres", Optional.of(other), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(StoreProbe.Failed.class, f -> assertThat(f.reason()).containsIgnoringCase("SSL"));
    }

    @Test
    void theUrlsOwnRootCertificateWinsOverTheBundle() throws Exception {
        Path other = TestCa.otherAuthority(java.nio.file.Files.createDirectories(dir.resolve("url-other")));

        assertThat(StoreProbe.postgres(url("&sslrootcert=" + ca.caPem()), "postgres", "postgres", Optional.of(other),
                Duration.ofSeconds(5))).isInstanceOf(StoreProbe.Reached.class);
    }
}
