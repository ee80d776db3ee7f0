package dev.pipelinetriage.adapter.ci;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Adds the instance's credential only to requests for the API origin, so a redirect target (GitHub's log
 * storage) never sees it even if a caller forgot to strip it. A 401 is answered by reading the credential again; when
 * it changed, the request is sent once more with it.
 */
final class AuthInterceptor implements Interceptor {
    private final HostPolicy policy;
    private final String header;
    private final Supplier<String> value;
    private final BooleanSupplier refresh;

    AuthInterceptor(HostPolicy policy, ApiAuth auth) {
        this.policy = policy;
        this.header = auth.header();
        this.value = auth.value();
        this.refresh = auth.refresh();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        var request = chain.request();
        if (!policy.isApiOrigin(request.url())) {
            return chain.proceed(request.newBuilder()
                    .removeHeader("Authorization").removeHeader("PRIVATE-TOKEN").removeHeader("Cookie").build());
        }
        Response response = chain.proceed(request.newBuilder().header(header, value.get()).build());
        if (response.code() == 401 && refresh.getAsBoolean()) {
            // The credential changed since this request read it (a token rotated just before it expired): nothing was
            // done with a rejected credential, so the request goes once more, with the new one.
            response.close();
            return chain.proceed(request.newBuilder().header(header, value.get()).build());
        }
        return response;
    }
}
