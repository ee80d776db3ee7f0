package dev.pipelinetriage.adapter.ci;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Bounded retries with exponential backoff and full jitter, for idempotent requests only: a rerun POST that
 * failed half-way must not be sent twice. Rate-limit waits are honoured when short; a longer wait is handed
 * back to the caller as the 429/403 response so the user hears "retry after N s".
 */
final class RetryInterceptor implements Interceptor {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD");
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(500, 502, 503, 504);

    private final HttpPolicy policy;
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
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.rateLimitWaits = rateLimitWaits;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        var request = chain.request();
        boolean idempotent = IDEMPOTENT.contains(request.method());
        for (int attempt = 0; ; attempt++) {
            boolean canRetry = idempotent && attempt < policy.maxRetries();
            Response response;
            try {
                response = chain.proceed(request);
            } catch (BlockedRequestException | UnknownHostException | InterruptedIOException e) {
                throw e; // refusals, DNS answers and deadlines do not improve by asking again
            } catch (IOException e) {
                if (!canRetry || chain.call().isCanceled()) {
                    throw e;
                }
                pause(backoff(attempt));
                continue;
            }
            if (RateLimits.isRateLimited(response)) {
                Duration wait = RateLimits.waitFor(response, clock.instant()).orElse(policy.defaultRateLimitWait());
                if (!canRetry || wait.compareTo(policy.maxRetryWait()) > 0) {
                    return response;
                }
                response.close();
                Duration pause = wait.plus(jitter(policy.backoffBase()));
                rateLimitWaits.accept(pause);
                pause(pause);
                continue;
            }
            if (RETRYABLE_STATUS.contains(response.code()) && canRetry) {
                response.close();
                pause(backoff(attempt));
                continue;
            }
            return response;
        }
    }

    private Duration backoff(int attempt) {
        return jitter(policy.backoffBase().multipliedBy(1L << Math.min(attempt, 16)));
    }

    /** Full jitter: uniformly between half the ceiling and the ceiling, so retries from many callers spread out. */
    private Duration jitter(Duration ceiling) {
        long max = Math.max(2, ceiling.toMillis());
        return Duration.ofMillis(max / 2 + random.nextLong(max / 2 + 1));
    }

    private void pause(Duration d) throws InterruptedIOException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during retry backoff");
        }
    }
}
