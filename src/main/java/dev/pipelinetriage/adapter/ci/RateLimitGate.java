package dev.pipelinetriage.adapter.ci;

import dev.pipelinetriage.net.RateLimits;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Remembers an exhausted rate limit ({@code remaining: 0} until {@code reset}) and answers later requests
 * locally with a 429 until the reset, because GitHub warns that requests made while limited can get an
 * integration banned.
 */
final class RateLimitGate implements Interceptor {
    static final String LOCAL_HEADER = "X-Pipeline-Triage-Local";

    private final Clock clock;
    private final AtomicReference<Instant> blockedUntil = new AtomicReference<>(Instant.MIN);

    RateLimitGate(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Instant now = clock.instant();
        Instant until = blockedUntil.get();
        if (now.isBefore(until)) {
            long seconds = Math.max(1, Duration.between(now, until).toSeconds());
            return new Response.Builder()
                    .request(chain.request())
                    .protocol(Protocol.HTTP_1_1)
                    .code(429)
                    .message("Too Many Requests (held back locally)")
                    .header("Retry-After", Long.toString(seconds))
                    .header(LOCAL_HEADER, "rate-limit-gate")
                    .body(ResponseBody.create("", MediaType.get("text/plain")))
                    .build();
        }
        Response response = chain.proceed(chain.request());
        RateLimits.exhaustedUntil(response).ifPresent(reset -> blockedUntil.accumulateAndGet(reset,
                (a, b) -> a.isAfter(b) ? a : b));
        return response;
    }
}
