package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.Occurrence;
import dev.pipelinetriage.app.port.OccurrenceListener;
import dev.pipelinetriage.app.port.Recurrence;
import dev.pipelinetriage.app.port.TriageHistory;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.app.port.TriageMetrics.Stage;
import dev.pipelinetriage.app.port.TriageRecord;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Signature;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.engine.signature.Signatures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From a pasted link to one triage report per failed job: what every chat front end shows. A job whose last green
 * run's log came with its own is compared with it. One job's unreadable log does not hide the others' reports.
 * A report without a known error whose signature often passed on rerun is called flaky ({@link RerunFlakiness}).
 * Every report's failure is told to the {@link OccurrenceListener}, which counts recurrences (and may file a
 * ticket) and says what the card shows.
 * The triage service is asked for on every link, so a reloaded knowledge base serves the next link while a link
 * in progress finishes with the one it started with.
 */
public final class LinkTriage {
    private static final Logger LOG = LoggerFactory.getLogger(LinkTriage.class);
    private final FailedJobLogs logs;
    private final Supplier<TriageService> triage;
    private final int maxLines;
    private final OccurrenceListener occurrences;
    private final TriageMetrics metrics;
    private final TriageHistory history;
    private final AnalysisSlots slots;
    private final Clock clock;
    private final UnaryOperator<TriageReport> rerunHistory;

    /** Triage without recurrence counting. */
    public LinkTriage(FailedJobLogs logs, TriageService triage, int maxLines) {
        this(logs, triage, maxLines, OccurrenceListener.NONE, Clock.systemUTC());
    }

    public LinkTriage(FailedJobLogs logs, TriageService triage, int maxLines, OccurrenceListener occurrences, Clock clock) {
        this(logs, constant(triage), maxLines, occurrences, TriageMetrics.none(), TriageHistory.none(),
                AnalysisSlots.UNBOUNDED, clock);
    }

    /**
     * @param triage the triage service that serves now (a knowledge-base reload may replace it)
     * @param history where every triaged job is recorded for the health report
     * @param slots what bounds the analyses running at once; fetching logs waits outside it
     */
    public LinkTriage(FailedJobLogs logs, Supplier<TriageService> triage, int maxLines, OccurrenceListener occurrences,
            TriageMetrics metrics, TriageHistory history, AnalysisSlots slots, Clock clock) {
        this(logs, triage, maxLines, occurrences, metrics, history, slots, clock, UnaryOperator.identity());
    }

    /**
     * @param history where every triaged job is recorded for the health report
     * @param slots what bounds the analyses running at once; fetching logs waits outside it
     * @param rerunHistory judges each report again with its signature's passes on rerun ({@link RerunFlakiness})
     */
    public LinkTriage(FailedJobLogs logs, Supplier<TriageService> triage, int maxLines, OccurrenceListener occurrences,
            TriageMetrics metrics, TriageHistory history, AnalysisSlots slots, Clock clock,
            UnaryOperator<TriageReport> rerunHistory) {
        this.rerunHistory = Objects.requireNonNull(rerunHistory, "rerunHistory");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.triage = Objects.requireNonNull(triage, "triage");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.history = Objects.requireNonNull(history, "history");
        this.slots = Objects.requireNonNull(slots, "slots");
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive, got " + maxLines);
        }
        this.maxLines = maxLines;
        this.occurrences = Objects.requireNonNull(occurrences, "occurrences");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Supplier<TriageService> constant(TriageService service) {
        Objects.requireNonNull(service, "triage");
        return () -> service;
    }

    public sealed interface Result permits Triaged, Refused, Unavailable {
    }

    /** @param jobs one entry per failed job (or the linked job), in the run's order; empty when nothing failed */
    public record Triaged(Run run, List<JobOutcome> jobs) implements Result {
        public Triaged {
            Objects.requireNonNull(run, "run");
            jobs = List.copyOf(jobs);
        }
    }

    /** The link was not used (unknown host, unrecognised shape, unsafe); {@code reason} is for people. */
    public record Refused(String reason) implements Result {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The CI could not say which jobs failed. */
    public record Unavailable(CiProblem problem) implements Result {
        public Unavailable {
            Objects.requireNonNull(problem, "problem");
        }
    }

    public sealed interface JobOutcome permits Reported, NotFetched {
        Job job();
    }

    /** @param recurrence how often this failure was seen and its ticket, or null when not counted */
    public record Reported(Job job, TriageReport report, Recurrence recurrence) implements JobOutcome {
        public Reported {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(report, "report");
        }

        public Reported(Job job, TriageReport report) {
            this(job, report, null);
        }

        public Optional<Recurrence> recurrenceNote() {
            return Optional.ofNullable(recurrence);
        }
    }

    public record NotFetched(Job job, CiProblem problem) implements JobOutcome {
        public NotFetched {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(problem, "problem");
        }
    }

    public Result triage(String link) {
        TriageService service = triage.get();
        return triage(service, metrics.time(Stage.FETCH, () -> logs.collect(link)));
    }

    /** Triage of a run or job named by ids (a webhook's), on the configured instance they name. */
    public Result triage(CiLink link) {
        TriageService service = triage.get();
        return triage(service, metrics.time(Stage.FETCH, () -> logs.collect(link)));
    }

    private Result triage(TriageService service, FailedJobLogs.Outcome outcome) {
        return switch (outcome) {
            case FailedJobLogs.LinkRefused refused -> new Refused(refused.reason());
            case FailedJobLogs.Failed failed -> {
                metrics.providerError(failed.provider(), kind(failed.problem()));
                yield new Unavailable(failed.problem());
            }
            case FailedJobLogs.Collected collected -> {
                List<JobOutcome> jobs = new ArrayList<>();
                for (FailedJobLogs.JobLogResult job : collected.jobs()) {
                    jobs.add(switch (job.log()) {
                        case FetchResult.Fetched fetched -> {
                            // The store is read outside the analysis slot: only the analysis is bounded by the cores.
                            TriageReport report = rerunHistory.apply(slots.run(() -> metrics.time(Stage.ANALYZE, () -> job.lastGreen()
                                    .map(green -> service.analyze(fetched.log(), maxLines, green))
                                    .orElseGet(() -> service.analyze(fetched.log(), maxLines)))));
                            metrics.triaged(report.verdict(), report.match() != null);
                            record(collected.run(), job.job(), report);
                            yield reported(collected.run(), job.job(), report);
                        }
                        case CiProblem problem -> {
                            metrics.providerError(collected.provider().instance(), kind(problem));
                            yield new NotFetched(job.job(), problem);
                        }
                    });
                }
                yield new Triaged(collected.run(), jobs);
            }
        };
    }

    /** The health report's record; the signature is the same one recurrences and tickets are counted under. */
    private void record(Run run, Job job, TriageReport report) {
        Optional<Signature> signature = Signatures.of(report);
        try {
            history.record(new TriageRecord(clock.instant(), run.ref().instance(), run.ref().project(), run.ref().runId(),
                    run.ref().attempt(), job.ref().id(), job.ref().name(), report.verdict(),
                    report.match() == null ? null : report.match().knownError().id(),
                    signature.map(Signature::key).orElse("fp-none"),
                    report.match() == null ? signature.map(Signature::summary).orElse("") : "", run.webUrl()));
        } catch (RuntimeException e) {
            // The report is secondary: the card is shown all the same.
            LOG.error("recording the triage of job {} failed", job.ref().id(), e);
        }
    }

    /** {@code RateLimited} -> {@code rate_limited}: a fixed, small set of label values. */
    static String kind(CiProblem problem) {
        return problem.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private Reported reported(Run run, Job job, TriageReport report) {
        Recurrence recurrence = Signatures.of(report).flatMap(signature -> {
            var ref = job.ref();
            String jobKey = ref.key(run.ref().attempt());
            var known = report.bestMatch().map(m -> m.knownError());
            try {
                return occurrences.triaged(new Occurrence(signature, jobKey, run.ref().project(), ref.name(),
                        clock.instant(), run.webUrl(), known.map(k -> k.id()).orElse(null),
                        known.map(k -> k.runbook()).orElse(null), report.excerpt().stream().map(l -> l.text()).toList()));
            } catch (RuntimeException e) {
                // Counting is secondary: the card is shown without its recurrence line.
                LOG.error("recording an occurrence of {} failed", signature.key(), e);
                return Optional.<Recurrence>empty();
            }
        }).orElse(null);
        return new Reported(job, report, recurrence);
    }
}
