package dev.pipelinetriage.adapter.ci;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/** Builds the one OkHttpClient the process shares; each instance derives its own with {@code newBuilder()}. */
public final class CiHttpClients {
    private CiHttpClients() {
    }

    /**
     * Redirects off (every hop is checked by hand), OkHttp's silent connection-failure retry off (it could
     * repeat a rerun POST), and conservative timeouts; per-request deadlines are set per instance.
     */
    public static OkHttpClient newSharedClient() {
        return newSharedClient(Optional.empty());
    }

    /** @param trust replaces the JDK's trust decisions (e.g. the JDK's CAs plus a company CA bundle) */
    public static OkHttpClient newSharedClient(Optional<X509TrustManager> trust) {
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
