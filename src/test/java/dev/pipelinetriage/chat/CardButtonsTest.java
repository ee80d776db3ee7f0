package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which buttons a card offers, worded once for Slack and Teams (each renderer's test checks it shows these). */
class CardButtonsTest {

    private static java.util.List<String> labels(CardView card) {
        return CardButtons.on(card).stream().map(CardButtons.Button::label).toList();
    }

    @Test
    void aTriagedCardOffersRerunAndTheTwoFeedbackButtons() {
        assertThat(labels(CardVariants.triaged())).containsExactly("Rerun failed jobs", "Not right", "Helpful");
    }

    @Test
    void aRecurringFailureWithoutATicketAlsoOffersFileTicket() {
        assertThat(labels(CardVariants.recurringWithoutTicket()))
                .containsExactly("Rerun failed jobs", "File ticket", "Not right", "Helpful");
    }

    @Test
    void onceARerunWasRequestedTheCardNoLongerOffersAnother() {
        assertThat(labels(CardVariants.rerunRequested())).containsExactly("Not right", "Helpful");
    }

    @Test
    void aNoticeHasNoButtons() {
        assertThat(CardButtons.on(CardVariants.notice())).isEmpty();
    }
}
