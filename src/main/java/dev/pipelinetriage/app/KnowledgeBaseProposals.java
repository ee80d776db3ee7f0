package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.Actor;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.Authorizer;
import dev.pipelinetriage.app.port.CardStore;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.KnowledgeBaseRepository;
import dev.pipelinetriage.app.port.RerunClaim;
import dev.pipelinetriage.app.port.RerunClaims;
import dev.pipelinetriage.app.port.StoredCard;
import dev.pipelinetriage.app.port.TrackerResult;
import dev.pipelinetriage.app.port.TriageHistory;
import dev.pipelinetriage.app.port.TriageRecord;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.engine.normalize.LineKind;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import dev.pipelinetriage.engine.redact.Redactor;
import dev.pipelinetriage.engine.signature.Signatures;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Propose knowledge-base entry" from a card: authorize (curators only) -> claim the failure's signature (a double
 * click or a second replica opens nothing twice) -> audit -> draft ({@link EntryDraft}, from the failure's redacted
 * lines only) -> {@code kb lint} and {@code kb test} on the draft -> open a pull or merge request on the knowledge
 * base's repository that links the card. The log is read again through the CI (the bot keeps finished logs it
 * fetched), because a card keeps only what it shows.
 */
public final class KnowledgeBaseProposals {
    public static final String ACTION = "propose";
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseProposals.class);
    private static final int EXCERPT_LINES = 30;
    /** Lines of the passing steps before the failure considered for counter-examples. */
    private static final int COUNTER_CANDIDATES = 12;
    /** How far back the digest's groups are looked up: the digest covers a week, a curator may act later. */
    private static final java.time.Duration HISTORY = java.time.Duration.ofDays(28);

    private final FailedJobLogs logs;
    private final Supplier<TriageService> triage;
    private final Authorizer curators;
    private final CardStore cards;
    private final TriageHistory history;
    private final RerunClaims claims;
    private final KnowledgeBaseRepository repository;
    private final EntryCheck check;
    private final AuditLog audit;
    private final Clock clock;
    private final Layout layout;
    private final Redactor redactor;
    private final LogNormalizer normalizer = new LogNormalizer();

    /**
     * Where entries and runbooks go in the repository.
     *
     * @param entries the knowledge-base folder, e.g. {@code knowledge-base}
     * @param runbooks the runbooks folder, e.g. {@code runbooks} (entries name {@code runbooks/<id>.md})
     */
    public record Layout(String entries, String runbooks) {
        public Layout {
            Objects.requireNonNull(entries, "entries");
            Objects.requireNonNull(runbooks, "runbooks");
        }
    }

    /** @param history where the digest's unexplained groups find their latest run */
    public KnowledgeBaseProposals(FailedJobLogs logs, Supplier<TriageService> triage, Authorizer curators,
            CardStore cards, TriageHistory history, RerunClaims claims, KnowledgeBaseRepository repository,
            EntryCheck check, AuditLog audit, Clock clock, Layout layout, Redactor redactor) {
        this.history = Objects.requireNonNull(history, "history");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.triage = Objects.requireNonNull(triage, "triage");
        this.curators = Objects.requireNonNull(curators, "curators");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.check = Objects.requireNonNull(check, "check");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    public sealed interface Outcome permits Opened, AlreadyProposed, Refused, Failed {
    }

    /** @param requestName {@code pull request} or {@code merge request} */
    public record Opened(String entryId, String url, String requestName) implements Outcome {
    }

    /** Someone proposed an entry for this failure already; {@code link} once its request was opened. */
    public record AlreadyProposed(String user, Instant at, Optional<String> link) implements Outcome {
    }

    /** Nothing was attempted: denied, unknown card, no unexplained failure, a draft that fails the checks. */
    public record Refused(String reason) implements Outcome {
    }

    /** The code host refused or failed; {@code reason} is its message for people (never a credential). */
    public record Failed(String reason) implements Outcome {
    }

    /** From a card's button: the card's first failure that no known error explains. */
    public Outcome propose(Actor actor, String channel, String cardId) {
        Optional<StoredCard> found = cards.card(cardId);
        if (found.isEmpty()) {
            return new Refused("The bot no longer knows this card; paste the link again to get a fresh one.");
        }
        StoredCard card = found.get();
        String target = card.run().instance() + ":" + card.run().project() + " run " + card.run().runId();
        if (curators.authorize(actor, ACTION) instanceof Authorizer.Denied denied) {
            record(actor, channel, target, "denied", denied.reason());
            return new Refused(denied.reason());
        }
        String from = "the triage card " + card.id() + " (" + card.message().platform() + " channel "
                + card.message().channel() + ", message " + card.message().message() + ")";
        return propose(actor, channel, target, from, unexplained(logs.collect(CiLink.toRun(card.run())), null),
                "Every failure on this card has a known error, or its log cannot be read now; nothing to propose.");
    }

    /**
     * From the digest's list of unexplained groups ({@code propose <signature>}): the group's most recent run in the
     * triage history, read again, must still show that signature without a known error.
     */
    public Outcome proposeSignature(Actor actor, String channel, String signatureKey) {
        String target = "signature " + signatureKey;
        if (curators.authorize(actor, ACTION) instanceof Authorizer.Denied denied) {
            record(actor, channel, target, "denied", denied.reason());
            return new Refused(denied.reason());
        }
        Optional<TriageRecord> latest = history.since(clock.instant().minus(HISTORY)).stream()
                .filter(r -> r.signature().equals(signatureKey) && r.knownError() == null)
                .max(java.util.Comparator.comparing(TriageRecord::at));
        if (latest.isEmpty()) {
            String reason = "No unexplained failure with signature " + signatureKey + " was triaged in the last "
                    + HISTORY.toDays() + " days; nothing to propose.";
            record(actor, channel, target, "refused", reason);
            return new Refused(reason);
        }
        return propose(actor, channel, target, "the weekly digest's unexplained group " + signatureKey,
                unexplained(logs.collect(latest.get().link()), signatureKey),
                "The latest run of " + signatureKey + " cannot be read now, or a known error explains it by now; "
                        + "nothing to propose.");
    }

    private Outcome propose(Actor actor, String channel, String target, String from, Optional<Failure> failure,
            String nothing) {
        if (failure.isEmpty()) {
            record(actor, channel, target, "refused", nothing);
            return new Refused(nothing);
        }
        Signature signature = failure.get().signature();
        target = target + " signature " + signature.key();
        String key = "kb-proposal:" + signature.key();
        Instant now = clock.instant();
        switch (claims.claimRerun(key, actor.user(), now)) {
            case RerunClaim.AlreadyRequested earlier -> {
                record(actor, channel, target, "duplicate", "already proposed by " + earlier.user() + " at " + earlier.at());
                return new AlreadyProposed(earlier.user(), earlier.at(), earlier.startedLink());
            }
            case RerunClaim.Claimed claimed -> {
            }
        }
        try {
            audit.append(entry(actor, channel, target, "requested", "proposed by a curator"));
        } catch (RuntimeException e) {
            claims.releaseRerun(key);
            LOG.warn("audit log unavailable; no entry proposed for {}", signature.key(), e);
            return new Refused("The audit log is unavailable, so the bot proposes nothing now; try again later.");
        }
        EntryDraft draft = EntryDraft.of(failure.get().input());
        List<String> problems = check.problems(draft);
        if (!problems.isEmpty()) {
            claims.releaseRerun(key);
            String reason = "The drafted entry does not pass the knowledge base's checks, so no " + repository.requestName()
                    + " was opened: " + String.join("; ", problems.subList(0, Math.min(3, problems.size())));
            record(actor, channel, target, "refused", reason);
            return new Refused(reason);
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(layout.entries() + "/" + draft.id() + ".yaml", draft.yaml());
        files.put(layout.runbooks() + "/" + draft.id() + ".md", draft.runbook());
        var proposal = new KnowledgeBaseRepository.Proposal("triage/propose-" + draft.id(),
                "Knowledge base: propose " + draft.id(), description(from, failure.get(), draft, actor), files);
        return switch (repository.open(proposal)) {
            case TrackerResult.Ok<KnowledgeBaseRepository.Opened> ok -> {
                claims.completeRerun(key, ok.value().url());
                record(actor, channel, target, "opened", ok.value().url());
                yield new Opened(draft.id(), ok.value().url(), repository.requestName());
            }
            case TrackerResult.Failed<KnowledgeBaseRepository.Opened> failed -> {
                // A write whose outcome is unknown keeps its claim: a second click must not open a second request.
                if (failed.problem() != TrackerResult.Problem.SERVER_ERROR
                        && failed.problem() != TrackerResult.Problem.UNREACHABLE) {
                    claims.releaseRerun(key);
                }
                record(actor, channel, target, "failed", failed.message());
                yield new Failed(failed.message());
            }
        };
    }

    private record Failure(Signature signature, EntryDraft.Input input) {
    }

    /**
     * The first failed job that no known error explains (with {@code signatureKey}, when given), triaged again from
     * its (cached) log.
     */
    private Optional<Failure> unexplained(FailedJobLogs.Outcome outcome, String signatureKey) {
        if (!(outcome instanceof FailedJobLogs.Collected collected)) {
            return Optional.empty();
        }
        TriageService service = triage.get();
        for (FailedJobLogs.JobLogResult job : collected.jobs()) {
            if (!(job.log() instanceof FetchResult.Fetched fetched)) {
                continue;
            }
            TriageReport report = service.analyze(fetched.log(), EXCERPT_LINES);
            Optional<Signature> signature = Signatures.of(report);
            Optional<String> evidence = Signatures.keyLine(report.excerpt());
            if (report.match() == null && signature.isPresent() && evidence.isPresent()
                    && (signatureKey == null || signature.get().key().equals(signatureKey))) {
                return Optional.of(new Failure(signature.get(), new EntryDraft.Input(signature.get().key(),
                        signature.get().summary(), evidence.get(), report.excerpt().stream().map(RedactedLine::text).toList(),
                        passingLines(fetched.log().lines(), report.excerpt()), report.signals(), report.verdict(),
                        collected.run().webUrl())));
            }
        }
        return Optional.empty();
    }

    /** Normalized, redacted lines printed before the failure: what passing steps look like in this log. */
    private List<String> passingLines(List<LogLine> lines, List<RedactedLine> excerpt) {
        int failureStarts = excerpt.stream().mapToInt(RedactedLine::number).min().orElse(Integer.MAX_VALUE);
        List<LogLine> before = new ArrayList<>();
        var redaction = redactor.newStream();
        normalizer.normalize(lines, redaction::observe, line -> {
            if (line.line().number() < failureStarts && line.kind() != LineKind.NOISE && !line.line().text().isBlank()) {
                before.add(line.line());
            }
        });
        // The last lines before the failure first: most like the failure, so the best near-misses.
        List<String> candidates = new ArrayList<>();
        for (int i = before.size() - 1; i >= 0 && candidates.size() < COUNTER_CANDIDATES; i--) {
            candidates.add(redaction.redactKept(before.get(i)).text().strip());
        }
        return candidates;
    }

    private static String description(String from, Failure failure, EntryDraft draft, Actor actor) {
        String run = failure.input().seenAt() == null ? "" : " about " + failure.input().seenAt();
        return "Proposed from chat by a curator (" + actor.platform() + " user " + actor.user() + ") from " + from + run
                + ".\n\n"
                + "Signature `" + failure.signature().key() + "`: " + failure.signature().summary() + "\n\n"
                + "The entry `" + draft.id() + "` passed `kb lint` and `kb test` on its own examples when it was drafted. "
                + "Review its category, regex and examples, fill in the runbook, then merge: hot reload picks it up.\n";
    }

    /** Denials and outcomes after the request row are recorded on a best-effort basis: the decision stands. */
    private void record(Actor actor, String channel, String target, String outcome, String reason) {
        audit.appendBestEffort(entry(actor, channel, target, outcome, reason));
    }

    private AuditEntry entry(Actor actor, String channel, String target, String outcome, String reason) {
        return new AuditEntry(clock.instant(), actor.platform(), actor.workspace(), actor.user(), channel, ACTION, target,
                outcome, reason);
    }
}
