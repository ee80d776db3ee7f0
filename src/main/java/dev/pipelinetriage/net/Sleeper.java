package dev.pipelinetriage.net;

import java.time.Duration;

/**
 * Waits before a retry or a paced request. Injected so tests record the waits instead of sleeping; every adapter
 * that waits takes this one.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits, or stops early when the thread is interrupted: then the interrupt flag is set again, for the caller
     * to give up.
     *
     * @return whether the whole wait passed
     */
    default boolean sleepUninterrupted(Duration duration) {
        try {
            sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The real thing: {@link Thread#sleep(Duration)}. */
    static Sleeper threadSleeper() {
        return Thread::sleep;
    }
}
