package dev.pipelinetriage.adapter.teams;

import java.time.Duration;

/** Waits before a retry. Injected so tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper threadSleeper() {
        return Thread::sleep;
    }
}
