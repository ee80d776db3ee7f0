package dev.pipelinetriage.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    @Test
    void theSharedClientFollowsNoRedirectAndNeverRetriesOnItsOwn() {
        OkHttpClient shared = HttpClients.newShared();

        assertThat(shared.followRedirects()).isFalse();
        assertThat(shared.followSslRedirects()).isFalse();
        assertThat(shared.retryOnConnectionFailure()).isFalse();
        assertThat(shared.connectTimeoutMillis()).isEqualTo(10_000);
    }

    @Test
    void theSharedClientVerifiesServersWithTheTrustItIsGiven() {
        X509TrustManager trust = TlsTrust.withExtraAuthorities(List.of());

        assertThat(HttpClients.newShared(Optional.of(trust)).x509TrustManager()).isSameAs(trust);
    }

    @Test
    void extraAuthoritiesComeBesideTheJdksOwn() throws Exception {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        X509Certificate[] jdkIssuers = ((X509TrustManager) jdk.getTrustManagers()[0]).getAcceptedIssuers();

        assertThat(TlsTrust.withExtraAuthorities(List.of()).getAcceptedIssuers()).containsExactlyInAnyOrder(jdkIssuers);
    }
}
