package dev.pipelinetriage.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scrape an operator reads: gauges keep reading after a garbage collection. */
class MicrometerTriageMetricsTest {

    @Test
    void gaugesRegisteredWithALambdaStillReadTheirValueAfterAGarbageCollection() throws InterruptedException {
        MicrometerTriageMetrics metrics = new MicrometerTriageMetrics(new MockClock());
        AtomicInteger pending = new AtomicInteger(7);
        AtomicInteger entries = new AtomicInteger(168);
        // As serve registers them: a method reference that nothing else holds on to.
        metrics.queueDepth(pending::get);
        metrics.knowledgeBaseSize(entries::get);

        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(metrics.scrape())
                .contains("executor_queue_depth 7.0")
                .contains("knowledge_base_entries 168.0")
                .doesNotContain("NaN");
    }
}
