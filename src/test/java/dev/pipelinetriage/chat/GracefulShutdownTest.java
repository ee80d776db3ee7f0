package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.InMemoryTriageHistory;
import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.app.port.RerunResult;
import dev.pipelinetriage.app.port.ResolveResult;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stop with work in flight: nothing new accepted, running work finished or given back for another instance to finish, never half-posted. */
class GracefulShutdownTest {
    private final ChatTestKit kit = new ChatTestKit();
    private final RecordingSurface surface = new RecordingSurface();
    private final Place thread = new Place("slack", "T1", "C1", "1700000000.000100");
    private final Actor dev = new Actor("slack", "T1", "U_DEV", false);
    private final SlowCi ci = new SlowCi();

    private TriageConversation conversation() {
        return kit.conversation(ci, TriageMetrics.none(), new InMemoryTriageHistory(), List.of());
    }

    private Inbound paste(String event, int run) {
        return new Inbound(Inbound.Trigger.MESSAGE, event, thread, dev, "https://ci.example/octo/repo/runs/" + run);
    }

    @Test
    void workThatFinishesWithinTheGracePeriodPostsItsCard() throws Exception {
        var conversation = conversation();
        conversation.onMessage(paste("Ev1", 1), surface);
        assertThat(ci.fetching.await(30, TimeUnit.SECONDS)).isTrue();

        Thread stopper = Thread.ofPlatform().start(() -> kit.workers.shutdown(Duration.ofSeconds(60), Duration.ofSeconds(5)));
        ci.release.countDown();
        stopper.join();

        assertThat(surface.cards).singleElement().satisfies(shown -> {
            assertThat(shown.replacing()).isEqualTo(surface.posts.getFirst().id());
            assertThat(shown.card().jobs()).singleElement().isInstanceOf(CardView.Triaged.class);
        });
    }

    @Test
    void workStillRunningAfterTheGracePeriodIsGivenBackWithItsPlaceholderForAnotherInstanceToFinish() throws Exception {
        var conversation = conversation();
        conversation.onMessage(paste("Ev1", 1), surface);
        assertThat(ci.fetching.await(30, TimeUnit.SECONDS)).isTrue();
        Await.until("the placeholder to be posted", () -> surface.posts.size() == 1);

        boolean ended = kit.workers.shutdown(Duration.ofMillis(200), Duration.ofSeconds(30));

        assertThat(ended).isTrue();
        assertThat(surface.posts).singleElement().satisfies(p -> assertThat(p.text()).startsWith("Looking at"));
        assertThat(surface.cards).as("no half-done card, no notice: the paste is not over").isEmpty();
        // given back, not waiting for its lease to run out: another instance takes it over at once
        assertThat(kit.pending.takeOver("replica-b", ChatTestKit.NOW, Duration.ofSeconds(60), 10)).singleElement()
                .satisfies(item -> assertThat(item.placeholder()).isEqualTo(surface.posts.getFirst().id()));
    }

    @Test
    void theWorkKeptForAnotherInstanceHoldsTheLinksIdsAndWhereToAnswerNeverTheMessage() throws Exception {
        var conversation = conversation();
        conversation.onMessage(new Inbound(Inbound.Trigger.MESSAGE, "Ev7", thread, dev,
                "red again, token ghp_16C7e42F292c6912E7710c838347Ae178B4a https://ci.example/octo/repo/runs/7"), surface);
        assertThat(ci.fetching.await(30, TimeUnit.SECONDS)).isTrue();

        kit.workers.shutdown(Duration.ofMillis(200), Duration.ofSeconds(30));

        assertThat(kit.pending.takeOver("replica-b", ChatTestKit.NOW, Duration.ofSeconds(60), 10)).singleElement()
                .satisfies(item -> assertThat(item.payload())
                        .contains("\"project\":\"octo/repo\"", "\"runId\":\"7\"", "\"channel\":\"C1\"",
                                "\"thread\":\"1700000000.000100\"", "\"requestId\":\"Ev7\"")
                        .doesNotContain("ghp_", "red again", "https://"));
    }

    @Test
    void aMessageArrivingDuringShutdownIsNotAccepted() {
        var conversation = conversation();
        ci.release.countDown();
        kit.workers.shutdown(Duration.ofSeconds(5), Duration.ofSeconds(5));

        var reception = conversation.onMessage(new Inbound(Inbound.Trigger.COMMAND, null, thread, dev,
                "https://ci.example/octo/repo/runs/2"), surface);

        assertThat(reception).isInstanceOf(TriageConversation.Hint.class);
        assertThat(surface.posts).isEmpty();
        assertThat(surface.cards).isEmpty();
    }

    /** The fake CI whose log download waits until released, or answers a timeout when interrupted. */
    private final class SlowCi implements CiProvider {
        final CountDownLatch fetching = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String instance() {
            return kit.ci.instance();
        }

        @Override
        public CiKind kind() {
            return kit.ci.kind();
        }

        @Override
        public LinkResult parseLink(String pasted) {
            return kit.ci.parseLink(pasted);
        }

        @Override
        public ResolveResult resolve(CiLink link) {
            return kit.ci.resolve(link);
        }

        @Override
        public FetchResult fetchLog(Job job, long maxBytes) {
            fetching.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                // As an HTTP client does: the interrupt ends the download and stays visible to the caller.
                Thread.currentThread().interrupt();
                return new CiProblem.TimedOut("interrupted while downloading the log");
            }
            return kit.ci.fetchLog(job, maxBytes);
        }

        @Override
        public dev.pipelinetriage.app.port.GreenRunResult lastGreen(dev.pipelinetriage.domain.Run failing, Job job) {
            return kit.ci.lastGreen(failing, job);
        }

        @Override
        public RerunResult rerun(RerunRequest request) {
            return kit.ci.rerun(request);
        }
    }
}
