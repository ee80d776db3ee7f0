package dev.pipelinetriage.adapter.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.pipelinetriage.chat.CardButtons;
import dev.pipelinetriage.chat.CardView;
import dev.pipelinetriage.domain.RedactedLine;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a {@link CardView} out in Block Kit. Every text from a log, a CI or a user is escaped; the excerpt is
 * a fenced code block of at most {@value #MAX_EXCERPT_LINES} lines and stays under a section's 3,000 characters.
 */
final class BlockKitCard {
    static final String RERUN = "rerun_failed_jobs";
    static final String NOT_RIGHT = "not_right";
    static final String HELPFUL = "helpful";
    static final String FILE_TICKET = "file_ticket";
    static final String PROPOSE_ENTRY = "propose_entry";
    static final int MAX_EXCERPT_LINES = 30;
    private static final int MAX_LINE = 300;
    private static final int MAX_SECTION = 2_900;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private BlockKitCard() {
    }

    /**
     * The notification and screen-reader text of the card: "Triage of" a run with its verdict; a card that is only a
     * notice (an outage banner, a log that expired) says its title and headline, e.g. "Possible platform outage: 37
     * jobs hit ...".
     */
    static String fallback(CardView card) {
        if (card.jobs().isEmpty() && card.problem() != null) {
            return SlackText.escape(card.title() + ": " + card.problem().headline());
        }
        String verdict = card.verdict() == null ? "" : ": " + card.verdict().wireName();
        return SlackText.escape("Triage of " + card.title() + verdict);
    }

    static List<LayoutBlock> render(CardView card) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + SlackText.link(card.runUrl(), card.title()) + "*"))));
        if (card.problem() != null) {
            blocks.add(section(s -> s.text(markdownText(notice(card.problem())))));
        }
        if (card.jobs().size() == 1) {
            single(card.jobs().getFirst(), blocks);
        } else if (!card.jobs().isEmpty()) {
            several(card, blocks);
        }
        for (CardView.RecurrenceNote r : card.recurrences()) {
            String words = SlackText.escape(r.words());
            String line = r.ticketKey() != null && r.ticketUrl() != null
                    ? words.replace("ticket " + SlackText.escape(r.ticketKey()), "ticket " + SlackText.link(r.ticketUrl(), r.ticketKey()))
                    : words;
            blocks.add(context(c -> c.elements(List.of(markdownText(":chart_with_upwards_trend: " + line)))));
        }
        card.rerunNote().ifPresent(note -> blocks.add(context(c -> c.elements(List.of(markdownText(
                ":repeat: Rerun requested by " + SlackText.mention(note.user()) + " at " + TIME.format(note.at()) + ": "
                        + SlackText.link(note.link(), "new attempt")))))));
        card.passedNote().ifPresent(note -> blocks.add(context(c -> c.elements(List.of(markdownText(
                ":white_check_mark: " + SlackText.escape(note.words()).replace(CardView.PassedNote.LINK_TEXT,
                        SlackText.link(note.link(), CardView.PassedNote.LINK_TEXT))))))));
        if (card.hasActions()) {
            blocks.add(actions(a -> a.blockId("card_actions").elements(buttons(card))));
        }
        return blocks;
    }

    private static List<BlockElement> buttons(CardView card) {
        List<BlockElement> buttons = new ArrayList<>();
        for (CardButtons.Button button : CardButtons.on(card)) {
            ButtonElement.ButtonElementBuilder element = ButtonElement.builder().actionId(actionId(button))
                    .value(card.cardId()).text(plainText(button.label()));
            if (button == CardButtons.Button.RERUN) {
                element.style("primary");
            }
            buttons.add(element.build());
        }
        return buttons;
    }

    /** The {@code action_id} Slack sends back when the button is pressed. */
    static String actionId(CardButtons.Button button) {
        return switch (button) {
            case RERUN -> RERUN;
            case FILE_TICKET -> FILE_TICKET;
            case PROPOSE_ENTRY -> PROPOSE_ENTRY;
            case NOT_RIGHT -> NOT_RIGHT;
            case HELPFUL -> HELPFUL;
        };
    }

    private static void single(CardView.JobCard job, List<LayoutBlock> blocks) {
        switch (job) {
            case CardView.Unavailable u -> blocks.add(section(s -> s.text(markdownText(
                    "*Job:* " + SlackText.escape(u.job()) + "\n" + notice(u.notice())))));
            case CardView.Triaged t -> {
                StringBuilder sb = new StringBuilder();
                sb.append("*Verdict:* ").append(SlackText.escape(t.verdictWords())).append(" (")
                        .append(SlackText.escape(t.confidenceWords())).append(")\n");
                sb.append("*Job:* ").append(SlackText.escape(t.job()));
                if (t.failedStep() != null) {
                    sb.append("   *Failed step:* ").append(SlackText.escape(t.failedStep()));
                }
                sb.append('\n');
                if (t.knownError() != null) {
                    sb.append("*Known error:* ").append(SlackText.link(t.runbookUrl(), t.knownError())).append('\n');
                }
                sb.append("*Why:* ").append(SlackText.escape(t.reason()));
                blocks.add(section(s -> s.text(markdownText(cap(sb.toString())))));
                excerpt(t, false, blocks);
                nextSteps(t, blocks);
            }
        }
    }

    private static void several(CardView card, List<LayoutBlock> blocks) {
        StringBuilder sb = new StringBuilder("*" + (card.jobs().size() + card.moreJobs()) + " failed jobs*\n");
        CardView.Triaged first = null;
        for (CardView.JobCard job : card.jobs()) {
            switch (job) {
                case CardView.Triaged t -> {
                    first = first == null ? t : first;
                    sb.append("• *").append(SlackText.escape(t.job())).append("*: ").append(SlackText.escape(t.verdictWords()))
                            .append(" (").append(SlackText.escape(t.confidenceWords())).append(')');
                    if (t.failedStep() != null) {
                        sb.append(", step ").append(SlackText.escape(t.failedStep()));
                    }
                    if (t.knownError() != null) {
                        sb.append(", ").append(SlackText.link(t.runbookUrl(), t.knownError()));
                    }
                    sb.append('\n');
                }
                case CardView.Unavailable u -> sb.append("• *").append(SlackText.escape(u.job())).append("*: :warning: ")
                        .append(SlackText.escape(u.notice().headline())).append(". ")
                        .append(SlackText.escape(u.notice().detail())).append('\n');
            }
        }
        if (card.moreJobs() > 0) {
            sb.append("...and ").append(card.moreJobs()).append(" more failed jobs; open the run to see them.");
        }
        blocks.add(section(s -> s.text(markdownText(cap(sb.toString())))));
        if (first != null) {
            excerpt(first, true, blocks);
            nextSteps(first, blocks);
        }
    }

    private static void excerpt(CardView.Triaged t, boolean named, List<LayoutBlock> blocks) {
        if (t.excerpt().isEmpty()) {
            return;
        }
        String heading = named ? "*Excerpt from " + SlackText.escape(t.job()) + "*" : "*Excerpt*";
        if (t.truncated()) {
            heading += " (the log was cut before analysis)";
        }
        CardView.GreenRunNote green = t.comparedWith().orElse(null);
        if (green != null) {
            heading += "\n" + SlackText.escape(green.words()).replace(CardView.GreenRunNote.LINK_TEXT,
                    SlackText.link(green.url(), CardView.GreenRunNote.LINK_TEXT));
        }
        String head = heading;
        blocks.add(section(s -> s.text(markdownText(head + "\n" + SlackText.codeBlock(lines(t.excerpt(), green))))));
    }

    static String lines(List<RedactedLine> excerpt) {
        return lines(excerpt, null);
    }

    /**
     * Line numbers, a gap marker where lines were skipped, and never more than a section holds; with a green run,
     * a column that marks the lines new since it.
     */
    static String lines(List<RedactedLine> excerpt, CardView.GreenRunNote green) {
        int width = excerpt.stream().mapToInt(l -> Integer.toString(l.number()).length()).max().orElse(1);
        String unmarked = green == null ? "" : " ".repeat(CardView.NEW_LINE_MARK.length() + 1);
        StringBuilder sb = new StringBuilder();
        int previous = -1;
        int shown = 0;
        for (RedactedLine line : excerpt) {
            if (shown == MAX_EXCERPT_LINES) {
                break;
            }
            String text = line.text().length() > MAX_LINE ? line.text().substring(0, MAX_LINE) + "..." : line.text();
            String mark = green != null && green.isNew(line) ? CardView.NEW_LINE_MARK + " " : unmarked;
            String row = (previous > 0 && line.number() > previous + 1 ? unmarked + " ".repeat(width) + "  ...\n" : "")
                    + mark + String.format("%" + width + "d  %s", line.number(), SlackText.escape(text));
            // Room is kept for the fence and the zero-width spaces after backticks.
            if (sb.length() + row.length() + 2 * count(row, '`') > MAX_SECTION - 200) {
                sb.append(sb.isEmpty() ? "" : "\n").append("... (more lines on the run page)");
                break;
            }
            sb.append(sb.isEmpty() ? "" : "\n").append(row);
            previous = line.number();
            shown++;
        }
        return sb.toString();
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }

    private static void nextSteps(CardView.Triaged t, List<LayoutBlock> blocks) {
        if (t.nextSteps().isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("*Next steps*");
        for (String step : t.nextSteps()) {
            sb.append("\n• ").append(SlackText.escape(step));
        }
        blocks.add(section(s -> s.text(markdownText(cap(sb.toString())))));
        blocks.add(divider());
    }

    private static String notice(CardView.Notice notice) {
        return ":warning: *" + SlackText.escape(notice.headline()) + "*\n" + SlackText.escape(notice.detail());
    }

    private static String cap(String mrkdwn) {
        return mrkdwn.length() <= MAX_SECTION ? mrkdwn : mrkdwn.substring(0, MAX_SECTION) + "...";
    }
}
