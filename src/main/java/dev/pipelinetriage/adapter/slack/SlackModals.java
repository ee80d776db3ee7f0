package dev.pipelinetriage.adapter.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.pipelinetriage.chat.CardActions;
import dev.pipelinetriage.chat.CardButtons;
import dev.pipelinetriage.chat.TicketActions;
import dev.pipelinetriage.domain.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two modals: the rerun confirmation and the "Not right" form. {@code private_metadata} carries the
 * confirmation token (or card id) and the channel to answer in, nothing the decision depends on.
 */
final class SlackModals {
    static final String CONFIRM_RERUN = "rerun_confirm";
    static final String NOT_RIGHT = "not_right_feedback";
    static final String CONFIRM_TICKET = "ticket_confirm";
    static final String VERDICT = "verdict";
    static final String KNOWN_ERROR = "known_error";
    static final String NOTE = "note";
    /** Slack's limit on a static select's options. */
    private static final int MAX_OPTIONS = 100;

    private SlackModals() {
    }

    static View confirmRerun(CardActions.ConfirmRerun confirm, String channel) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackText.escape(confirm.body())))));
        if (confirm.warning() != null) {
            blocks.add(section(s -> s.text(markdownText(":warning: *" + SlackText.escape(confirm.warning()) + "*"))));
        }
        return View.builder().type("modal").callbackId(CONFIRM_RERUN).privateMetadata(confirm.token() + " " + channel)
                .title(ViewTitle.builder().type("plain_text").text(confirm.title()).build())
                .submit(ViewSubmit.builder().type("plain_text").text(confirm.confirm()).build())
                .close(ViewClose.builder().type("plain_text").text(confirm.cancel()).build())
                .blocks(blocks).build();
    }

    static View confirmTicket(TicketActions.Confirm confirm, String channel) {
        return View.builder().type("modal").callbackId(CONFIRM_TICKET).privateMetadata(confirm.token() + " " + channel)
                .title(ViewTitle.builder().type("plain_text").text(confirm.title()).build())
                .submit(ViewSubmit.builder().type("plain_text").text(confirm.confirm()).build())
                .close(ViewClose.builder().type("plain_text").text(confirm.cancel()).build())
                .blocks(List.of(section(s -> s.text(markdownText(SlackText.escape(confirm.body())))))).build();
    }

    static View notRight(CardActions.FeedbackForm form, String channel) {
        List<OptionObject> verdicts = form.verdicts().stream()
                .map(v -> option(v.wireName(), v.wireName())).toList();
        List<OptionObject> known = form.knownErrors().stream().limit(MAX_OPTIONS)
                .map(k -> option(k.value(), k.label())).toList();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(input(i -> i.blockId(VERDICT).label(plainText(CardButtons.VERDICT_FIELD)).element(StaticSelectElement.builder()
                .actionId(VERDICT).options(verdicts).placeholder(plainText("code, platform, flaky or unknown")).build())));
        if (!known.isEmpty()) {
            blocks.add(input(i -> i.blockId(KNOWN_ERROR).optional(true).label(plainText(CardButtons.KNOWN_ERROR_FIELD))
                    .element(StaticSelectElement.builder().actionId(KNOWN_ERROR).options(known)
                            .placeholder(plainText("Pick one if it is in the knowledge base")).build())));
        }
        blocks.add(input(i -> i.blockId(NOTE).optional(true).label(plainText(CardButtons.NOTE_FIELD))
                .element(PlainTextInputElement.builder().actionId(NOTE).multiline(true).maxLength(1000).build())));
        return View.builder().type("modal").callbackId(NOT_RIGHT).privateMetadata(form.cardId() + " " + channel)
                .title(ViewTitle.builder().type("plain_text").text(form.title()).build())
                .submit(ViewSubmit.builder().type("plain_text").text(CardButtons.SEND).build())
                .close(ViewClose.builder().type("plain_text").text(CardButtons.CANCEL).build())
                .blocks(blocks).build();
    }

    /** Option text is plain_text and limited to 75 characters by Slack. */
    private static OptionObject option(String value, String label) {
        String text = label.length() <= 75 ? label : label.substring(0, 72) + "...";
        return OptionObject.builder().value(value).text(plainText(text)).build();
    }

    /** The selected option or typed value of one input in a submitted view. */
    static Optional<String> value(ViewState state, String block) {
        if (state == null || state.getValues() == null) {
            return Optional.empty();
        }
        Map<String, ViewState.Value> actions = state.getValues().get(block);
        if (actions == null) {
            return Optional.empty();
        }
        ViewState.Value v = actions.get(block);
        if (v == null) {
            return Optional.empty();
        }
        if (v.getSelectedOption() != null) {
            return Optional.ofNullable(v.getSelectedOption().getValue());
        }
        return Optional.ofNullable(v.getValue()).filter(s -> !s.isBlank());
    }

    static Optional<Verdict> verdict(ViewState state) {
        return value(state, VERDICT).flatMap(v -> {
            try {
                return Optional.of(Verdict.fromWireName(v));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
