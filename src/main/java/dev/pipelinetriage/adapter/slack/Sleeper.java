package dev.pipelinetriage.adapter.slack;

import java.time.Duration;

/** Waits before a retry or a paced post. Injected so tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper threadSleeper() {
        return duration -> Thread.sleep(duration);
    }
}
