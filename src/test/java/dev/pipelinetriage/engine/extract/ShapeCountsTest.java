package dev.pipelinetriage.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeCountsTest {

    @Test
    void countsEachShapeIncludingTheHashZero() {
        var counts = new ShapeCounts(100);
        counts.add(42);
        counts.add(42);
        counts.add(0);
        assertThat(counts.count(42)).isEqualTo(2);
        assertThat(counts.count(0)).isEqualTo(1);
        assertThat(counts.count(7)).isZero();
        assertThat(counts.size()).isEqualTo(2);
    }

    @Test
    void growsPastItsFirstTableAndKeepsEveryCount() {
        var counts = new ShapeCounts(10_000);
        for (long i = 1; i <= 5_000; i++) {
            counts.add(i * 0x9E3779B97F4A7C15L);
            counts.add(i * 0x9E3779B97F4A7C15L);
        }
        assertThat(counts.size()).isEqualTo(5_000);
        assertThat(counts.count(1234 * 0x9E3779B97F4A7C15L)).isEqualTo(2);
    }

    @Test
    void onceFullNewShapesAreNotCountedButKnownOnesStillAre() {
        var counts = new ShapeCounts(2);
        counts.add(1);
        counts.add(2);
        counts.add(3);
        counts.add(1);
        assertThat(counts.count(3)).isZero();
        assertThat(counts.count(1)).isEqualTo(2);
    }

    @Test
    void refusesANonPositiveBound() {
        assertThatThrownBy(() -> new ShapeCounts(0)).hasMessageContaining("got 0");
    }
}
