package dev.pipelinetriage.app.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link StateStore} and {@link AuditLog} must do; each implementation's test extends this. */
public abstract class StateStoreContract {
    protected static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final Actor oncall = new Actor("slack", "T1", "U1", false);

    protected abstract StateStore store();

    protected abstract AuditLog audit();

    private StoredCard card(String id) {
        return new StoredCard(id, new ChatRef("slack", "T1", "C1", "1700000000.000200"),
                new RunRef("github", CiKind.GITHUB, "octo-org/octo-repo", "30433642", 1), Verdict.PLATFORM,
                List.of("test", "lint"), "{\"v\":1}", NOW);
    }

    @Test
    void anEventIsClaimedOnceWithinItsTtlAndAgainAfterIt() {
        assertThat(store().claimEvent("slack:Ev1", NOW, Duration.ofHours(26))).isTrue();
        assertThat(store().claimEvent("slack:Ev1", NOW.plus(Duration.ofHours(25)), Duration.ofHours(26))).isFalse();
        assertThat(store().claimEvent("slack:Ev2", NOW, Duration.ofHours(26))).isTrue();
        assertThat(store().claimEvent("slack:Ev1", NOW.plus(Duration.ofHours(27)), Duration.ofHours(26))).isTrue();
    }

    @Test
    void concurrentClaimsOfOneEventHaveExactlyOneWinner() throws Exception {
        List<Boolean> results = race(8, () -> store().claimEvent("slack:EvRace", NOW, Duration.ofHours(1)));

        assertThat(results).containsOnlyOnce(true);
    }

    @Test
    void aCardIsSavedReadBackAndReplaced() {
        store().saveCard(card("card-1"));

        assertThat(store().card("card-1")).contains(card("card-1"));
        store().saveCard(card("card-1").withDocument("{\"v\":2}"));
        assertThat(store().card("card-1").orElseThrow().document()).isEqualTo("{\"v\":2}");
        assertThat(store().card("card-2")).isEmpty();
    }

    @Test
    void aPendingConfirmationExpires() {
        store().savePending(new PendingRerun("p1", oncall, "card-1", NOW.plus(Duration.ofMinutes(10))));

        assertThat(store().pending("p1", NOW)).hasValueSatisfying(p -> assertThat(p.proposedTo()).isEqualTo(oncall));
        assertThat(store().pending("p1", NOW.plus(Duration.ofMinutes(11)))).isEmpty();
    }

    @Test
    void aRerunIsClaimedOnceTellsWhoHasItAndCanBeReleased() {
        assertThat(store().claimRerun("rerun:k", "U1", NOW)).isInstanceOf(RerunClaim.Claimed.class);
        store().completeRerun("rerun:k", "https://github.com/o/r/actions/runs/1/attempts/2");

        assertThat(store().claimRerun("rerun:k", "U2", NOW.plusSeconds(5))).isEqualTo(
                new RerunClaim.AlreadyRequested("U1", NOW, "https://github.com/o/r/actions/runs/1/attempts/2"));
        store().releaseRerun("rerun:k");
        assertThat(store().claimRerun("rerun:k", "U2", NOW)).isInstanceOf(RerunClaim.Claimed.class);
    }

    @Test
    void concurrentRerunClaimsHaveExactlyOneWinner() throws Exception {
        List<RerunClaim> results = race(8, () -> store().claimRerun("rerun:race", "U1", NOW));

        assertThat(results).filteredOn(r -> r instanceof RerunClaim.Claimed).hasSize(1);
    }

    @Test
    void feedbackCountsOncePerUserCardAndKind() {
        assertThat(store().saveFeedback(new Feedback("card-1", oncall, Feedback.Kind.HELPFUL, null, null, null, NOW))).isTrue();
        assertThat(store().saveFeedback(new Feedback("card-1", oncall, Feedback.Kind.HELPFUL, null, null, null, NOW))).isFalse();
        assertThat(store().saveFeedback(new Feedback("card-1", oncall, Feedback.Kind.NOT_RIGHT, Verdict.FLAKY,
                "dns-resolution-failure", "it was DNS", NOW))).isTrue();

        assertThat(store().feedbackCounts()).containsEntry("helpful", 1L).containsEntry("not_right", 1L)
                .containsEntry("not_right:flaky", 1L);
    }

    @Test
    void theAuditLogKeepsEntriesInOrderWithControlCharactersDefused() {
        audit().append(new AuditEntry(NOW, "slack", "T1", "U1", "C1", "rerun", "github:o/r run 1 attempt 1", "denied",
                "not on call\nforged: started"));
        audit().append(new AuditEntry(NOW.plusSeconds(1), "slack", "T1", "U2", "C1", "rerun", "github:o/r run 1 attempt 1",
                "started", "https://github.com/o/r/actions/runs/1/attempts/2"));

        List<AuditEntry> latest = audit().latest(10);

        assertThat(latest).extracting(AuditEntry::outcome).containsExactly("denied", "started");
        assertThat(latest.getFirst().reason()).isEqualTo("not on call forged: started");
        assertThat(latest.getFirst().at()).isEqualTo(NOW);
        assertThat(audit().latest(1)).extracting(AuditEntry::user).containsExactly("U2");
    }

    protected static final Signature DNS = new Signature("ke-dns-resolution-failure", "DNS lookup failed", Verdict.PLATFORM);
    private static final Signature DISK = new Signature("fp-0123456789abcdef", "no space left on device", Verdict.PLATFORM);

    protected static Occurrence occurrence(Signature signature, String job, String repository, Instant at) {
        return new Occurrence(signature, "github:" + repository + ":" + job + ":1", repository, "build", at,
                "https://github.com/" + repository + "/actions/runs/" + job, signature.knownError() ? "dns" : null,
                "https://runbooks.example/dns.md", List.of("ERROR: lookup of registry.example failed", "second line"));
    }

    @Test
    void anOccurrenceCountsOncePerJobAttemptAndKeepsTheFirstEvidence() {
        assertThat(store().recordOccurrence(occurrence(DNS, "1", "o/a", NOW))).isTrue();
        assertThat(store().recordOccurrence(occurrence(DNS, "1", "o/a", NOW.plusSeconds(60)))).isFalse();
        assertThat(store().recordOccurrence(occurrence(DNS, "2", "o/b", NOW.plusSeconds(120)))).isTrue();

        SignatureInfo info = store().signature(DNS.key()).orElseThrow();
        assertThat(info.signature()).isEqualTo(DNS);
        assertThat(info.total()).isEqualTo(2);
        assertThat(info.firstSeen()).isEqualTo(NOW);
        assertThat(info.lastSeen()).isEqualTo(NOW.plusSeconds(120));
        assertThat(info.excerpt()).containsExactly("ERROR: lookup of registry.example failed", "second line");
        assertThat(info.runbook()).isEqualTo("https://runbooks.example/dns.md");
        assertThat(store().signature("fp-ffffffffffffffff")).isEmpty();
    }

    @Test
    void aWindowCountsOnlyItsOccurrencesWithDistinctRepositoriesAndNewestLinksFirst() {
        store().recordOccurrence(occurrence(DNS, "1", "o/b", NOW.minus(Duration.ofDays(8))));
        store().recordOccurrence(occurrence(DNS, "2", "o/b", NOW.minus(Duration.ofDays(2))));
        store().recordOccurrence(occurrence(DNS, "3", "o/a", NOW.minus(Duration.ofDays(1))));
        store().recordOccurrence(occurrence(DNS, "4", "o/b", NOW));
        store().recordOccurrence(occurrence(DISK, "5", "o/c", NOW));

        OccurrenceWindow week = store().occurrences(DNS.key(), NOW.minus(Duration.ofDays(7)), 2);

        assertThat(week.count()).isEqualTo(3);
        assertThat(week.repositories()).containsExactly("o/a", "o/b");
        assertThat(week.links()).containsExactly("https://github.com/o/b/actions/runs/4", "https://github.com/o/a/actions/runs/3");
    }

    @Test
    void theTopListNamesTheMostFrequentSignaturesWithTheirTickets() {
        store().recordOccurrence(occurrence(DISK, "1", "o/a", NOW));
        store().recordOccurrence(occurrence(DNS, "2", "o/a", NOW));
        store().recordOccurrence(occurrence(DNS, "3", "o/b", NOW));
        store().recordOccurrence(occurrence(DNS, "4", "o/b", NOW.minus(Duration.ofDays(9))));
        store().claimTicket(DNS.key(), 1, "a1", NOW);
        store().recordTicket(DNS.key(), 1, "a1", new TicketRef("OPS-7", "https://jira.example/browse/OPS-7"));

        List<TopSignature> top = store().top(NOW.minus(Duration.ofDays(7)), 10);

        assertThat(top).extracting(t -> t.signature().key(), TopSignature::count, TopSignature::repositories)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DNS.key(), 2L, 2),
                        org.assertj.core.groups.Tuple.tuple(DISK.key(), 1L, 1));
        assertThat(top.getFirst().ticket().filed()).map(TicketRef::key).contains("OPS-7");
        assertThat(top.get(1).ticket()).isNull();
        assertThat(store().top(NOW.minus(Duration.ofDays(7)), 1)).hasSize(1);
    }

    @Test
    void pruningForgetsOldOccurrencesButNotTheRunningTotal() {
        store().recordOccurrence(occurrence(DNS, "1", "o/a", NOW.minus(Duration.ofDays(100))));
        store().recordOccurrence(occurrence(DNS, "2", "o/a", NOW));

        assertThat(store().pruneOccurrences(NOW.minus(Duration.ofDays(90)))).isEqualTo(1);

        assertThat(store().occurrences(DNS.key(), NOW.minus(Duration.ofDays(365)), 10).count()).isEqualTo(1);
        assertThat(store().signature(DNS.key()).orElseThrow().total()).isEqualTo(2);
    }

    @Test
    void aTicketIsClaimedOnceAndOnlyItsHolderRecordsTheKey() {
        assertThat(store().claimTicket(DNS.key(), 1, "a1", NOW)).isInstanceOf(TicketClaim.Claimed.class);
        assertThat(store().claimTicket(DNS.key(), 1, "a2", NOW)).isInstanceOfSatisfying(TicketClaim.Held.class,
                held -> assertThat(held.record().attemptId()).isEqualTo("a1"));

        assertThat(store().recordTicket(DNS.key(), 1, "a2", new TicketRef("OPS-9", "u"))).isFalse();
        assertThat(store().recordTicket(DNS.key(), 1, "a1", new TicketRef("OPS-7", "u7"))).isTrue();
        assertThat(store().recordTicket(DNS.key(), 1, "a1", new TicketRef("OPS-8", "u8"))).isFalse();

        TicketRecord record = store().ticket(DNS.key()).orElseThrow();
        assertThat(record.state()).isEqualTo(TicketRecord.State.FILED);
        assertThat(record.ticket()).isEqualTo(new TicketRef("OPS-7", "u7"));
        assertThat(record.active()).isTrue();
        assertThat(store().claimTicket(DNS.key(), 2, "a3", NOW)).isInstanceOf(TicketClaim.Claimed.class);
        assertThat(store().ticket(DNS.key()).orElseThrow().generation()).isEqualTo(2);
        assertThat(store().ticket(DISK.key())).isEmpty();
    }

    @Test
    void concurrentTicketClaimsHaveExactlyOneWinner() throws Exception {
        List<TicketClaim> results = race(8, () -> store().claimTicket(DNS.key(), 1, java.util.UUID.randomUUID().toString(), NOW));

        assertThat(results).filteredOn(r -> r instanceof TicketClaim.Claimed).hasSize(1);
    }

    @Test
    void aStalePendingClaimIsListedAndTakenOverByOneReconciler() {
        store().claimTicket(DNS.key(), 1, "crashed", NOW);
        store().claimTicket(DISK.key(), 1, "fresh", NOW.plus(Duration.ofMinutes(9)));

        List<TicketRecord> stale = store().pendingTickets(NOW.plus(Duration.ofMinutes(5)));

        assertThat(stale).extracting(TicketRecord::signatureKey).containsExactly(DNS.key());
        assertThat(store().takeOverTicket(DNS.key(), 1, "crashed", "r1", NOW.plus(Duration.ofMinutes(10)))).isTrue();
        assertThat(store().takeOverTicket(DNS.key(), 1, "crashed", "r2", NOW.plus(Duration.ofMinutes(10)))).isFalse();
        assertThat(store().recordTicket(DNS.key(), 1, "crashed", new TicketRef("OPS-1", "u"))).isFalse();
        assertThat(store().recordTicket(DNS.key(), 1, "r1", new TicketRef("OPS-1", "u"))).isTrue();
        assertThat(store().pendingTickets(NOW.plus(Duration.ofDays(1)))).extracting(TicketRecord::signatureKey)
                .containsExactly(DISK.key());
    }

    @Test
    void aSummaryCommentIsClaimedOncePerIntervalAndOnlyOnAFiledTicket() {
        store().claimTicket(DNS.key(), 1, "a1", NOW);
        assertThat(store().claimComment(DNS.key(), 1, NOW, NOW)).isFalse();
        store().recordTicket(DNS.key(), 1, "a1", new TicketRef("OPS-7", "u"));

        assertThat(store().claimComment(DNS.key(), 1, NOW.minus(Duration.ofDays(1)), NOW)).isTrue();
        assertThat(store().claimComment(DNS.key(), 1, NOW.plus(Duration.ofHours(1)).minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofHours(1)))).isFalse();
        assertThat(store().claimComment(DNS.key(), 1, NOW.plus(Duration.ofHours(25)).minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofHours(25)))).isTrue();
        assertThat(store().ticket(DNS.key()).orElseThrow().lastCommentAt()).isEqualTo(NOW.plus(Duration.ofHours(25)));
    }

    @Test
    void theActivityFlagChangesOnceEachWay() {
        store().claimTicket(DNS.key(), 1, "a1", NOW);

        assertThat(store().setTicketActive(DNS.key(), 1, true)).isFalse();
        assertThat(store().setTicketActive(DNS.key(), 1, false)).isTrue();
        assertThat(store().setTicketActive(DNS.key(), 1, false)).isFalse();
        assertThat(store().ticket(DNS.key()).orElseThrow().active()).isFalse();
        assertThat(store().setTicketActive(DNS.key(), 1, true)).isTrue();
    }

    @Test
    void concurrentOccurrencesOfOneSignatureAreCountedExactly() throws Exception {
        java.util.concurrent.atomic.AtomicInteger job = new java.util.concurrent.atomic.AtomicInteger();
        List<Boolean> results = race(16, () -> {
            boolean all = true;
            for (int i = 0; i < 10; i++) {
                all &= store().recordOccurrence(occurrence(DNS, "job" + job.incrementAndGet(), "o/a", NOW));
            }
            return all;
        });

        assertThat(results).containsOnly(true);
        assertThat(store().signature(DNS.key()).orElseThrow().total()).isEqualTo(160);
        assertThat(store().occurrences(DNS.key(), NOW, 0).count()).isEqualTo(160);
    }

    private static final RunRef FLAKY_RUN = new RunRef("github", CiKind.GITHUB, "octo-org/octo-repo", "30433642", 1);

    protected static AwaitedRerun awaited(RunRef failed, String job, String cardId, Instant at) {
        return new AwaitedRerun(failed, job, DISK.key(), cardId, at);
    }

    @Test
    void aFailureAwaitsTheLaterAttemptsOfItsRunOnly() {
        store().awaitRerun(awaited(FLAKY_RUN, "test", "card-1", NOW));
        store().awaitRerun(awaited(FLAKY_RUN.withRunId(99), "test", "card-2", NOW));

        assertThat(store().awaiting(FLAKY_RUN.withAttempt(2))).extracting(AwaitedRerun::cardId).containsExactly("card-1");
        assertThat(store().awaiting(FLAKY_RUN.withAttempt(1))).isEmpty();
        assertThat(store().awaiting(new RunRef("gitlab", CiKind.GITLAB, "octo-org/octo-repo", "30433642", 2))).isEmpty();
    }

    @Test
    void withoutAttemptNumbersEveryAwaitedFailureOfTheRunIsAnswered() {
        RunRef pipeline = new RunRef("gitlab", CiKind.GITLAB, "gitlab-org/app", "4711", 0);
        store().awaitRerun(awaited(pipeline, "rspec", "card-1", NOW));

        assertThat(store().awaiting(pipeline)).extracting(AwaitedRerun::job).containsExactly("rspec");
    }

    @Test
    void aFailureShownOnANewerCardMovesToIt() {
        store().awaitRerun(awaited(FLAKY_RUN, "test", "card-1", NOW));
        store().awaitRerun(awaited(FLAKY_RUN, "test", "card-2", NOW.plusSeconds(5)));

        assertThat(store().awaiting(FLAKY_RUN.withAttempt(2))).singleElement()
                .satisfies(a -> assertThat(a.cardId()).isEqualTo("card-2"));
    }

    @Test
    void anOutcomeIsRecordedOnceAndEndsTheWait() {
        AwaitedRerun failure = awaited(FLAKY_RUN, "test", "card-1", NOW);
        store().awaitRerun(failure);
        RerunOutcome passed = new RerunOutcome(failure, true, "https://github.com/o/r/actions/runs/30433642/attempts/2",
                NOW.plusSeconds(600));

        assertThat(store().recordRerunOutcome(passed)).isTrue();
        assertThat(store().recordRerunOutcome(passed)).isFalse();
        assertThat(store().awaiting(FLAKY_RUN.withAttempt(3))).isEmpty();
    }

    @Test
    void concurrentOutcomesOfOneFailureHaveExactlyOneWinner() throws Exception {
        AwaitedRerun failure = awaited(FLAKY_RUN, "test", "card-1", NOW);
        store().awaitRerun(failure);

        List<Boolean> results = race(8, () -> store().recordRerunOutcome(new RerunOutcome(failure, true, "link", NOW)));

        assertThat(results).containsOnlyOnce(true);
    }

    @Test
    void passesOnRerunAreCountedPerSignatureWithinTheWindowSinceTheFirst() {
        for (int run = 1; run <= 4; run++) {
            AwaitedRerun failure = awaited(FLAKY_RUN.withRunId(run), "test", "card-" + run, NOW);
            store().awaitRerun(failure);
            store().recordRerunOutcome(new RerunOutcome(failure, run != 4, "link", NOW.plus(Duration.ofDays(run))));
        }

        PassedOnRerun sinceDayTwo = store().passedOnRerun(DISK.key(), NOW.plus(Duration.ofDays(2)));

        assertThat(sinceDayTwo.count()).isEqualTo(2);
        assertThat(sinceDayTwo.first()).isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(store().passedOnRerun(DNS.key(), NOW)).isEqualTo(PassedOnRerun.none(DNS.key()));
    }

    @Test
    void aSignatureJudgedFlakyStaysFlaky() {
        store().recordOccurrence(occurrence(DISK, "1", "o/a", NOW));
        Signature flaky = new Signature(DISK.key(), DISK.summary(), Verdict.FLAKY);

        store().recordOccurrence(occurrence(flaky, "2", "o/a", NOW.plusSeconds(60)));
        store().recordOccurrence(occurrence(DISK, "3", "o/a", NOW.plusSeconds(120)));

        assertThat(store().signature(DISK.key()).orElseThrow().signature().verdict()).isEqualTo(Verdict.FLAKY);
        assertThat(store().signature(DISK.key()).orElseThrow().total()).isEqualTo(3);
    }

    protected static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
