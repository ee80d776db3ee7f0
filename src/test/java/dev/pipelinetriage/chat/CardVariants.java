package dev.pipelinetriage.chat;

import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Triage cards in each state that changes the buttons under them, for every platform's renderer test. */
public final class CardVariants {
    private CardVariants() {
    }

    public static CardView triaged() {
        return new CardView("card-1", "octo-org/octo-repo · run 30433642, attempt 1",
                "https://github.com/octo-org/octo-repo/actions/runs/30433642", null,
                List.of(new CardView.Triaged("test", Verdict.PLATFORM, "Platform: the CI infrastructure failed, not the code",
                        "high confidence (85%)", "matched a known error", "Run mvn verify", null, null,
                        List.of(new RedactedLine(7, "Could not transfer artifact")), false, List.of())),
                0, Verdict.PLATFORM, null);
    }

    /** Recurring without a ticket: File ticket is offered. */
    public static CardView recurringWithoutTicket() {
        CardView plain = triaged();
        return new CardView(plain.cardId(), plain.title(), plain.runUrl(), null,
                List.of(((CardView.Triaged) plain.jobs().getFirst()).withRecurrence(
                        new CardView.RecurrenceNote("ke-dns", 2, 7, null, null, false))), 0, Verdict.PLATFORM, null);
    }

    /** A rerun was already requested from the card. */
    public static CardView rerunRequested() {
        return triaged().withRerun(new CardView.RerunNote("U0ONCALL",
                "https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/2", Instant.parse("2026-11-26T10:00:00Z")));
    }

    /** An outage banner: a notice only, nothing to press. */
    public static CardView notice() {
        return new CardView(null, "Possible platform outage", null, new CardView.Notice(
                "3 jobs hit 'Container registry unavailable' since 10:02 UTC", "Rerunning will not help."), List.of(), 0,
                null, null);
    }

    /** Each variant by name. */
    public static Map<String, CardView> all() {
        return Map.of("triaged", triaged(), "recurring without a ticket", recurringWithoutTicket(),
                "rerun requested", rerunRequested(), "notice", notice());
    }
}
