package dev.pipelinetriage.net;

import java.util.random.RandomGenerator;

/** Random draws fixed for tests, so jittered waits are known exactly. */
public final class FixedDraws {
    private FixedDraws() {
    }

    /** A generator whose {@code nextDouble()} is always {@code value}: the jitter at a chosen point of its range. */
    public static RandomGenerator drawing(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is drawn");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
