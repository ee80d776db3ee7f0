package dev.pipelinetriage.adapter.ci;

import java.time.Duration;

/** Waits between retries. Injected so tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** The real thing. */
    static Sleeper threadSleeper() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
