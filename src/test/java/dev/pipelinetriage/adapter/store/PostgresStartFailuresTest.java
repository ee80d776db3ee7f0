package dev.pipelinetriage.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateException;
import java.sql.SQLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * Which failures to open the store end the start at once (no retry can fix them) and which get the pool's retries.
 * SQL states as the PostgreSQL documentation's "Appendix A. PostgreSQL Error Codes" lists them.
 */
class PostgresStartFailuresTest {

    @Test
    void aRefusedPasswordOrLoginIsPermanent() {
        assertThat(PostgresStore.permanent(new SQLException("password authentication failed", "28P01"))).isTrue();
        assertThat(PostgresStore.permanent(new SQLException("no pg_hba.conf entry", "28000"))).isTrue();
    }

    @Test
    void aDatabaseThatDoesNotExistIsPermanent() {
        assertThat(PostgresStore.permanent(new SQLException("database \"triage\" does not exist", "3D000"))).isTrue();
    }

    @Test
    void aServerCertificateThatFailsVerificationIsPermanent() {
        var handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException("unable to find valid certification path to requested target"));
        assertThat(PostgresStore.permanent(new SQLException("SSL error", "08006", handshake))).isTrue();
    }

    @Test
    void aHandshakeDroppedByAServerStillStartingIsRetried() {
        var e = new SQLException("SSL error", "08006", new SSLHandshakeException("Remote host terminated the handshake"));
        assertThat(PostgresStore.permanent(e)).isFalse();
    }

    @Test
    void anUnreachableOrStartingServerIsRetried() {
        assertThat(PostgresStore.permanent(new SQLException("Connection refused", "08001"))).isFalse();
        assertThat(PostgresStore.permanent(new SQLException("the database system is starting up", "57P03"))).isFalse();
        assertThat(PostgresStore.permanent(new SQLException("no state"))).isFalse();
    }
}
