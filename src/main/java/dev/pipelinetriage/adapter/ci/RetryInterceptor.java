package dev.pipelinetriage.adapter.ci;

import dev.pipelinetriage.net.Attempts;
import dev.pipelinetriage.net.RateLimits;
import dev.pipelinetriage.net.RetryPolicy;
import dev.pipelinetriage.net.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Retries by {@link HttpPolicy#retryPolicy()}, for idempotent requests only: a rerun POST that failed half-way must
 * not be sent twice. Rate-limit waits are honoured when short; a longer wait is handed back to the caller as the
 * 429/403 response so the user hears "retry after N s".
 */
final class RetryInterceptor implements Interceptor {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD");

    private final RetryPolicy retries;
    private final Duration defaultRateLimitWait;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final Consumer<Duration> rateLimitWaits;

    RetryInterceptor(HttpPolicy policy, Sleeper sleeper, Clock clock, RandomGenerator random) {
        this(policy, sleeper, clock, random, waited -> { });
    }

    /** @param rateLimitWaits told of every wait for a rate limit, for metrics */
    RetryInterceptor(HttpPolicy policy, Sleeper sleeper, Clock clock, RandomGenerator random,
            Consumer<Duration> rateLimitWaits) {
        this.retries = policy.retryPolicy();
        this.defaultRateLimitWait = policy.defaultRateLimitWait();
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.rateLimitWaits = rateLimitWaits;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        var request = chain.request();
        boolean idempotent = IDEMPOTENT.contains(request.method());
        Attempts attempts = retries.attempts(random);
        while (true) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (BlockedRequestException e) {
                throw e; // a refusal does not improve by asking again
            } catch (IOException e) {
                if (!retries.retryable(e, idempotent) || chain.call().isCanceled()
                        || !(attempts.next(Optional.empty()) instanceof Attempts.Next.Retry retry)) {
                    throw e;
                }
                pause(retry.delay());
                continue;
            }
            if (RateLimits.isRateLimited(response)) {
                Duration asked = RateLimits.waitFor(response, clock.instant()).orElse(defaultRateLimitWait);
                if (!idempotent || !(attempts.next(Optional.of(asked)) instanceof Attempts.Next.Retry retry)) {
                    return response;
                }
                response.close();
                rateLimitWaits.accept(retry.delay());
                pause(retry.delay());
                continue;
            }
            if (retries.retryable(response.code(), idempotent)
                    && attempts.next(Optional.empty()) instanceof Attempts.Next.Retry retry) {
                response.close();
                pause(retry.delay());
                continue;
            }
            return response;
        }
    }

    private void pause(Duration wait) throws InterruptedIOException {
        if (!sleeper.sleepUninterrupted(wait)) {
            throw new InterruptedIOException("interrupted during retry backoff");
        }
    }
}
