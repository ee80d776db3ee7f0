package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.ChatRef;
import dev.pipelinetriage.app.port.FakeTicketTracker;
import dev.pipelinetriage.app.port.InMemoryAuditLog;
import dev.pipelinetriage.app.port.InMemoryStateStore;
import dev.pipelinetriage.app.port.MutableClock;
import dev.pipelinetriage.app.port.Occurrence;
import dev.pipelinetriage.app.port.Recurrence;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.app.port.TicketDocument;
import dev.pipelinetriage.app.port.TicketRecord;
import dev.pipelinetriage.app.port.TrackerResult;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Automatic filing, recovery and filing from chat, over one filer and the in-memory store and tracker. */
class TicketsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Signature DNS = new Signature("ke-dns-resolution-failure", "DNS lookup failed", Verdict.PLATFORM);
    private static final String TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final FakeTicketTracker tracker = new FakeTicketTracker();
    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger ids = new AtomicInteger();
    private final Authorizer authorizer = (actor, action) -> actor.user().equals("U_ONCALL")
            ? new Authorizer.Allowed("listed user") : new Authorizer.Denied("Only on-call engineers may " + action + ".");
    private final Actor oncall = new Actor("slack", "T1", "U_ONCALL", false);
    private final Actor dev = new Actor("slack", "T1", "U_DEV", false);

    private TicketParts service(TicketPolicy.Reopen reopen) {
        TicketPolicy d = TicketPolicy.defaults();
        TicketPolicy policy = new TicketPolicy(d.thresholds(), d.commentEvery(), reopen, d.reconcileAfter(),
                d.retention(), "https://git.example/kb/blob/main");
        return TicketParts.over(store, tracker, authorizer, audit, policy, clock, () -> "attempt-" + ids.incrementAndGet());
    }

    private final TicketParts tickets = service(TicketPolicy.Reopen.REOPEN);

    private int job;

    private Recurrence fail(TicketParts service, String repository) {
        job++;
        return service.automatic().triaged(new Occurrence(DNS, "github:" + repository + ":" + job + ":1", repository, "build",
                clock.instant(), "https://github.com/" + repository + "/actions/runs/" + job, "dns-resolution-failure",
                "runbooks/dns.md", List.of("Resolving registry.example...", "ERROR: lookup registry.example: no such host",
                        "token=" + TOKEN))).orElseThrow();
    }

    private static String text(TicketDocument document) {
        StringBuilder sb = new StringBuilder();
        for (TicketDocument.Block block : document.blocks()) {
            switch (block) {
                case TicketDocument.Heading h -> sb.append(h.text()).append('\n');
                case TicketDocument.Paragraph p -> sb.append(p.text()).append('\n');
                case TicketDocument.Bullets b -> b.items().forEach(i -> sb.append("* ").append(i).append('\n'));
                case TicketDocument.Links l -> l.links().forEach(i -> sb.append("* ").append(i.text()).append(" <")
                        .append(i.url()).append(">\n"));
                case TicketDocument.Code c -> c.lines().forEach(i -> sb.append("    ").append(i).append('\n'));
            }
        }
        return sb.toString();
    }

    @Test
    void aPlatformFailureSeenTwiceInAWeekFilesNothing() {
        fail(tickets, "o/a");
        clock.advance(Duration.ofDays(2));
        Recurrence second = fail(tickets, "o/b");

        assertThat(second.count()).isEqualTo(2);
        assertThat(second.window()).isEqualTo(Duration.ofDays(7));
        assertThat(second.filed()).isEmpty();
        assertThat(tracker.createCalls()).isZero();
    }

    @Test
    void aSignatureCalledFlakyFromItsRerunsIsFiledUnderTheFlakyThresholdAndLabelledFlaky() {
        Signature flaky = new Signature("fp-0123456789abcdef", "widget-sync: handshake with peer failed", Verdict.FLAKY);
        TicketPolicy.Threshold threshold = TicketPolicy.defaults().thresholds().get(Verdict.FLAKY);
        for (int i = 1; i <= threshold.activate(); i++) {
            tickets.automatic().triaged(new Occurrence(flaky, "github:o/r:" + i + ":1", "o/r", "test", clock.instant(),
                    "https://github.com/o/r/actions/runs/" + i, null, null, List.of("widget-sync: handshake failed")));
        }

        assertThat(tracker.tickets()).hasSize(1);
        assertThat(tracker.tickets().getFirst().draft().title()).startsWith("Recurring CI failure (flaky)");
        assertThat(tracker.tickets().getFirst().draft().labels()).containsExactly("triage-fp-0123456789abcdef", "flaky");
    }

    @Test
    void theThirdPlatformFailureInAWeekFilesOneTicketWithTheEvidence() {
        fail(tickets, "o/a");
        fail(tickets, "o/b");
        clock.advance(Duration.ofDays(3));
        Recurrence third = fail(tickets, "o/a");

        assertThat(third.filed()).hasValueSatisfying(t -> assertThat(t.key()).isEqualTo("OPS-1"));
        assertThat(tracker.tickets()).hasSize(1);
        var draft = tracker.tickets().getFirst().draft();
        assertThat(draft.title()).isEqualTo("Recurring CI failure (platform): DNS lookup failed");
        assertThat(draft.labels()).containsExactly("triage-ke-dns-resolution-failure");
        assertThat(text(draft.body()))
                .contains("saw this failure 3 times in the last 7 days across 2 repositories")
                .contains("the platform threshold (3 in 7 days) was crossed")
                .contains("platform: the CI infrastructure failed, not the code")
                .contains("DNS lookup failed (dns-resolution-failure)")
                .contains("* Runbook <https://git.example/kb/blob/main/runbooks/dns.md>")
                .contains("* o/a\n* o/b\n")
                .contains("* https://github.com/o/a/actions/runs/3 <https://github.com/o/a/actions/runs/3>")
                .contains("    ERROR: lookup registry.example: no such host")
                .doesNotContain(TOKEN);
        assertThat(audit.latest(10)).extracting(AuditEntry::action, AuditEntry::outcome, AuditEntry::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ticket", "filed", "OPS-1"));
    }

    @Test
    void triagingTheSameJobAgainCountsOnce() {
        Occurrence same = new Occurrence(DNS, "github:o/a:77:1", "o/a", "build", NOW, null, null, null, List.of("x"));

        tickets.automatic().triaged(same);
        tickets.automatic().triaged(same);
        Recurrence third = tickets.automatic().triaged(same).orElseThrow();

        assertThat(third.count()).isEqualTo(1);
        assertThat(tracker.createCalls()).isZero();
    }

    @Test
    void laterOccurrencesAddAtMostOneSummaryCommentADay() {
        for (int i = 0; i < 3; i++) {
            fail(tickets, "o/a");
        }
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofHours(2));
            fail(tickets, "o/c");
        }
        assertThat(tracker.tickets().getFirst().comments()).isEmpty();

        clock.advance(Duration.ofHours(15));
        fail(tickets, "o/c");
        fail(tickets, "o/c");

        List<TicketDocument> comments = tracker.tickets().getFirst().comments();
        assertThat(comments).hasSize(1);
        assertThat(text(comments.getFirst())).contains("Daily summary: the failure continues. Seen 9 times in the last "
                + "7 days (9 times in total").contains("in: o/a, o/c.");
        assertThat(tracker.tickets()).hasSize(1);
    }

    @Test
    void aClosedTicketWhoseSignatureKeepsFiringIsReopenedAndToldWhy() {
        for (int i = 0; i < 3; i++) {
            fail(tickets, "o/a");
        }
        tracker.close("OPS-1");

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        fail(tickets, "o/a");

        assertThat(tracker.reopens()).isEqualTo(1);
        assertThat(tracker.tickets()).singleElement().satisfies(t -> {
            assertThat(t.open()).isTrue();
            assertThat(text(t.comments().getFirst())).startsWith("Reopened by Pipeline Triage");
        });
    }

    @Test
    void aClosedTicketIsFollowedByANewOneThatNamesItWhenSoConfigured() {
        TicketParts newTickets = service(TicketPolicy.Reopen.NEW);
        for (int i = 0; i < 3; i++) {
            fail(newTickets, "o/a");
        }
        tracker.close("OPS-1");

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        Recurrence later = fail(newTickets, "o/a");

        assertThat(tracker.reopens()).isZero();
        assertThat(tracker.tickets()).hasSize(2);
        var second = tracker.tickets().get(1).draft();
        assertThat(second.labels()).containsExactly("triage-ke-dns-resolution-failure", "triage-ke-dns-resolution-failure-g2");
        assertThat(text(second.body())).contains("An earlier ticket for this failure, OPS-1");
        assertThat(later.filed()).hasValueSatisfying(t -> assertThat(t.key()).isEqualTo("OPS-2"));
    }

    @Test
    void aQuietSignatureIsOnlyFollowedUpOnceItCrossesTheActivationThresholdAgain() {
        for (int i = 0; i < 3; i++) {
            fail(tickets, "o/a");
        }
        clock.advance(Duration.ofDays(10));

        fail(tickets, "o/a");
        assertThat(store.ticket(DNS.key())).hasValueSatisfying(t -> assertThat(t.active()).isFalse());
        fail(tickets, "o/a");
        assertThat(tracker.tickets().getFirst().comments()).isEmpty();

        fail(tickets, "o/a");

        assertThat(store.ticket(DNS.key())).hasValueSatisfying(t -> assertThat(t.active()).isTrue());
        assertThat(tracker.tickets()).singleElement().satisfies(t ->
                assertThat(text(t.comments().getFirst())).startsWith("The failure is back after a quiet period."));
    }

    @Test
    void aTrackerOutageLeavesTheClaimPendingAndRecoveryFilesExactlyOnce() {
        tracker.failNext(1, TrackerResult.Problem.SERVER_ERROR);
        for (int i = 0; i < 3; i++) {
            fail(tickets, "o/a");
        }
        Recurrence fourth = fail(tickets, "o/a");
        assertThat(fourth.pending()).isTrue();
        assertThat(tracker.createCalls()).isEqualTo(1);

        assertThat(tickets.reconciler().reconcile()).isEqualTo(new TicketReconciler.Reconciled(0, 0, 0));
        clock.advance(Duration.ofMinutes(6));
        assertThat(tickets.reconciler().reconcile()).isEqualTo(new TicketReconciler.Reconciled(0, 1, 0));
        assertThat(tickets.reconciler().reconcile()).isEqualTo(new TicketReconciler.Reconciled(0, 0, 0));

        assertThat(tracker.tickets()).hasSize(1);
        assertThat(store.ticket(DNS.key())).hasValueSatisfying(t -> assertThat(t.state()).isEqualTo(TicketRecord.State.FILED));
    }

    @Test
    void rateLimitedAndUnauthorizedCallsDuringRecoveryKeepTheClaimForTheNextRound() {
        tracker.failNext(1, TrackerResult.Problem.RATE_LIMITED);
        for (int i = 0; i < 3; i++) {
            fail(tickets, "o/a");
        }
        clock.advance(Duration.ofMinutes(6));
        tracker.failNext(1, TrackerResult.Problem.UNAUTHORIZED);

        assertThat(tickets.reconciler().reconcile()).isEqualTo(new TicketReconciler.Reconciled(0, 0, 1));
        assertThat(tickets.reconciler().reconcile()).isEqualTo(new TicketReconciler.Reconciled(0, 0, 0));
        clock.advance(Duration.ofMinutes(6));
        assertThat(tickets.reconciler().reconcile()).isEqualTo(new TicketReconciler.Reconciled(0, 1, 0));
        assertThat(tracker.tickets()).hasSize(1);
    }

    @Test
    void aCrashAfterTheTrackerCreatedTheTicketIsRecoveredByItsLabelWithoutASecondCreate() {
        for (int i = 0; i < 2; i++) {
            fail(tickets, "o/a");
        }
        // The replica that claimed the ticket died after the tracker's 201, before the key was recorded.
        store.claimTicket(DNS.key(), 1, "dead-replica", clock.instant());
        tracker.create(new dev.pipelinetriage.app.port.TicketDraft("t", List.of(DNS.label()), new TicketDocument(List.of())));
        clock.advance(Duration.ofMinutes(6));

        TicketParts restarted = service(TicketPolicy.Reopen.REOPEN);

        assertThat(restarted.reconciler().reconcile()).isEqualTo(new TicketReconciler.Reconciled(1, 0, 0));
        assertThat(tracker.createCalls()).isEqualTo(1);
        assertThat(store.ticket(DNS.key()).orElseThrow().ticket().key()).isEqualTo("OPS-1");
        assertThat(fail(restarted, "o/a").filed()).hasValueSatisfying(t -> assertThat(t.key()).isEqualTo("OPS-1"));
    }

    @Test
    void recoveryWaitsForTheSearchIndexBeforeItCreates() {
        store.claimTicket(DNS.key(), 1, "dead-replica", clock.instant());
        fail(tickets, "o/a");
        tracker.create(new dev.pipelinetriage.app.port.TicketDraft("t", List.of(DNS.label()), new TicketDocument(List.of())));
        tracker.searchLagging(true);

        assertThat(tickets.reconciler().reconcile()).isEqualTo(new TicketReconciler.Reconciled(0, 0, 0));
        assertThat(tracker.createCalls()).isEqualTo(1);
    }

    private StoredCard card() {
        StoredCard card = new StoredCard("card-1", new ChatRef("slack", "T1", "C1", "1.2"),
                new RunRef("github", CiKind.GITHUB, "o/a", "42", 1), Verdict.PLATFORM, List.of("build"), "{}", NOW);
        store.saveCard(card);
        return card;
    }

    @Test
    void fileTicketAsksTheOnCallUserToConfirmThenFilesAndAudits() {
        card();
        fail(tickets, "o/a");

        var proposal = tickets.chat().propose(oncall, "C1", "card-1");
        assertThat(proposal).isInstanceOf(ChatTickets.Confirm.class);
        assertThat(tracker.createCalls()).isZero();
        String token = ((ChatTickets.Confirm) proposal).pending().id();

        List<TicketFiler.Filing> filed = tickets.chat().confirm(oncall, "C1", token, c -> List.of(DNS.key()));

        assertThat(filed).containsExactly(new TicketFiler.Filed(DNS.key(), tracker.tickets().getFirst().ref()));
        assertThat(text(tracker.tickets().getFirst().draft().body())).contains("U_ONCALL filed it from chat (slack)");
        assertThat(audit.latest(10)).extracting(AuditEntry::user, AuditEntry::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("U_ONCALL", "requested"),
                        org.assertj.core.groups.Tuple.tuple("U_ONCALL", "filed"));
        assertThat(tickets.chat().confirm(oncall, "C1", ((ChatTickets.Confirm) tickets.chat().propose(oncall, "C1", "card-1"))
                .pending().id(), c -> List.of(DNS.key()))).singleElement().isInstanceOf(TicketFiler.AlreadyFiled.class);
        assertThat(tracker.createCalls()).isEqualTo(1);
    }

    @Test
    void fileTicketFromChatFilesNothingWhileTheAuditLogIsDown() {
        card();
        fail(tickets, "o/a");
        String token = ((ChatTickets.Confirm) tickets.chat().propose(oncall, "C1", "card-1")).pending().id();
        audit.failing(true);

        List<TicketFiler.Filing> filed = tickets.chat().confirm(oncall, "C1", token, c -> List.of(DNS.key()));

        assertThat(filed).containsExactly(new TicketFiler.NotFiled(DNS.key(),
                "The audit log is unavailable, so the bot files nothing now; try again later."));
        assertThat(tracker.createCalls()).isZero();
    }

    @Test
    void fileTicketIsDeniedAndAuditedForSomeoneNotOnCall() {
        card();

        assertThat(tickets.chat().propose(dev, "C1", "card-1")).isEqualTo(new ChatTickets.Refused("Only on-call engineers may file tickets for."));

        assertThat(audit.latest(10)).extracting(AuditEntry::user, AuditEntry::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("U_DEV", "denied"));
    }

    @Test
    void aConfirmationOpenedForSomeoneElseOrForARerunFilesNothing() {
        card();
        fail(tickets, "o/a");
        String token = ((ChatTickets.Confirm) tickets.chat().propose(oncall, "C1", "card-1")).pending().id();
        store.savePending(new dev.pipelinetriage.app.port.PendingRerun("rerun-token", oncall, "card-1", NOW.plusSeconds(600)));

        assertThat(tickets.chat().confirm(new Actor("slack", "T1", "U_OTHER", false), "C1", token, c -> List.of(DNS.key())))
                .singleElement().isInstanceOf(TicketFiler.NotFiled.class);
        assertThat(tickets.chat().confirm(oncall, "C1", "rerun-token", c -> List.of(DNS.key())))
                .singleElement().isInstanceOf(TicketFiler.NotFiled.class);
        assertThat(tracker.createCalls()).isZero();
    }

    @Test
    void thresholdsRejectADeactivationLevelThatIsNotBelowActivation() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TicketPolicy.Threshold(3, 3, Duration.ofDays(7)))
                .hasMessageContaining("deactivate must be in 0..2");
        assertThat(TicketPolicy.defaults().thresholds()).containsEntry(Verdict.PLATFORM,
                new TicketPolicy.Threshold(3, 1, Duration.ofDays(7)));
        assertThat(Map.copyOf(TicketPolicy.defaults().thresholds())).hasSize(4);
    }

    @Test
    void occurrencesOlderThanTheRetentionArePruned() {
        fail(tickets, "o/a");
        clock.advance(Duration.ofDays(91));
        fail(tickets, "o/a");

        assertThat(tickets.automatic().prune()).isEqualTo(1);
    }
}
