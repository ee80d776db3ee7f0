package dev.pipelinetriage.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelinetriage.app.LinkTriage;
import dev.pipelinetriage.app.port.ChatRef;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.redact.Redactor;
import java.time.Instant;
import java.util.List;

/**
 * Stores a {@link CardView} as JSON text, so a button pressed later (on any replica) can redraw the same card.
 * Wire records are separate from the view model: the view may change, stored cards must still load.
 */
public final class CardCodec {
    /** Stored lines come back through the redactor: unchanged, or with what rules added since hidden too. */
    private final Redactor redactor;
    private final ObjectMapper json = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public CardCodec(Redactor redactor) {
        this.redactor = java.util.Objects.requireNonNull(redactor, "redactor");
    }

    record CardJson(int v, String cardId, String title, String runUrl, NoticeJson problem, List<JobJson> jobs,
            int moreJobs, String verdict, RerunJson rerun, PassedJson passedOnRerun, Boolean proposals) {
    }

    /** Absent on cards whose run has not passed on rerun (and on cards stored before there were any). */
    record PassedJson(String link, String at) {
    }

    record NoticeJson(String headline, String detail) {
    }

    record RerunJson(String user, String link, String at) {
    }

    record LineJson(int n, String text) {
    }

    record RecurrenceJson(String signature, long count, long windowDays, String ticketKey, String ticketUrl,
            Boolean pending) {
    }

    /** Absent on cards of jobs not compared with a green run (and on cards stored before there were any). */
    record GreenRunJson(String url, List<Integer> newLines) {
    }

    /** {@code type} is {@code triaged} or {@code unavailable}; the other type's fields are absent. */
    record JobJson(String type, String job, String verdict, String verdictWords, String confidenceWords, String reason,
            String failedStep, String knownError, String runbookUrl, List<LineJson> excerpt, Boolean truncated,
            List<String> nextSteps, NoticeJson notice, RecurrenceJson recurrence, GreenRunJson lastGreen) {
    }

    /** The record that lets the buttons of a card delivered as {@code messageId} find its run again. */
    StoredCard stored(Place place, String messageId, CardView card, LinkTriage.Triaged result, Instant at) {
        List<String> failedJobs = result.jobs().stream().map(j -> j.job().ref().name()).toList();
        return new StoredCard(card.cardId(), new ChatRef(place.platform(), place.workspace(), place.channel(), messageId),
                result.run().ref(), card.verdict(), failedJobs, encode(card), at);
    }

    /**
     * The card with its notices put through the redactor too: a notice may carry a CI's own words (an error body), and
     * those can hold what the bot must not show, a credential the bot was given among them.
     */
    public CardView redacted(CardView card) {
        List<CardView.JobCard> jobs = card.jobs().stream().map(job -> switch (job) {
            case CardView.Unavailable u -> (CardView.JobCard) new CardView.Unavailable(u.job(), redacted(u.notice()));
            case CardView.Triaged t -> t;
        }).toList();
        return new CardView(card.cardId(), card.title(), card.runUrl(), redacted(card.problem()), jobs, card.moreJobs(),
                card.verdict(), card.rerun(), card.passedOnRerun(), card.proposals());
    }

    private CardView.Notice redacted(CardView.Notice notice) {
        return notice == null ? null
                : new CardView.Notice(redactor.redactLine(notice.headline()), redactor.redactLine(notice.detail()));
    }

    public String encode(CardView card) {
        List<JobJson> jobs = card.jobs().stream().map(CardCodec::job).toList();
        CardJson wire = new CardJson(1, card.cardId(), card.title(), card.runUrl(), notice(card.problem()), jobs,
                card.moreJobs(), card.verdict() == null ? null : card.verdict().wireName(),
                card.rerunNote().map(r -> new RerunJson(r.user(), r.link(), r.at().toString())).orElse(null),
                card.passedNote().map(p -> new PassedJson(p.link(), p.at().toString())).orElse(null),
                card.proposals() ? Boolean.TRUE : null);
        try {
            return json.writeValueAsString(wire);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("card " + card.cardId() + " cannot be written as JSON", e);
        }
    }

    public CardView decode(String document) {
        CardJson wire;
        try {
            wire = json.readValue(document, CardJson.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a stored card is not valid card JSON: " + e.getOriginalMessage(), e);
        }
        List<CardView.JobCard> jobs = wire.jobs() == null ? List.of() : wire.jobs().stream().map(this::job).toList();
        CardView.RerunNote rerun = wire.rerun() == null ? null
                : new CardView.RerunNote(wire.rerun().user(), wire.rerun().link(), Instant.parse(wire.rerun().at()));
        CardView.PassedNote passed = wire.passedOnRerun() == null ? null
                : new CardView.PassedNote(wire.passedOnRerun().link(), Instant.parse(wire.passedOnRerun().at()));
        return new CardView(wire.cardId(), wire.title(), wire.runUrl(), notice(wire.problem()), jobs, wire.moreJobs(),
                wire.verdict() == null ? null : Verdict.fromWireName(wire.verdict()), rerun, passed,
                Boolean.TRUE.equals(wire.proposals()));
    }

    private static JobJson job(CardView.JobCard job) {
        return switch (job) {
            case CardView.Triaged t -> new JobJson("triaged", t.job(), t.verdict().wireName(), t.verdictWords(),
                    t.confidenceWords(), t.reason(), t.failedStep(), t.knownError(), t.runbookUrl(),
                    t.excerpt().stream().map(l -> new LineJson(l.number(), l.text())).toList(), t.truncated(),
                    t.nextSteps(), null, t.recurrence() == null ? null : new RecurrenceJson(t.recurrence().signatureKey(),
                    t.recurrence().count(), t.recurrence().windowDays(), t.recurrence().ticketKey(),
                    t.recurrence().ticketUrl(), t.recurrence().pending()),
                    t.comparedWith().map(g -> new GreenRunJson(g.url(), List.copyOf(g.newLines()))).orElse(null));
            case CardView.Unavailable u -> new JobJson("unavailable", u.job(), null, null, null, null, null, null, null,
                    null, null, null, notice(u.notice()), null, null);
        };
    }

    private CardView.JobCard job(JobJson j) {
        return switch (j.type()) {
            case "triaged" -> new CardView.Triaged(j.job(), Verdict.fromWireName(j.verdict()), j.verdictWords(),
                    j.confidenceWords(), j.reason(), j.failedStep(), j.knownError(), j.runbookUrl(),
                    j.excerpt() == null ? List.of() : redactor.redactLogLines(j.excerpt().stream().map(l -> new LogLine(l.n(), l.text())).toList()),
                    Boolean.TRUE.equals(j.truncated()), j.nextSteps() == null ? List.of() : j.nextSteps(),
                    j.recurrence() == null ? null : new CardView.RecurrenceNote(j.recurrence().signature(),
                            j.recurrence().count(), j.recurrence().windowDays(), j.recurrence().ticketKey(),
                            j.recurrence().ticketUrl(), Boolean.TRUE.equals(j.recurrence().pending())),
                    j.lastGreen() == null || j.lastGreen().url() == null ? null : new CardView.GreenRunNote(j.lastGreen().url(),
                            new java.util.TreeSet<>(j.lastGreen().newLines() == null ? List.of() : j.lastGreen().newLines())));
            case "unavailable" -> new CardView.Unavailable(j.job(), notice(j.notice()));
            default -> throw new IllegalArgumentException("a stored card has a job of unknown type '" + j.type() + "'");
        };
    }

    private static NoticeJson notice(CardView.Notice notice) {
        return notice == null ? null : new NoticeJson(notice.headline(), notice.detail());
    }

    private static CardView.Notice notice(NoticeJson notice) {
        return notice == null ? null : new CardView.Notice(notice.headline(), notice.detail());
    }
}
