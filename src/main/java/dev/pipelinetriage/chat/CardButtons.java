package dev.pipelinetriage.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * What a triage card offers, worded once for every chat platform: the buttons under the card, which of them show,
 * and the labels of the "Not right" form. Each adapter maps a {@link Button} to its own action id (a Slack
 * {@code action_id}, a Teams {@code verb}) with an exhaustive switch; those ids are not shared because cards
 * already posted carry them.
 */
public final class CardButtons {
    /** The link to the run, where a platform shows it as a button (Slack links the card's title instead). */
    public static final String OPEN_RUN = "Open the run";
    /** The "Not right" form's fields; a platform that marks optional fields itself adds nothing. */
    public static final String VERDICT_FIELD = "The right verdict";
    public static final String KNOWN_ERROR_FIELD = "The known error it was";
    public static final String NOTE_FIELD = "What it really was";
    public static final String SEND = "Send";
    public static final String CANCEL = "Cancel";

    private CardButtons() {
    }

    /** A button under the card. */
    public enum Button {
        RERUN("Rerun failed jobs"),
        FILE_TICKET("File ticket"),
        PROPOSE_ENTRY("Propose knowledge-base entry"),
        NOT_RIGHT("Not right"),
        HELPFUL("Helpful");

        private final String label;

        Button(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The card's buttons, in order: Rerun until a rerun has been requested from the card, File ticket while a
     * recurrence has no ticket (and none is being filed), Propose knowledge-base entry where a failure has no known
     * error and proposals are set up, then the two feedback buttons; none on a card that only
     * notifies (an outage banner, a log that could not be read).
     */
    public static List<Button> on(CardView card) {
        List<Button> buttons = new ArrayList<>(5);
        if (!card.hasActions()) {
            return buttons;
        }
        if (card.rerunNote().isEmpty()) {
            buttons.add(Button.RERUN);
        }
        if (card.canFileTicket()) {
            buttons.add(Button.FILE_TICKET);
        }
        if (card.canProposeEntry()) {
            buttons.add(Button.PROPOSE_ENTRY);
        }
        buttons.add(Button.NOT_RIGHT);
        buttons.add(Button.HELPFUL);
        return List.copyOf(buttons);
    }
}
