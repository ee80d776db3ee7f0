package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.ChatTickets;
import dev.pipelinetriage.app.TicketFiler;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.app.port.TicketRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The card's File ticket button, the same for every chat platform: propose -> authorize -> confirm -> act ->
 * audit through {@link ChatTickets}, like a rerun. After filing, the card is redrawn with the ticket.
 */
public final class TicketActions {
    private final ChatTickets tickets;
    private final dev.pipelinetriage.app.port.CardStore store;
    private final CardCodec codec;

    public TicketActions(ChatTickets tickets, dev.pipelinetriage.app.port.CardStore store, CardCodec codec) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public sealed interface Prompt {
    }

    /** The confirmation dialog; {@code token} is all it carries back. */
    public record Confirm(String token, String title, String body, String confirm, String cancel) implements Prompt {
    }

    /** Not allowed or not possible; tell the user only. */
    public record Refuse(ChatText text) implements Prompt {
    }

    /** Step 1: a user pressed File ticket. */
    public Prompt fileClicked(Actor actor, String channel, String cardId) {
        return switch (tickets.propose(actor, channel, cardId)) {
            case ChatTickets.Refused refused -> new Refuse(ChatText.of(refused.reason()));
            case ChatTickets.Confirm confirm -> {
                List<CardView.RecurrenceNote> notes = codec.decode(confirm.card().document()).recurrences();
                String seen = notes.isEmpty() ? "" : " " + notes.getFirst().words() + ".";
                yield new Confirm(confirm.pending().id(), "File a ticket?", "This files a ticket for the failure on "
                        + CardBuilder.title(confirm.card().run()) + " now, before it reaches the automatic threshold."
                        + seen + " The request is recorded in the audit log under your name.",
                        CardButtons.Button.FILE_TICKET.label(), CardButtons.CANCEL);
            }
        };
    }

    /** Step 2: the user confirmed. Calls the tracker (seconds): run it on a worker. */
    public void fileConfirmed(Actor actor, Place where, String token, ChatSurface surface) {
        StoredCard[] card = new StoredCard[1];
        List<TicketFiler.Filing> filings = tickets.confirm(actor, where.channel(), token, stored -> {
            card[0] = stored;
            return codec.decode(stored.document()).recurrences().stream().map(CardView.RecurrenceNote::signatureKey)
                    .distinct().toList();
        });
        Map<String, TicketRef> filed = new HashMap<>();
        ChatText.Builder answer = ChatText.builder();
        for (TicketFiler.Filing filing : filings) {
            switch (filing) {
                case TicketFiler.Filed f -> {
                    filed.put(f.signatureKey(), f.ticket());
                    answer.text("Filed ").link(f.ticket().url(), f.ticket().key()).text(". ");
                }
                case TicketFiler.AlreadyFiled a -> {
                    filed.put(a.signatureKey(), a.ticket());
                    answer.text("Already filed as ").link(a.ticket().url(), a.ticket().key()).text("; nothing new was filed. ");
                }
                case TicketFiler.Pending p -> answer.text("The ticket is pending: " + p.reason() + ". The bot retries "
                        + "on its own and never files it twice. ");
                case TicketFiler.NotFiled n -> answer.text(n.reason() + " ");
            }
        }
        if (card[0] != null && !filed.isEmpty()) {
            CardView view = codec.decode(card[0].document());
            Map<String, CardView.RecurrenceNote> notes = new HashMap<>();
            for (CardView.RecurrenceNote note : view.recurrences()) {
                TicketRef ticket = filed.get(note.signatureKey());
                if (ticket != null) {
                    notes.put(note.signatureKey(), new CardView.RecurrenceNote(note.signatureKey(), note.count(),
                            note.windowDays(), ticket.key(), ticket.url(), false));
                }
            }
            CardView updated = view.withRecurrences(notes);
            store.saveCard(card[0].withDocument(codec.encode(updated)));
            surface.showCard(new Place(where.platform(), where.workspace(), card[0].message().channel(), null),
                    card[0].message().message(), updated);
        }
        surface.tell(where, actor.user(), answer.build());
    }
}
