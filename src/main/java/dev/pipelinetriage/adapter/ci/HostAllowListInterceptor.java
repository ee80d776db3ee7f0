package dev.pipelinetriage.adapter.ci;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** First in the chain: nothing leaves for a host the instance was not configured with. */
final class HostAllowListInterceptor implements Interceptor {
    private final String instance;
    private final HostPolicy policy;

    HostAllowListInterceptor(String instance, HostPolicy policy) {
        this.instance = instance;
        this.policy = policy;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        var url = chain.request().url();
        if (!policy.isApiOrigin(url) && !policy.isLogHost(url)) {
            throw new BlockedRequestException("refused to contact " + url.scheme() + "://" + url.host() + ":" + url.port()
                    + ": it is not the configured API or log host of CI instance '" + instance + "'");
        }
        return chain.proceed(chain.request());
    }
}
