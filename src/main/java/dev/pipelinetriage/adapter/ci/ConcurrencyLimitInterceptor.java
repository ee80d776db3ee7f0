package dev.pipelinetriage.adapter.ci;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Caps requests in flight per instance. A permit is held until the response body is closed, because a
 * streaming log download keeps its connection busy long after the headers arrived.
 */
final class ConcurrencyLimitInterceptor implements Interceptor {
    private final String instance;
    private final Semaphore permits;
    private final int maxConcurrent;
    private final Duration maxWait;

    /** Every slot stayed taken for the whole wait: the request never left, so nothing about the CI is known. */
    static final class SlotsBusyException extends InterruptedIOException {
        final int slots;
        final Duration waited;

        SlotsBusyException(int slots, Duration waited) {
            super("all " + slots + " request slots busy for " + waited.toSeconds() + " s");
            this.slots = slots;
            this.waited = waited;
        }
    }

    ConcurrencyLimitInterceptor(String instance, int maxConcurrent, Duration maxWait) {
        this.instance = instance;
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxWait = maxWait;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        try {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SlotsBusyException(maxConcurrent, maxWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a request slot");
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException | RuntimeException e) {
            release.run();
            throw e;
        }
        ResponseBody body = response.body();
        BufferedSource source = Okio.buffer(new ForwardingSource(body.source()) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    release.run();
                }
            }
        });
        return response.newBuilder().body(ResponseBody.create(source, body.contentType(), body.contentLength())).build();
    }

    int availablePermits() {
        return permits.availablePermits();
    }
}
