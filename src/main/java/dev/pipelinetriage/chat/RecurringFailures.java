package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.AutomaticTickets;
import dev.pipelinetriage.app.port.TopSignature;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Chat commands about recurrence, the same on every platform: {@code top} lists this week's most frequent
 * failures with their tickets. Adapters pass the command's text ({@code /triage top} in Slack) and show the answer.
 */
public final class RecurringFailures implements ChatCommands {
    static final int TOP = 10;

    private final AutomaticTickets tickets;

    public RecurringFailures(AutomaticTickets tickets) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
    }

    @Override
    public Optional<ChatText> answer(String text) {
        if (!text.strip().toLowerCase(Locale.ROOT).equals("top")) {
            return Optional.empty();
        }
        return Optional.of(top(tickets.top(TOP)));
    }

    static ChatText top(List<TopSignature> top) {
        if (top.isEmpty()) {
            return ChatText.of("No recurring failures this week: nothing was triaged in the last 7 days.");
        }
        ChatText.Builder text = ChatText.builder().text("Top recurring failures in the last 7 days:\n");
        int rank = 1;
        for (TopSignature t : top) {
            text.text(rank++ + ". " + t.signature().summary() + " (" + t.signature().verdict().wireName() + "): "
                    + (t.count() == 1 ? "once" : t.count() + " times") + " in " + t.repositories()
                    + (t.repositories() == 1 ? " repository" : " repositories"));
            if (t.ticket() != null && t.ticket().filed().isPresent()) {
                text.text(" -- ticket ").link(t.ticket().ticket().url(), t.ticket().ticket().key());
            } else if (t.ticket() != null) {
                text.text(" -- ticket pending");
            }
            text.text("\n");
        }
        return text.build();
    }
}
