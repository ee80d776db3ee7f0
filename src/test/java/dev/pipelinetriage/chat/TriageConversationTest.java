package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.metrics.MicrometerTriageMetrics;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.InMemoryTriageHistory;
import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.app.port.RerunResult;
import dev.pipelinetriage.app.port.ResolveResult;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.app.port.CiProvider.RerunRequest;
import dev.pipelinetriage.domain.Verdict;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TriageConversationTest {
    private final ChatTestKit kit = new ChatTestKit();
    private final RecordingSurface surface = new RecordingSurface();
    private final Place thread = new Place("slack", "T1", "C1", "1700000000.000100");
    private final Actor dev = new Actor("slack", "T1", "U_DEV", false);

    @AfterEach
    void stop() {
        kit.close();
    }

    private Inbound message(Inbound.Trigger trigger, String delivery, String text) {
        return new Inbound(trigger, delivery, thread, dev, text);
    }

    /** Waits for the workers: the conversation answers at once and works afterwards. */
    private void settle() {
        kit.workers.shutdown(30);
    }

    @Test
    void aPastedLinkGetsAPlaceholderThenTheCardInItsPlace() {
        var reception = kit.conversation(3, Set.of()).onMessage(message(Inbound.Trigger.MESSAGE, "Ev1",
                "CI is red again: https://ci.example/octo/repo/runs/42 any idea?"), surface);
        settle();

        assertThat(reception).isEqualTo(new TriageConversation.Accepted(1));
        assertThat(surface.posts).singleElement().satisfies(p -> {
            assertThat(p.text()).isEqualTo("Looking at octo/repo · run 42...");
            assertThat(p.place()).isEqualTo(thread);
        });
        var shown = surface.cards.getFirst();
        assertThat(shown.replacing()).isEqualTo(surface.posts.getFirst().id());
        assertThat(shown.card().title()).isEqualTo("octo/repo · run 42, attempt 1");
        assertThat(shown.card().jobs()).singleElement().isInstanceOf(CardView.Triaged.class);
        assertThat(kit.store.card(shown.card().cardId())).hasValueSatisfying(stored -> {
            assertThat(stored.message().message()).isEqualTo(surface.posts.getFirst().id());
            assertThat(stored.failedJobs()).containsExactly("test");
            assertThat(kit.codec.decode(stored.document())).isEqualTo(shown.card());
        });
    }

    @Test
    void aTriageThatThrowsAfterTheAcknowledgementStillAnswersInTheThreadWithANotice() {
        kit.ci.beforeFetch(job -> {
            throw new IllegalStateException("a bug the bot did not expect");
        });

        var metrics = new MicrometerTriageMetrics(new MockClock());

        var reception = kit.conversation(kit.ci, metrics, new InMemoryTriageHistory(),
                List.of()).onMessage(message(Inbound.Trigger.MESSAGE, "Ev1", "https://ci.example/octo/repo/runs/42"),
                surface);
        settle();

        assertThat(reception).isEqualTo(new TriageConversation.Accepted(1));
        assertThat(surface.cards).singleElement().satisfies(shown -> {
            assertThat(shown.replacing()).isEqualTo(surface.posts.getFirst().id());
            assertThat(shown.card().problem().toString()).contains("The bot failed while triaging this link")
                    .doesNotContain("a bug the bot did not expect");
        });
        assertThat(metrics.scrape()).contains("chat_handler_errors_total{where=\"triage\"} 1.0");
    }

    @Test
    void aCiErrorThatEchoesACredentialIsShownOnTheCardWithTheCredentialHidden() {
        String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        kit.ci.logUnreadable(new CiProblem.Rejected("CI instance 'fake' rejected the request (400): bad header "
                + "'Authorization: token " + token + "'.", 400));

        kit.conversation(3, Set.of()).onMessage(message(Inbound.Trigger.MESSAGE, "Ev1",
                "https://ci.example/octo/repo/runs/42"), surface);
        settle();

        assertThat(surface.cards).singleElement().satisfies(shown -> assertThat(shown.card().jobs())
                .singleElement().isInstanceOfSatisfying(CardView.Unavailable.class, job -> assertThat(
                        job.notice().detail()).contains("rejected the request (400)").doesNotContain(token)));
    }

    @Test
    void aRedeliveredEventProducesOneCard() {
        var conversation = kit.conversation(3, Set.of());
        conversation.onMessage(message(Inbound.Trigger.MESSAGE, "Ev1", "https://ci.example/octo/repo/runs/42"), surface);

        var again = conversation.onMessage(message(Inbound.Trigger.MESSAGE, "Ev1", "https://ci.example/octo/repo/runs/42"), surface);
        settle();

        assertThat(again).isInstanceOf(TriageConversation.Ignored.class);
        assertThat(surface.cards).hasSize(1);
    }

    @Test
    void linksOverTheLimitAreNamedNotDropped() {
        var reception = kit.conversation(2, Set.of()).onMessage(message(Inbound.Trigger.MESSAGE, "Ev1",
                "https://ci.example/octo/repo/runs/1 https://ci.example/octo/repo/runs/2 https://ci.example/octo/repo/runs/3"),
                surface);
        settle();

        assertThat(reception).isEqualTo(new TriageConversation.Accepted(2));
        assertThat(surface.cards).hasSize(2);
        assertThat(surface.posts).extracting(RecordingSurface.Post::text)
                .contains("The bot triages at most 2 links per message; not triaged: https://ci.example/octo/repo/runs/3.");
    }

    @Test
    void aMessageWithoutCiLinksIsIgnoredButAnExplicitRequestGetsAHint() {
        var conversation = kit.conversation(3, Set.of());

        assertThat(conversation.onMessage(message(Inbound.Trigger.MESSAGE, "Ev1", "see https://example.com/x"), surface))
                .isInstanceOf(TriageConversation.Ignored.class);
        var hint = (TriageConversation.Hint) conversation.onMessage(message(Inbound.Trigger.COMMAND, null,
                "https://ci.example/octo/repo/pulls/3"), surface);

        assertThat(hint.text().plain()).contains("fake link not recognised");
        settle();
        assertThat(surface.posts).isEmpty();
    }

    @Test
    void aChannelOutsideTheAllowedListIsNotWatched() {
        var reception = kit.conversation(3, Set.of("C_SUPPORT")).onMessage(message(Inbound.Trigger.MESSAGE, "Ev1",
                "https://ci.example/octo/repo/runs/42"), surface);
        settle();

        assertThat(reception).isInstanceOf(TriageConversation.Ignored.class);
        assertThat(surface.posts).isEmpty();
    }

    @Test
    void aRunWithTwoFailedJobsGetsOneCardListingBoth() {
        kit.ci.failedJobs("unit", "lint");

        kit.conversation(3, Set.of()).onMessage(message(Inbound.Trigger.MENTION, "Ev1", "https://ci.example/octo/repo/runs/42"), surface);
        settle();

        assertThat(surface.cards).singleElement().satisfies(shown ->
                assertThat(shown.card().jobs()).extracting(CardView.JobCard::job).containsExactly("unit", "lint"));
    }

    @Test
    void theCardsVerdictIsCodeWhenAnyJobsIs() {
        kit.ci.log("src/main.rs:3:5: error[E0308]: mismatched types", "error: could not compile `app` due to 1 previous error");

        kit.conversation(3, Set.of()).onMessage(message(Inbound.Trigger.MESSAGE, "Ev1", "https://ci.example/octo/repo/runs/42"), surface);
        settle();

        CardView card = surface.cards.getFirst().card();
        assertThat(card.verdict()).isEqualTo(Verdict.CODE);
        var job = (CardView.Triaged) card.jobs().getFirst();
        assertThat(job.verdictWords()).startsWith("Code:");
        assertThat(job.nextSteps()).isNotEmpty();
    }

    @Test
    void aBrokenRunLinkPastedInPassingIsToldToWhoeverPastedItButOtherPagesOfTheHostAreNot() {
        var conversation = kit.conversation(3, Set.of());

        var broken = conversation.onMessage(message(Inbound.Trigger.MESSAGE, "Ev1",
                "CI broke: https://ci.example/octo/repo/runs/4x2"), surface);
        var otherPage = conversation.onMessage(message(Inbound.Trigger.MESSAGE, "Ev2",
                "see the repo https://ci.example/octo/repo/pulls/3"), surface);

        assertThat(broken).isInstanceOfSatisfying(TriageConversation.Hint.class,
                hint -> assertThat(hint.text().plain()).contains("run id must be a positive number"));
        assertThat(otherPage).isInstanceOf(TriageConversation.Ignored.class);
    }

    @Test
    void aBrokenRunLinkNextToAGoodOneIsNamedInTheThread() {
        kit.conversation(3, Set.of()).onMessage(message(Inbound.Trigger.MESSAGE, "Ev1",
                "https://ci.example/octo/repo/runs/42 and https://ci.example/octo/repo/runs/4x2"), surface);
        settle();

        assertThat(surface.cards).hasSize(1);
        assertThat(surface.posts).extracting(RecordingSurface.Post::text)
                .anySatisfy(text -> assertThat(text).contains("run id must be a positive number"));
    }

    @Test
    void theTriageStartsWhileThePlaceholderIsStillWaitingForItsTurnToBePosted() throws Exception {
        var placeholderMayGo = new java.util.concurrent.CountDownLatch(1);
        var triageStarted = new java.util.concurrent.CountDownLatch(1);
        // A platform that paces posts to a channel: the placeholder waits its turn.
        RecordingSurface paced = new RecordingSurface() {
            @Override
            public Posted post(Place place, ChatText text) {
                try {
                    placeholderMayGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.post(place, text);
            }
        };
        var watched = new ResolveWatched(kit.ci, triageStarted::countDown);
        var conversation = kit.conversation(watched, TriageMetrics.none(),
                new InMemoryTriageHistory(), java.util.List.of());

        conversation.onMessage(message(Inbound.Trigger.MESSAGE, "Ev1", "https://ci.example/octo/repo/runs/42"), paced);

        boolean startedBeforeThePlaceholder = triageStarted.await(30, java.util.concurrent.TimeUnit.SECONDS);
        placeholderMayGo.countDown();
        settle();
        assertThat(startedBeforeThePlaceholder).isTrue();
        assertThat(paced.cards).singleElement().satisfies(shown ->
                assertThat(shown.replacing()).isEqualTo(paced.posts.getFirst().id()));
    }

    @Test
    void onAPlatformThatWaitsBeforeAPlaceholderATriageDoneInTimePostsItsCardAlone() {
        RecordingSurface waiting = new RecordingSurface(Duration.ofHours(1));

        kit.conversation(3, Set.of()).onMessage(message(Inbound.Trigger.MESSAGE, "Ev1",
                "https://ci.example/octo/repo/runs/42"), waiting);
        settle();

        assertThat(waiting.posts).isEmpty();
        var shown = waiting.cards.getFirst();
        assertThat(waiting.cards).hasSize(1);
        assertThat(shown.replacing()).isNull();
        assertThat(kit.store.card(shown.card().cardId())).hasValueSatisfying(stored ->
                assertThat(stored.message().message()).isNotBlank());
    }

    @Test
    void onAPlatformThatWaitsBeforeAPlaceholderASlowTriageGetsThePlaceholderThenTheCardInItsPlace() throws Exception {
        var placeholderPosted = new java.util.concurrent.CountDownLatch(1);
        RecordingSurface waiting = new RecordingSurface(Duration.ofMillis(50)) {
            @Override
            public Posted post(Place place, ChatText text) {
                Posted posted = super.post(place, text);
                placeholderPosted.countDown();
                return posted;
            }
        };
        // The triage is still resolving the run when the wait is over: it goes on once the placeholder is out.
        var slow = new ResolveWatched(kit.ci, () -> {
            try {
                placeholderPosted.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        kit.conversation(slow, TriageMetrics.none(), new InMemoryTriageHistory(), java.util.List.of())
                .onMessage(message(Inbound.Trigger.MESSAGE, "Ev1", "https://ci.example/octo/repo/runs/42"), waiting);
        settle();

        assertThat(waiting.posts).singleElement().satisfies(p -> assertThat(p.text()).startsWith("Looking at"));
        assertThat(waiting.cards).singleElement().satisfies(shown ->
                assertThat(shown.replacing()).isEqualTo(waiting.posts.getFirst().id()));
    }

    /** The fake CI, saying when a triage starts resolving a run. */
    private record ResolveWatched(FakeCiProvider ci, Runnable onResolve)
            implements CiProvider {
        @Override
        public String instance() {
            return ci.instance();
        }

        @Override
        public CiKind kind() {
            return ci.kind();
        }

        @Override
        public LinkResult parseLink(String pasted) {
            return ci.parseLink(pasted);
        }

        @Override
        public ResolveResult resolve(CiLink link) {
            onResolve.run();
            return ci.resolve(link);
        }

        @Override
        public FetchResult fetchLog(Job job, long maxBytes) {
            return ci.fetchLog(job, maxBytes);
        }

        @Override
        public dev.pipelinetriage.app.port.GreenRunResult lastGreen(dev.pipelinetriage.domain.Run failing, Job job) {
            return ci.lastGreen(failing, job);
        }

        @Override
        public RerunResult rerun(RerunRequest request) {
            return ci.rerun(request);
        }
    }
}
