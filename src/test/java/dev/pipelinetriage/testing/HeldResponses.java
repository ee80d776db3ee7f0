package dev.pipelinetriage.testing;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock response that is held back until the test releases it: a download that "hangs" for exactly as long
 * as the test needs, instead of a fixed delay every run pays in full. Register it with
 * {@code options().extensions(held)} and put it on a stub with {@code .withTransformers(HeldResponses.NAME)}.
 * Release it before the server stops, or the held request waits out {@link #LONGEST_HOLD}.
 */
public final class HeldResponses implements ResponseTransformerV2 {
    public static final String NAME = "held-until-released";
    /** A held answer goes out after this long at the latest, so a forgotten release never hangs a build. */
    static final Duration LONGEST_HOLD = Duration.ofSeconds(60);

    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();

    /** How many requests reached a held stub (WireMock journals a request only once its answer went out). */
    public int held() {
        return held.get();
    }

    /** Lets every held response (and every later one) go out. */
    public void release() {
        released.countDown();
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        held.incrementAndGet();
        try {
            released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return response;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
