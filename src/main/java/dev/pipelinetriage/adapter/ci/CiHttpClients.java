package dev.pipelinetriage.adapter.ci;

import java.time.Duration;
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
        return new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
    }
}
