package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.store.PostgresDatabases;
import dev.pipelinetriage.adapter.store.PostgresStore;
import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.FailedRunEvent;
import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.OutageGrouping;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.app.WebhookRoutes;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.app.port.InMemoryAuditLog;
import dev.pipelinetriage.app.port.InMemoryOutageStore;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.MutableClock;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.app.port.WebhookMetrics;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.engine.redact.Redactor;
import dev.pipelinetriage.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Acknowledged work across two instances of the bot sharing one PostgreSQL (two replicas, or one bot and its
 * restart): a paste or delivery left unfinished by a stop or a crash is finished by the other instance, once. The
 * chat platform is one in-memory surface both post to (as both would post to one Slack workspace); the CI is the
 * in-memory fake, whose log download can be held to keep a triage running.
 */
@ExtendWith(PostgresDatabases.Shared.class)
class DurableWorkTest {
    private static final TriageService TRIAGE = Bootstrap.triageService(
            ((KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.empty())).knownErrors());
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final WebhookRoutes.ChatChannel CHANNEL = new WebhookRoutes.ChatChannel("slack", "", "C0PLATFORM");
    private static PostgresDatabases databases;

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingSurface slack = new RecordingSurface();
    private final Place thread = new Place("slack", "T1", "C1", "1700000000.000100");
    private final Actor dev = new Actor("slack", "T1", "U_DEV", false);
    private final List<Instance> instances = new ArrayList<>();
    private final CountDownLatch releaseHeldLogs = new CountDownLatch(1);
    private String url;

    @BeforeAll
    static void startServer(PostgresDatabases shared) {
        databases = shared;
    }

    @BeforeEach
    void freshDatabase() {
        url = databases.freshDatabase();
    }

    @AfterEach
    void stopInstances() {
        releaseHeldLogs.countDown();
        for (Instance i : instances) {
            i.workers.shutdown(Duration.ofSeconds(30), Duration.ofSeconds(5));
            i.store.close();
        }
    }

    /** One bot instance on the shared database; {@code holdsLogs}: its log downloads wait until the test ends. */
    private final class Instance {
        final PostgresStore store = databases.open(url);
        final Workers workers = new Workers(2, 100);
        final FakeCiProvider ci = new FakeCiProvider().log("Downloading tool",
                "curl: (22) The requested URL returned error: 503", "Process completed with exit code 22.");
        final CountDownLatch fetching = new CountDownLatch(1);
        final AcknowledgedWork work;
        final TriageConversation conversation;
        final FailureNotices notices;

        Instance(String name, boolean holdsLogs) {
            work = new AcknowledgedWork(store.pendingWork(), name, clock, LEASE, workers);
            if (holdsLogs) {
                ci.beforeFetch(job -> {
                    fetching.countDown();
                    try {
                        releaseHeldLogs.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // as an HTTP client does: the download ends, the flag stays
                    }
                });
            }
            FailedJobLogs logs = new FailedJobLogs(List.of(ci), 1 << 20);
            LinkTriage triage = new LinkTriage(logs, TRIAGE, 30);
            CardCodec codec = new CardCodec(new Redactor());
            CardPublisher publisher = new CardPublisher(store.stateStore(), store.stateStore(), codec, clock, TriageMetrics.none());
            conversation = new TriageConversation(new LinkDetector(logs, 3), triage, new CardBuilder(null), codec,
                    store.stateStore(), workers, work, clock, Duration.ofHours(26), Set.of());
            notices = new FailureNotices(triage, new CardBuilder(null), publisher, work, workers, clock,
                    Duration.ofDays(8), Map.of("slack", slack), new WebhookRoutes(List.of(), CHANNEL),
                    new OutageGrouping(new InMemoryOutageStore(), 5, Duration.ofMinutes(10)), new InMemoryAuditLog(),
                    WebhookMetrics.none());
            // as serve wires it: what this instance takes over goes to the conversation or the notices
            work.handle(TriageConversation.kind("slack"), item -> conversation.resume(item, slack));
            work.handle(FailureNotices.KIND, notices::resume);
            instances.add(this);
        }

        /** A graceful stop as serve does it: a short grace period, then every lease still held is given back. */
        void stop() {
            assertThat(workers.shutdown(Duration.ofMillis(100), Duration.ofSeconds(30))).isTrue();
            work.releaseAll();
        }

        void awaitFetching() throws InterruptedException {
            assertThat(fetching.await(30, TimeUnit.SECONDS)).as("a log download started").isTrue();
        }
    }

    private Inbound paste(String event, int run) {
        return new Inbound(Inbound.Trigger.MESSAGE, event, thread, dev, "https://ci.example/octo/repo/runs/" + run);
    }

    private static FailedRunEvent failed(String runId) {
        return new FailedRunEvent("github", "delivery-" + runId, CiLink.toRun(FakeCiProvider.run(runId, 1)), "main", null);
    }

    @Test
    void aPasteInterruptedByAStopIsFinishedByTheOtherInstanceInPlaceOfItsPlaceholderOnce() throws Exception {
        Instance first = new Instance("replica-a", true);
        Instance second = new Instance("replica-b", false);

        assertThat(first.conversation.onMessage(paste("Ev1", 1), slack)).isInstanceOf(TriageConversation.Accepted.class);
        first.awaitFetching();
        Await.until("the placeholder to be posted", () -> slack.posts.size() == 1);
        first.stop();
        assertThat(slack.cards).as("the stopping instance posts no card and no notice").isEmpty();

        assertThat(second.work.sweep()).isEqualTo(1);
        Await.until("the card to be shown", () -> slack.cards.size() == 1);
        second.workers.shutdown(30);

        assertThat(slack.posts).as("one placeholder, the first instance's").singleElement()
                .satisfies(p -> assertThat(p.text()).startsWith("Looking at"));
        assertThat(slack.cards).singleElement().satisfies(shown -> {
            assertThat(shown.replacing()).isEqualTo(slack.posts.getFirst().id());
            assertThat(shown.card().jobs()).singleElement().isInstanceOf(CardView.Triaged.class);
        });
        assertThat(second.work.sweep()).as("nothing is left to take over").isZero();
    }

    @Test
    void aDeliveryLeftByACrashedInstanceIsTakenOverOnceItsLeaseRunsOut() throws Exception {
        Instance crashed = new Instance("replica-a", true);
        Instance survivor = new Instance("replica-b", false);

        assertThat(crashed.notices.receive(failed("11"))).isInstanceOf(FailureNotices.Accepted.class);
        crashed.awaitFetching();
        // The crash: the instance neither finishes nor gives anything back, and no longer renews its lease.

        assertThat(survivor.work.sweep()).as("taken over only once the lease has run out").isZero();
        clock.advance(LEASE);
        assertThat(survivor.work.sweep()).isEqualTo(1);
        Await.until("the card to be posted", () -> slack.cards.size() == 1);

        // The crashed instance's thread, were it to wake up, finds its lease gone and posts nothing.
        releaseHeldLogs.countDown();
        assertThat(crashed.workers.shutdown(Duration.ofSeconds(30), Duration.ofSeconds(5))).isTrue();
        survivor.workers.shutdown(30);
        assertThat(slack.cards).singleElement().satisfies(shown -> {
            assertThat(shown.replacing()).isNull();
            assertThat(shown.card().jobs()).singleElement().isInstanceOf(CardView.Triaged.class);
        });
    }

    @Test
    void theProvidersRedeliveryOfUnfinishedWorkIsTriagedButOfFinishedWorkIsDropped() throws Exception {
        Instance crashed = new Instance("replica-a", true);
        Instance survivor = new Instance("replica-b", false);
        crashed.notices.receive(failed("12"));
        crashed.awaitFetching();

        // While the first instance's lease runs, it is on it: the redelivery adds nothing.
        assertThat(survivor.notices.receive(failed("12"))).isEqualTo(new FailureNotices.Duplicate("being triaged"));
        assertThat(survivor.workers.pending()).isZero();
        clock.advance(LEASE);
        // Its lease ran out with the work unfinished: the redelivery is not a duplicate, it is triaged.
        assertThat(survivor.notices.receive(failed("12"))).isInstanceOf(FailureNotices.Accepted.class);
        Await.until("the card to be posted", () -> slack.cards.size() == 1);
        Await.until("the work to be finished", () -> survivor.workers.pending() == 0);
        // Finished: a further redelivery is a duplicate, whichever instance gets it.
        clock.advance(Duration.ofHours(1));
        assertThat(survivor.notices.receive(failed("12"))).isEqualTo(new FailureNotices.Duplicate("already triaged"));
        assertThat(new Instance("replica-c", false).notices.receive(failed("12")))
                .isEqualTo(new FailureNotices.Duplicate("already triaged"));
        assertThat(survivor.work.sweep()).isZero();

        survivor.workers.shutdown(30);
        assertThat(slack.cards).hasSize(1);
    }

    @Test
    void workThatNoInstanceCouldFinishEndsInANoticeInsteadOfAnotherTry() throws Exception {
        Instance first = new Instance("replica-a", true);
        first.conversation.onMessage(paste("Ev2", 2), slack);
        first.awaitFetching();
        Await.until("the placeholder to be posted", () -> slack.posts.size() == 1);
        // Taken over again and again by instances that die before finishing it.
        for (int i = 0; i < AcknowledgedWork.MAX_TAKEOVERS; i++) {
            clock.advance(LEASE);
            assertThat(first.store.pendingWork().takeOver("doomed-" + i, clock.instant(), LEASE, 10)).hasSize(1);
        }
        clock.advance(LEASE);
        Instance last = new Instance("replica-b", false);

        assertThat(last.work.sweep()).isEqualTo(1);
        Await.until("the notice to be shown", () -> slack.cards.size() == 1);

        assertThat(slack.cards).singleElement().satisfies(shown -> {
            assertThat(shown.replacing()).isEqualTo(slack.posts.getFirst().id());
            assertThat(shown.card().problem().headline()).isEqualTo("The bot could not finish this link");
        });
    }
}
