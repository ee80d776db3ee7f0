package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.TicketParts;
import dev.pipelinetriage.app.TicketPolicy;
import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.ChatRef;
import dev.pipelinetriage.app.port.FakeTicketTracker;
import dev.pipelinetriage.app.port.InMemoryAuditLog;
import dev.pipelinetriage.app.port.InMemoryStateStore;
import dev.pipelinetriage.app.port.MutableClock;
import dev.pipelinetriage.app.port.Occurrence;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecurrenceInChatTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Signature DNS = new Signature("ke-dns-resolution-failure", "DNS lookup failed", Verdict.PLATFORM);
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeTicketTracker tracker = new FakeTicketTracker();
    private final CardCodec codec = new CardCodec(new Redactor());
    private final TicketParts tickets = TicketParts.over(store, tracker, (actor, action) -> actor.user().equals("U_ONCALL")
            ? new Authorizer.Allowed("listed") : new Authorizer.Denied("Only on-call engineers may " + action + " jobs."),
            new InMemoryAuditLog(), TicketPolicy.defaults(), new MutableClock(NOW), () -> UUID.randomUUID().toString());
    private final TicketActions actions = new TicketActions(tickets.chat(), store, codec);
    private final RecordingSurface surface = new RecordingSurface();
    private final Actor oncall = new Actor("slack", "T1", "U_ONCALL", false);

    private static CardView card(CardView.RecurrenceNote note) {
        return new CardView("card-1", "o/a · run 42, attempt 1", "https://github.com/o/a/actions/runs/42", null,
                List.of(new CardView.Triaged("build", Verdict.PLATFORM, "Platform", "high confidence (90%)", "because",
                        null, "DNS lookup failed", null, List.of(new RedactedLine(3, "ERROR: lookup failed")), false,
                        List.of("Rerun."), note, null)), 0, Verdict.PLATFORM, null);
    }

    private void saveCard(CardView view) {
        store.saveCard(new StoredCard("card-1", new ChatRef("slack", "T1", "C1", "1700000000.000200"),
                new RunRef("github", CiKind.GITHUB, "o/a", "42", 1), Verdict.PLATFORM, List.of("build"), codec.encode(view), NOW));
    }

    @Test
    void theCardSaysHowOftenAFailureWasSeenAndItsTicket() {
        assertThat(new CardView.RecurrenceNote(DNS.key(), 3, 7, "OPS-123", "https://j/browse/OPS-123", false).words())
                .isEqualTo("Seen 3 times in 7 days -- ticket OPS-123");
        assertThat(new CardView.RecurrenceNote(DNS.key(), 1, 7, null, null, true).words())
                .isEqualTo("Seen once in 7 days -- ticket pending");
        assertThat(new CardView.RecurrenceNote(DNS.key(), 2, 7, null, null, false).words()).isEqualTo("Seen 2 times in 7 days");
    }

    @Test
    void aRecurrenceNoteSurvivesTheStoredCardAndDecidesTheFileTicketButton() {
        CardView without = card(new CardView.RecurrenceNote(DNS.key(), 2, 7, null, null, false));
        CardView with = card(new CardView.RecurrenceNote(DNS.key(), 4, 7, "OPS-1", "https://j/browse/OPS-1", false));

        assertThat(codec.decode(codec.encode(with))).isEqualTo(with);
        assertThat(without.canFileTicket()).isTrue();
        assertThat(with.canFileTicket()).isFalse();
        assertThat(card(null).canFileTicket()).isFalse();
    }

    @Test
    void fileTicketConfirmsFilesAndRedrawsTheCardWithTheTicket() {
        store.recordOccurrence(new Occurrence(DNS, "github:o/a:7:1", "o/a", "build", NOW, "https://github.com/o/a/actions/runs/42",
                "dns-resolution-failure", "runbooks/dns.md", List.of("ERROR: lookup failed")));
        saveCard(card(new CardView.RecurrenceNote(DNS.key(), 1, 7, null, null, false)));

        TicketActions.Prompt prompt = actions.fileClicked(oncall, "C1", "card-1");
        assertThat(prompt).isInstanceOfSatisfying(TicketActions.Confirm.class, c -> assertThat(c.body())
                .contains("files a ticket for the failure on o/a · run 42, attempt 1").contains("Seen once in 7 days"));

        actions.fileConfirmed(oncall, new Place("slack", "T1", "C1", null), ((TicketActions.Confirm) prompt).token(), surface);

        assertThat(tracker.tickets()).hasSize(1);
        assertThat(surface.cards).singleElement().satisfies(shown -> {
            assertThat(shown.replacing()).isEqualTo("1700000000.000200");
            assertThat(shown.card().recurrences()).extracting(CardView.RecurrenceNote::words)
                    .containsExactly("Seen once in 7 days -- ticket OPS-1");
            assertThat(shown.card().canFileTicket()).isFalse();
        });
        assertThat(surface.told).singleElement().satisfies(t -> assertThat(t.text()).startsWith("Filed OPS-1"));
        assertThat(codec.decode(store.card("card-1").orElseThrow().document()).recurrences().getFirst().ticketKey())
                .isEqualTo("OPS-1");
    }

    @Test
    void fileTicketIsRefusedToSomeoneNotOnCall() {
        saveCard(card(new CardView.RecurrenceNote(DNS.key(), 1, 7, null, null, false)));

        assertThat(actions.fileClicked(new Actor("slack", "T1", "U_DEV", false), "C1", "card-1"))
                .isEqualTo(new TicketActions.Refuse(ChatText.of("Only on-call engineers may file tickets for jobs.")));
        assertThat(tracker.createCalls()).isZero();
    }

    @Test
    void topListsThisWeeksMostFrequentFailuresWithTheirTickets() {
        for (int i = 0; i < 3; i++) {
            tickets.automatic().triaged(new Occurrence(DNS, "github:o/a:" + i + ":1", i == 0 ? "o/b" : "o/a", "build", NOW, null, null,
                    null, List.of("x")));
        }
        tickets.automatic().triaged(new Occurrence(new Signature("fp-0123456789abcdef", "error: _path_ not found", Verdict.CODE),
                "github:o/a:9:1", "o/a", "build", NOW, null, null, null, List.of("x")));

        String top = new RecurringFailures(tickets.automatic()).answer(" TOP ").orElseThrow().plain();

        assertThat(top).isEqualTo("""
                Top recurring failures in the last 7 days:
                1. DNS lookup failed (platform): 3 times in 2 repositories -- ticket OPS-1
                2. error: _path_ not found (code): once in 1 repository
                """);
        assertThat(new RecurringFailures(tickets.automatic()).answer("https://github.com/o/a/actions/runs/1")).isEmpty();
    }
}
