package dev.pipelinetriage.app.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.RunRef;
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

    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
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
