package dev.pipelinetriage.adapter.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.chat.CardActions;
import dev.pipelinetriage.chat.CardButtons;
import dev.pipelinetriage.chat.CardView;
import dev.pipelinetriage.chat.TicketActions;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.Verdict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The triage card as an Adaptive Card (1.4, for {@code Action.Execute}). Every text that did not come from the bot
 * itself is a {@code TextRun} (never read as markdown) and defanged; the excerpt is monospace, one run per line
 * with its original line number. Buttons are {@code Action.Execute} invokes ({@code adaptiveCard/action}) whose
 * data carries only the card id (and a confirmation token): nothing in it is trusted beyond naming what to act on.
 */
final class AdaptiveCards {
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String RERUN = "rerun";
    static final String CONFIRM_RERUN = "rerunConfirm";
    static final String RESTORE = "restore";
    static final String FILE_TICKET = "fileTicket";
    static final String PROPOSE_ENTRY = "proposeEntry";
    static final String CONFIRM_TICKET = "fileTicketConfirm";
    static final String HELPFUL = "helpful";
    static final String NOT_RIGHT = "notRight";
    static final String NOT_RIGHT_SUBMIT = "notRightSubmit";
    static final String VERDICT_INPUT = "verdict";
    static final String KNOWN_ERROR_INPUT = "knownError";
    static final String NOTE_INPUT = "note";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final People people;

    AdaptiveCards(People people) {
        this.people = people;
    }

    /** The card as everyone sees it. */
    ObjectNode render(CardView card) {
        ObjectNode root = JSON.objectNode();
        root.put("type", "AdaptiveCard");
        root.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        root.put("version", "1.4");
        root.putObject("msteams").put("width", "Full");
        ArrayNode body = root.putArray("body");
        body.add(runs("Large", true, card.title()));
        if (card.problem() != null) {
            body.add(runs(null, true, card.problem().headline()));
            body.add(runs(null, false, card.problem().detail()));
        }
        for (CardView.JobCard job : card.jobs()) {
            switch (job) {
                case CardView.Triaged t -> triaged(body, t);
                case CardView.Unavailable u -> {
                    body.add(separated(runs("Medium", true, "Job: " + u.job())));
                    body.add(runs(null, true, u.notice().headline()));
                    body.add(runs(null, false, u.notice().detail()));
                }
            }
        }
        if (card.moreJobs() > 0) {
            body.add(runs(null, false, card.moreJobs() + " more failed job(s) are not shown; open the run for all of them."));
        }
        for (CardView.RecurrenceNote note : card.recurrences()) {
            recurrence(body, note);
        }
        card.rerunNote().ifPresent(note -> rerunNote(root, body, note));
        card.passedNote().ifPresent(note -> {
            body.add(separated(runs(null, true, note.words())));
            body.addObject().put("type", "ActionSet").putArray("actions").add(openUrl("Open the attempt that passed",
                    note.link()));
        });
        ArrayNode actions = root.putArray("actions");
        if (card.runUrl() != null) {
            actions.add(openUrl(CardButtons.OPEN_RUN, card.runUrl()));
        }
        for (CardButtons.Button button : CardButtons.on(card)) {
            actions.add(execute(button.label(), verb(button), card.cardId()));
        }
        return root;
    }

    /** The {@code verb} Teams sends back in the {@code adaptiveCard/action} invoke when the button is pressed. */
    static String verb(CardButtons.Button button) {
        return switch (button) {
            case RERUN -> RERUN;
            case FILE_TICKET -> FILE_TICKET;
            case PROPOSE_ENTRY -> PROPOSE_ENTRY;
            case NOT_RIGHT -> NOT_RIGHT;
            case HELPFUL -> HELPFUL;
        };
    }

    /** The card with the rerun confirmation under it; only the proposer's token is accepted on Rerun. */
    ObjectNode withConfirmation(CardView card, CardActions.ConfirmRerun confirm) {
        return withConfirmation(card, new Confirmation(confirm.title(), confirm.body(), confirm.warning(),
                confirm.confirm(), CONFIRM_RERUN, "destructive", confirm.token(), confirm.cancel()));
    }

    /** The card with the File ticket confirmation under it; only the proposer's token is accepted. */
    ObjectNode withTicketConfirmation(CardView card, TicketActions.Confirm confirm) {
        return withConfirmation(card, new Confirmation(confirm.title(), confirm.body(), null, confirm.confirm(),
                CONFIRM_TICKET, "positive", confirm.token(), confirm.cancel()));
    }

    /**
     * What a confirmation box shows, whichever action it guards.
     *
     * @param warning shown in the attention colour, or null
     * @param style the confirm button's style: a rerun is destructive (it may cost CI time), a ticket positive
     */
    private record Confirmation(String title, String body, String warning, String confirm, String verb, String style,
            String token, String cancel) {
    }

    private ObjectNode withConfirmation(CardView card, Confirmation confirm) {
        ObjectNode root = render(card);
        ArrayNode body = (ArrayNode) root.get("body");
        ObjectNode box = JSON.objectNode().put("type", "Container").put("style", "attention").put("separator", true);
        ArrayNode items = box.putArray("items");
        items.add(runs("Medium", true, confirm.title()));
        items.add(runs(null, false, confirm.body()));
        if (confirm.warning() != null) {
            ObjectNode warning = runs(null, true, confirm.warning());
            ((ObjectNode) warning.get("inlines").get(0)).put("color", "Attention");
            items.add(warning);
        }
        ObjectNode buttons = JSON.objectNode().put("type", "ActionSet");
        ObjectNode yes = execute(confirm.confirm(), confirm.verb(), card.cardId());
        ((ObjectNode) yes.get("data")).put("token", confirm.token());
        yes.put("style", confirm.style());
        buttons.putArray("actions").add(yes).add(execute(confirm.cancel(), RESTORE, card.cardId()));
        items.add(buttons);
        body.add(box);
        return root;
    }

    /** The card with the "Not right" form under it. */
    ObjectNode withFeedbackForm(CardView card, CardActions.FeedbackForm form) {
        ObjectNode root = render(card);
        ArrayNode body = (ArrayNode) root.get("body");
        ObjectNode box = JSON.objectNode().put("type", "Container").put("style", "emphasis").put("separator", true);
        ArrayNode items = box.putArray("items");
        items.add(runs("Medium", true, form.title()));
        ObjectNode verdict = items.addObject().put("type", "Input.ChoiceSet").put("id", VERDICT_INPUT)
                .put("label", CardButtons.VERDICT_FIELD).put("isRequired", true).put("errorMessage", "Pick the right verdict.");
        ArrayNode choices = verdict.putArray("choices");
        for (Verdict v : form.verdicts()) {
            choices.addObject().put("title", v.wireName()).put("value", v.wireName());
        }
        ObjectNode known = items.addObject().put("type", "Input.ChoiceSet").put("id", KNOWN_ERROR_INPUT)
                // "compact" (a drop-down), not "filtered": filtering came with schema 1.5 and this card declares 1.4,
                // which Teams clients may render as an error or without the input.
                .put("label", CardButtons.KNOWN_ERROR_FIELD + " (optional)").put("style", "compact");
        ArrayNode options = known.putArray("choices");
        for (CardActions.Option option : form.knownErrors()) {
            options.addObject().put("title", option.label()).put("value", option.value());
        }
        items.addObject().put("type", "Input.Text").put("id", NOTE_INPUT).put("label", CardButtons.NOTE_FIELD + " (optional)")
                .put("isMultiline", true).put("maxLength", 1000);
        ObjectNode buttons = JSON.objectNode().put("type", "ActionSet");
        buttons.putArray("actions").add(execute(CardButtons.SEND, NOT_RIGHT_SUBMIT, card.cardId()))
                .add(execute(CardButtons.CANCEL, RESTORE, card.cardId()));
        items.add(buttons);
        body.add(box);
        return root;
    }

    /** The card with a short note for the person who pressed a button (e.g. thanks for feedback). */
    ObjectNode withNote(CardView card, String note) {
        ObjectNode root = render(card);
        ((ArrayNode) root.get("body")).add(separated(runs(null, false, note)));
        return root;
    }

    private void triaged(ArrayNode body, CardView.Triaged t) {
        body.add(separated(runs("Medium", true, "Job: " + t.job())));
        body.add(labelled("Verdict", t.verdictWords() + " -- " + t.confidenceWords()));
        body.add(labelled("Why", t.reason()));
        if (t.failedStep() != null) {
            body.add(labelled("Failed step", t.failedStep()));
        }
        if (t.knownError() != null) {
            body.add(labelled("Known error", t.knownError()));
            if (t.runbookUrl() != null) {
                ObjectNode set = body.addObject().put("type", "ActionSet");
                set.putArray("actions").add(openUrl("Runbook: " + shorten(t.knownError(), 40), t.runbookUrl()));
            }
        }
        if (!t.excerpt().isEmpty()) {
            CardView.GreenRunNote green = t.comparedWith().orElse(null);
            if (green != null) {
                body.add(runs(null, false, green.words() + "."));
                ObjectNode set = body.addObject().put("type", "ActionSet");
                set.putArray("actions").add(openUrl("Open the " + CardView.GreenRunNote.LINK_TEXT, green.url()));
            }
            ObjectNode box = body.addObject().put("type", "Container").put("style", "emphasis");
            ObjectNode rich = box.putArray("items").addObject().put("type", "RichTextBlock");
            ArrayNode inlines = rich.putArray("inlines");
            int width = String.valueOf(t.excerpt().getLast().number()).length();
            for (int i = 0; i < t.excerpt().size(); i++) {
                RedactedLine line = t.excerpt().get(i);
                String mark = green == null ? "" : green.isNew(line) ? CardView.NEW_LINE_MARK + " " : "  ";
                String number = mark + String.format(Locale.ROOT, "%" + width + "d  ", line.number());
                inlines.add(run(number + TeamsText.defang(line.text()) + (i + 1 < t.excerpt().size() ? "\n" : ""))
                        .put("fontType", "Monospace").put("size", "Small"));
            }
            if (t.truncated()) {
                body.add(runs(null, false, "The log was cut before analysis; the cause may be in the missing part."));
            }
        }
        if (!t.nextSteps().isEmpty()) {
            body.add(runs(null, true, "Next steps"));
            for (String step : t.nextSteps()) {
                body.add(runs(null, false, "• " + step));
            }
        }
    }

    /** "Seen N times in 7 days -- ticket KEY", and the ticket as a button, as the runbook is. */
    private static void recurrence(ArrayNode body, CardView.RecurrenceNote note) {
        body.add(separated(runs(null, false, note.words())));
        if (note.ticketKey() != null && note.ticketUrl() != null) {
            ObjectNode set = body.addObject().put("type", "ActionSet");
            set.putArray("actions").add(openUrl("Ticket " + note.ticketKey(), note.ticketUrl()));
        }
    }

    private void rerunNote(ObjectNode root, ArrayNode body, CardView.RerunNote note) {
        var person = people.find(note.user());
        String who;
        if (person.isPresent()) {
            String name = TeamsText.name(person.get().name());
            who = "<at>" + name + "</at>";
            ObjectNode msteams = (ObjectNode) root.get("msteams");
            ArrayNode entities = msteams.has("entities") ? (ArrayNode) msteams.get("entities") : msteams.putArray("entities");
            entities.add(TeamsText.mention(who, person.get().teamsId(), name));
        } else {
            who = "an on-call engineer";
        }
        // A TextBlock, because mentions only render there; its only variable parts are the cleaned name and a time.
        body.add(JSON.objectNode().put("type", "TextBlock").put("wrap", true).put("separator", true)
                .put("text", "Rerun requested by " + who + " at " + TIME.format(note.at()) + "."));
        ObjectNode set = body.addObject().put("type", "ActionSet");
        set.putArray("actions").add(openUrl("Open the new attempt", note.link()));
    }

    private static ObjectNode labelled(String label, String value) {
        ObjectNode block = JSON.objectNode().put("type", "RichTextBlock");
        block.putArray("inlines").add(run(label + ": ").put("weight", "Bolder")).add(run(TeamsText.defang(value)));
        return block;
    }

    /** One RichTextBlock with one run of untrusted, defanged text. */
    private static ObjectNode runs(String size, boolean bold, String text) {
        ObjectNode block = JSON.objectNode().put("type", "RichTextBlock");
        ObjectNode run = run(TeamsText.defang(text));
        if (size != null) {
            run.put("size", size);
        }
        if (bold) {
            run.put("weight", "Bolder");
        }
        block.putArray("inlines").add(run);
        return block;
    }

    private static ObjectNode run(String text) {
        return JSON.objectNode().put("type", "TextRun").put("text", text);
    }

    private static ObjectNode separated(ObjectNode element) {
        return element.put("separator", true).put("spacing", "Medium");
    }

    private static ObjectNode execute(String title, String verb, String cardId) {
        ObjectNode action = JSON.objectNode().put("type", "Action.Execute").put("title", title).put("verb", verb);
        action.putObject("data").put("cardId", cardId);
        return action;
    }

    private static ObjectNode openUrl(String title, String url) {
        return JSON.objectNode().put("type", "Action.OpenUrl").put("title", TeamsText.defang(title)).put("url", url);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
