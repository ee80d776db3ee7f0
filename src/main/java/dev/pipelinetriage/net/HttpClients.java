package dev.pipelinetriage.net;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The one OkHttpClient the process shares (its connection pool, dispatcher and TLS set-up); each adapter derives
 * its own with {@code newBuilder()}, adding its timeouts and interceptors.
 */
public final class HttpClients {
    private HttpClients() {
    }

    /**
     * Redirects off (a caller that follows one checks every hop), OkHttp's silent retry after a connection failure
     * off (it could repeat a POST whose answer was lost; retries are the adapters' {@link RetryPolicy}), and
     * conservative timeouts; per-request deadlines are set by each adapter.
     *
     * @param trust replaces the JDK's trust decisions (e.g. {@link TlsTrust#withExtraAuthorities})
     */
    public static OkHttpClient newShared(Optional<X509TrustManager> trust) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        trust.ifPresent(t -> trusting(builder, t));
        return builder
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** With the JDK's trust decisions. */
    public static OkHttpClient newShared() {
        return newShared(Optional.empty());
    }

    /** Makes {@code builder} verify servers with {@code trust}; host names are still verified as usual. */
    public static OkHttpClient.Builder trusting(OkHttpClient.Builder builder, X509TrustManager trust) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            return builder.sslSocketFactory(tls.getSocketFactory(), trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
