package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.FakeCiProvider;
import dev.pipelinetriage.domain.Verdict;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CardActionsTest {
    private final ChatTestKit kit = new ChatTestKit();
    private final RecordingSurface surface = new RecordingSurface();
    private final Place thread = new Place("slack", "T1", "C1", "1700000000.000100");
    private final Actor oncall = new Actor("slack", "T1", "U_ONCALL", false);
    private final Actor dev = new Actor("slack", "T1", "U_DEV", false);
    private String cardId;

    @BeforeEach
    void postACard() {
        kit.ci.log("src/main.rs:3:5: error[E0308]: mismatched types", "error: could not compile `app` due to 1 previous error");
        var conversation = kit.conversation(3, Set.of());
        conversation.onMessage(new Inbound(Inbound.Trigger.MESSAGE, "Ev1", thread, dev, "https://ci.example/octo/repo/runs/42"), surface);
        kit.workers.shutdown(30);
        cardId = surface.cards.getFirst().card().cardId();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void theRerunConfirmationSaysWhatWillBeRerunAndWarnsOnACodeVerdict() {
        var confirm = (CardActions.ConfirmRerun) kit.actions().rerunClicked(oncall, "C1", cardId);

        assertThat(confirm.body()).contains("octo/repo · run 42, attempt 1", "(test)");
        assertThat(confirm.warning()).contains("The verdict is code");
        assertThat(kit.ci.reruns).isEmpty();
    }

    @Test
    void aConfirmedRerunRedrawsTheCardWithTheNewAttemptAndWhoAskedForIt() {
        var actions = kit.actions();
        var confirm = (CardActions.ConfirmRerun) actions.rerunClicked(oncall, "C1", cardId);

        actions.rerunConfirmed(oncall, thread, confirm.token(), surface);

        assertThat(kit.ci.reruns).containsExactly(new CiProvider.RerunRequest.FailedJobsOf(FakeCiProvider.run("42", 1)));
        var redrawn = surface.cards.getLast();
        assertThat(redrawn.replacing()).isEqualTo(surface.posts.getFirst().id());
        assertThat(redrawn.card().rerun()).isEqualTo(new CardView.RerunNote("U_ONCALL",
                "https://ci.example/octo/repo/runs/42/attempts/2", ChatTestKit.NOW));
        assertThat(kit.codec.decode(kit.store.card(cardId).orElseThrow().document()).rerun()).isNotNull();
    }

    @Test
    void anUnauthorizedUserIsToldWhyAndTheDenialIsAudited() {
        var refuse = (CardActions.Refuse) kit.actions().rerunClicked(dev, "C1", cardId);

        assertThat(refuse.text().plain()).contains("on-call");
        assertThat(kit.audit.all()).singleElement().extracting(AuditEntry::outcome).isEqualTo("denied");
        assertThat(kit.ci.reruns).isEmpty();
    }

    @Test
    void aSecondConfirmationIsToldWhoAlreadyAsked() {
        var actions = kit.actions();
        var first = (CardActions.ConfirmRerun) actions.rerunClicked(oncall, "C1", cardId);
        var second = (CardActions.ConfirmRerun) actions.rerunClicked(oncall, "C1", cardId);
        actions.rerunConfirmed(oncall, thread, first.token(), surface);

        actions.rerunConfirmed(oncall, thread, second.token(), surface);

        assertThat(kit.ci.reruns).hasSize(1);
        assertThat(surface.told).singleElement().satisfies(t -> {
            assertThat(t.user()).isEqualTo("U_ONCALL");
            assertThat(t.text()).contains("already requested by @U_ONCALL at 2026-11-26 10:00 UTC");
        });
    }

    @Test
    void feedbackIsStoredOncePerUserAndCounted() {
        var actions = kit.actions();

        assertThat(actions.helpful(dev, cardId).plain()).contains("Thanks");
        assertThat(actions.helpful(dev, cardId).plain()).contains("already");
        assertThat(actions.notRightSubmitted(oncall, cardId, Verdict.FLAKY, "no-such-entry", "it was ghp_" + "a".repeat(36)).plain())
                .contains("flaky");

        assertThat(kit.store.feedbackCounts()).containsEntry("helpful", 1L).containsEntry("not_right:flaky", 1L);
    }

    @Test
    void theNotRightFormOffersEveryVerdictAndTheKnownErrors() {
        var form = kit.actions().notRightClicked(cardId).orElseThrow();

        assertThat(form.current()).isEqualTo(Verdict.CODE);
        assertThat(form.verdicts()).contains(Verdict.PLATFORM, Verdict.FLAKY);
        assertThat(form.knownErrors()).isNotEmpty();
    }
}
