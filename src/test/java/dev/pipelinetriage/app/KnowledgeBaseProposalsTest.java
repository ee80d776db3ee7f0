package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.ChatRef;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.app.port.InMemoryAuditLog;
import dev.pipelinetriage.app.port.InMemoryStateStore;
import dev.pipelinetriage.app.port.InMemoryTriageHistory;
import dev.pipelinetriage.app.port.KnowledgeBaseRepository;
import dev.pipelinetriage.app.port.KnowledgeIndex;
import dev.pipelinetriage.app.port.MutableClock;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.app.port.TrackerResult;
import dev.pipelinetriage.app.port.TriageRecord;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.classify.Classifier;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proposing an entry from a card or the digest's group, over the in-memory store, a fake CI and a fake code host:
 * curators only, once per signature, nothing opened for a draft that fails the checks, and a write with an unknown
 * outcome keeps its claim.
 */
class KnowledgeBaseProposalsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String SECRET = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    private static final KnowledgeIndex NO_ENTRIES = new KnowledgeIndex() {
        @Override
        public List<KnownError> entries() {
            return List.of();
        }

        @Override
        public List<Match> search(List<LogLine> failureLines, int limit) {
            return List.of();
        }
    };

    private final FakeCiProvider ci = new FakeCiProvider().log("Run ./scripts/integration.sh",
            "export REGISTRY_TOKEN=" + SECRET, "Starting widget service",
            "widget-sync: handshake with peer node-7 failed after 30 attempts", "Process completed with exit code 3.");
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryTriageHistory history = new InMemoryTriageHistory();
    private final List<KnowledgeBaseRepository.Proposal> opened = new ArrayList<>();
    private final List<String> checkProblems = new ArrayList<>();
    private TrackerResult<KnowledgeBaseRepository.Opened> hostAnswers = new TrackerResult.Ok<>(
            new KnowledgeBaseRepository.Opened("https://github.com/acme/triage-kb/pull/7"));
    private final Actor curator = new Actor("slack", "T1", "U_CURATOR", false);
    private final Actor developer = new Actor("slack", "T1", "U_DEV", false);

    private final KnowledgeBaseProposals proposals = new KnowledgeBaseProposals(
            new FailedJobLogs(List.of(ci), 1 << 20),
            () -> new TriageService(new LogNormalizer(), new IndicationMatcher(List.of()), NO_ENTRIES, new Classifier(),
                    new Redactor()),
            (actor, action) -> actor.user().equals("U_CURATOR") ? new Authorizer.Allowed("listed user")
                    : new Authorizer.Denied("Only knowledge-base curators may " + action + " from chat."),
            store, history, store, new KnowledgeBaseRepository() {
                @Override
                public String requestName() {
                    return "pull request";
                }

                @Override
                public TrackerResult<Opened> open(Proposal proposal) {
                    opened.add(proposal);
                    return hostAnswers;
                }
            }, draft -> List.copyOf(checkProblems), audit, new MutableClock(NOW),
            new KnowledgeBaseProposals.Layout("knowledge-base", "runbooks"), new Redactor());

    private String card() {
        store.saveCard(new StoredCard("card-1", new ChatRef("slack", "T1", "C1", "1700000000.000200"),
                new RunRef("fake", CiKind.GITHUB, "octo/repo", "42", 1), Verdict.CODE, List.of("test"), "{}", NOW));
        return "card-1";
    }

    @Test
    void aCuratorsProposalOpensOneRequestWithTheRedactedEntryAndItsRunbook() {
        var outcome = proposals.propose(curator, "C1", card());

        assertThat(outcome).isInstanceOfSatisfying(KnowledgeBaseProposals.Opened.class, o -> {
            assertThat(o.url()).isEqualTo("https://github.com/acme/triage-kb/pull/7");
            assertThat(o.entryId()).startsWith("widget-sync-handshake-with-peer-");
        });
        var proposal = opened.getFirst();
        assertThat(proposal.files()).containsOnlyKeys("knowledge-base/" + ((KnowledgeBaseProposals.Opened) outcome).entryId()
                + ".yaml", "runbooks/" + ((KnowledgeBaseProposals.Opened) outcome).entryId() + ".md");
        assertThat(String.join("", proposal.files().values()) + proposal.description()).doesNotContain(SECRET)
                .contains("widget-sync: handshake with peer node-7 failed after 30 attempts");
        assertThat(proposal.description()).contains("card-1");
        assertThat(audit.latest(10)).extracting(AuditEntry::outcome).containsExactly("requested", "opened");
    }

    @Test
    void aSecondProposalOfTheSameFailureOpensNothingAndPointsAtTheFirst() {
        proposals.propose(curator, "C1", card());

        var again = proposals.propose(curator, "C1", card());

        assertThat(again).isEqualTo(new KnowledgeBaseProposals.AlreadyProposed("U_CURATOR", NOW,
                java.util.Optional.of("https://github.com/acme/triage-kb/pull/7")));
        assertThat(opened).hasSize(1);
    }

    @Test
    void someoneWhoIsNotACuratorIsRefusedAndAudited() {
        var outcome = proposals.propose(developer, "C1", card());

        assertThat(outcome).isEqualTo(new KnowledgeBaseProposals.Refused("Only knowledge-base curators may propose from chat."));
        assertThat(opened).isEmpty();
        assertThat(audit.latest(1)).extracting(AuditEntry::outcome).containsExactly("denied");
    }

    @Test
    void aDraftThatFailsTheChecksOpensNothingAndFreesTheSignatureForAnotherTry() {
        checkProblems.add("kb lint: has 1 example(s)");

        assertThat(proposals.propose(curator, "C1", card())).isInstanceOfSatisfying(KnowledgeBaseProposals.Refused.class,
                r -> assertThat(r.reason()).contains("does not pass the knowledge base's checks").contains("kb lint"));
        checkProblems.clear();
        assertThat(proposals.propose(curator, "C1", card())).isInstanceOf(KnowledgeBaseProposals.Opened.class);
        assertThat(opened).hasSize(1);
    }

    @Test
    void aCodeHostThatDidNotAnswerKeepsTheClaimSoNoSecondRequestIsOpened() {
        hostAnswers = new TrackerResult.Failed<>(TrackerResult.Problem.UNREACHABLE, "POST /pulls failed: timeout", null);

        assertThat(proposals.propose(curator, "C1", card())).isInstanceOf(KnowledgeBaseProposals.Failed.class);
        assertThat(proposals.propose(curator, "C1", card())).isInstanceOf(KnowledgeBaseProposals.AlreadyProposed.class);
        assertThat(opened).hasSize(1);
    }

    @Test
    void theDigestsGroupIsProposedFromItsLatestRunWhenItStillShowsThatSignature() {
        var first = proposals.propose(curator, "C1", card());
        String signature = opened.getFirst().description().replaceAll("(?s).*Signature `(fp-[0-9a-f]{16})`.*", "$1");
        opened.clear();
        store.releaseRerun("kb-proposal:" + signature);
        history.record(new TriageRecord(NOW.minusSeconds(3600), "fake", "octo/repo", "42", 1, "1", "test", Verdict.CODE,
                null, signature, "widget-sync: handshake with peer node- _num_ failed", "https://ci.example/octo/repo/runs/42"));

        var fromDigest = proposals.proposeSignature(curator, "C0DIGEST", signature);

        assertThat(first).isInstanceOf(KnowledgeBaseProposals.Opened.class);
        assertThat(fromDigest).isInstanceOf(KnowledgeBaseProposals.Opened.class);
        assertThat(opened.getFirst().description()).contains("the weekly digest's unexplained group " + signature);
        assertThat(proposals.proposeSignature(curator, "C0DIGEST", "fp-ffffffffffffffff"))
                .isInstanceOfSatisfying(KnowledgeBaseProposals.Refused.class,
                        r -> assertThat(r.reason()).contains("No unexplained failure with signature fp-ffffffffffffffff"));
    }
}
