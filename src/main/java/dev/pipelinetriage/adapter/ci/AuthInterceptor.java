package dev.pipelinetriage.adapter.ci;

import java.io.IOException;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Adds the instance's credential only to requests for the API origin, so a redirect target (GitHub's log
 * storage) never sees it even if a caller forgot to strip it.
 */
final class AuthInterceptor implements Interceptor {
    private final HostPolicy policy;
    private final String header;
    private final Supplier<String> value;

    AuthInterceptor(HostPolicy policy, String header, Supplier<String> value) {
        this.policy = policy;
        this.header = header;
        this.value = value;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        var request = chain.request();
        if (!policy.isApiOrigin(request.url())) {
            return chain.proceed(request.newBuilder()
                    .removeHeader("Authorization").removeHeader("PRIVATE-TOKEN").removeHeader("Cookie").build());
        }
        return chain.proceed(request.newBuilder().header(header, value.get()).build());
    }
}
