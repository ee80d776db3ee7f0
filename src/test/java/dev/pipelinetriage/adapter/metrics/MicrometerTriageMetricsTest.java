package dev.pipelinetriage.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.testing.Await;
import io.micrometer.core.instrument.MockClock;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scrape an operator reads: gauges keep reading after a garbage collection. */
class MicrometerTriageMetricsTest {

    @Test
    void gaugesRegisteredWithALambdaStillReadTheirValueAfterAGarbageCollection() {
        MicrometerTriageMetrics metrics = new MicrometerTriageMetrics(new MockClock());
        AtomicInteger pending = new AtomicInteger(7);
        AtomicInteger entries = new AtomicInteger(168);
        // As serve registers them: a method reference that nothing else holds on to.
        metrics.queueDepth(pending::get);
        metrics.knowledgeBaseSize(entries::get);

        // A collection that clears weak references has run once this one, held by nothing else, is gone.
        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        Await.until("a garbage collection that clears weak references", () -> {
            System.gc();
            return sentinel.get() == null;
        });

        assertThat(metrics.scrape())
                .contains("executor_queue_depth 7.0")
                .contains("knowledge_base_entries 168.0")
                .doesNotContain("NaN");
    }
}
