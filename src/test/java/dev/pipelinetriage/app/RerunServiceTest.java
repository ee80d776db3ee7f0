package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.ChatRef;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.app.port.InMemoryAuditLog;
import dev.pipelinetriage.app.port.InMemoryStateStore;
import dev.pipelinetriage.app.port.RerunResult;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.domain.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RerunServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final Actor oncall = new Actor("slack", "T1", "U_ONCALL", false);
    private final Actor dev = new Actor("slack", "T1", "U_DEV", false);
    private final FakeCiProvider ci = new FakeCiProvider();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final Authorizer authorizer = (actor, action) -> actor.user().equals("U_ONCALL")
            ? new Authorizer.Allowed("listed user") : new Authorizer.Denied("Only on-call engineers may rerun.");
    private final RerunService reruns = new RerunService(List.of(ci), authorizer, store, store, audit,
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(10));

    private StoredCard card() {
        StoredCard card = new StoredCard("card-1", new ChatRef("slack", "T1", "C1", "1.2"), FakeCiProvider.run("42", 1),
                Verdict.PLATFORM, List.of("test"), "{}", NOW);
        store.saveCard(card);
        return card;
    }

    @Test
    void rerunRequiresConfirmationAndThenStartsOneAttempt() {
        card();
        var proposal = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");
        assertThat(ci.reruns).isEmpty();

        var outcome = (RerunService.Started) reruns.confirm(oncall, "C1", proposal.pending().id());

        assertThat(outcome.link()).isEqualTo("https://ci.example/octo/repo/runs/42/attempts/2");
        assertThat(ci.reruns).hasSize(1);
        assertThat(audit.all()).extracting(AuditEntry::outcome).containsExactly("requested", "started");
        assertThat(audit.all().get(0)).extracting(AuditEntry::user, AuditEntry::channel, AuditEntry::target)
                .containsExactly("U_ONCALL", "C1", "fake:octo/repo run 42 attempt 1");
    }

    @Test
    void anUnauthorizedRerunIsDeniedAuditedAndNeverReachesTheCi() {
        card();

        var proposal = (RerunService.Refused) reruns.propose(dev, "C1", "card-1");

        assertThat(proposal.reason()).contains("on-call");
        assertThat(ci.reruns).isEmpty();
        assertThat(audit.all()).singleElement().extracting(AuditEntry::outcome, AuditEntry::user)
                .containsExactly("denied", "U_DEV");
    }

    @Test
    void aConfirmationOpenedForSomeoneElseIsRefused() {
        card();
        var proposal = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");

        var outcome = reruns.confirm(dev, "C1", proposal.pending().id());

        assertThat(outcome).isInstanceOf(RerunService.Refused.class);
        assertThat(ci.reruns).isEmpty();
        assertThat(audit.all()).extracting(AuditEntry::outcome).containsExactly("denied");
    }

    @Test
    void aDoubleConfirmedRerunRerunsOnceAndTellsWhoAskedFirst() throws Exception {
        card();
        var first = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");
        var second = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<RerunService.Outcome> a = pool.submit(() -> {
                go.await();
                return reruns.confirm(oncall, "C1", first.pending().id());
            });
            Future<RerunService.Outcome> b = pool.submit(() -> {
                go.await();
                return reruns.confirm(oncall, "C1", second.pending().id());
            });
            go.countDown();
            assertThat(List.of(a.get(), b.get())).extracting(o -> o.getClass().getSimpleName())
                    .containsExactlyInAnyOrder("Started", "AlreadyRequested");
        }
        assertThat(ci.reruns).hasSize(1);
        assertThat(audit.all()).extracting(AuditEntry::outcome).contains("started", "duplicate");
    }

    @Test
    void whenTheAuditLogIsDownNothingIsStarted() {
        card();
        var proposal = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");
        audit.failing(true);

        var outcome = (RerunService.Refused) reruns.confirm(oncall, "C1", proposal.pending().id());

        assertThat(outcome.reason()).contains("audit log is unavailable");
        assertThat(ci.reruns).isEmpty();
    }

    @Test
    void aRerunTheCiRefusesCanBeAskedForAgain() {
        card();
        ci.rerunAnswers(new CiProblem.Forbidden("GitHub refused: the token lacks actions:write.", "actions:write"));
        var first = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");
        assertThat(reruns.confirm(oncall, "C1", first.pending().id())).isInstanceOf(RerunService.Failed.class);

        ci.rerunAnswers(null);
        var again = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");

        assertThat(reruns.confirm(oncall, "C1", again.pending().id())).isInstanceOf(RerunService.Started.class);
        assertThat(ci.reruns).hasSize(2);
    }

    @Test
    void aRunTheProviderWillNotRerunIsADenialThatIsAuditedAndLeavesNoClaim() {
        card();
        ci.rerunAnswers(new RerunResult.NotAllowed("Run 42 built code from outside octo/repo (a pull request from a fork)."));
        var first = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");

        var outcome = reruns.confirm(oncall, "C1", first.pending().id());

        assertThat(outcome).isEqualTo(new RerunService.Refused("Run 42 built code from outside octo/repo (a pull request from a fork)."));
        assertThat(audit.all()).extracting(AuditEntry::outcome).containsExactly("requested", "denied");
        ci.rerunAnswers(null);
        var again = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");
        assertThat(reruns.confirm(oncall, "C1", again.pending().id())).isInstanceOf(RerunService.Started.class);
    }

    @Test
    void aTimedOutRerunKeepsTheClaimSoNobodyStartsASecondAttempt() {
        card();
        ci.rerunAnswers(new CiProblem.TimedOut("The rerun request timed out; check the run page."));
        var first = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");
        reruns.confirm(oncall, "C1", first.pending().id());

        var again = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");

        assertThat(reruns.confirm(oncall, "C1", again.pending().id())).isInstanceOf(RerunService.AlreadyRequested.class);
        assertThat(ci.reruns).hasSize(1);
    }

    @Test
    void anExpiredConfirmationIsRefused() {
        card();
        var clockLater = Clock.fixed(NOW.plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
        var proposal = (RerunService.Confirm) reruns.propose(oncall, "C1", "card-1");
        var later = new RerunService(List.of(ci), authorizer, store, store, audit, clockLater, Duration.ofMinutes(10));

        assertThat(later.confirm(oncall, "C1", proposal.pending().id())).isInstanceOf(RerunService.Refused.class);
        assertThat(ci.reruns).isEmpty();
    }
}
