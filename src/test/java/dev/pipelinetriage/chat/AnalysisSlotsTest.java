package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.OccurrenceListener;
import dev.pipelinetriage.app.port.TriageHistory;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.testing.Await;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The analysis of logs is bounded by the cores; waiting for a slow CI is not, so it delays no one else. */
class AnalysisSlotsTest {

    private static final TriageService TRIAGE = Bootstrap.triageService(
            ((KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.empty())).knownErrors());

    private final Workers workers = new Workers(1, 10);
    /** Each paste waits on its own thread, as each chat task does (the common pool may have only one). */
    private final ExecutorService pastes = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch slowDownloadStarted = new CountDownLatch(1);
    private final CountDownLatch slowDownloadMayEnd = new CountDownLatch(1);
    private final FakeCiProvider ci = new FakeCiProvider().beforeFetch(job -> {
        if (job.ref().run().runId().equals("1")) {
            slowDownloadStarted.countDown();
            try {
                slowDownloadMayEnd.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    });
    private final FailedJobLogs logs = new FailedJobLogs(List.of(ci), 1 << 20);
    private final LinkTriage triage = new LinkTriage(logs, () -> TRIAGE, 30, OccurrenceListener.NONE,
            TriageMetrics.none(), TriageHistory.none(), workers, Clock.systemUTC());

    @AfterEach
    void stop() {
        slowDownloadMayEnd.countDown();
        pastes.close();
        workers.shutdown(5);
    }

    @Test
    void aLogStillDownloadingHoldsNoAnalysisSlotSoAnotherLinkIsTriagedMeanwhile() throws Exception {
        var slow = CompletableFuture.supplyAsync(() -> triage.triage("https://ci.example/octo/repo/runs/1"), pastes);
        slowDownloadStarted.await();

        var quick = CompletableFuture.supplyAsync(() -> triage.triage("https://ci.example/octo/repo/runs/2"), pastes);
        Await.until("the second link is triaged while the first log still downloads", quick::isDone);

        assertThat(quick.get()).isInstanceOf(LinkTriage.Triaged.class);
        assertThat(slow).isNotDone();
        slowDownloadMayEnd.countDown();
        assertThat(slow.get()).isInstanceOf(LinkTriage.Triaged.class);
    }
}
