package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.domain.KnownError;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base that serves, and its replacement at run time. A new knowledge base is read, built into a
 * complete triage service and, unless it is the jar's own ({@link Verification#CHECKED_BY_THE_BUILD}), linted and put
 * through {@code kb test} (each example must triage as its own entry) before one reference swap makes it serve; a
 * triage in progress keeps the service it started with. One that fails any step is refused: the one serving stays,
 * and the refusal is kept for readiness checks and counted.
 */
public final class KnowledgeBaseReload {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseReload.class);
    private static final int REASONS_KEPT = 5;
    /** The excerpt budget {@code kb test} triages examples with. */
    private static final int TEST_EXCERPT_LINES = 30;

    /** A knowledge base built into a triage service; immutable, shared by every triage that uses it. */
    public record Generation(int number, TriageService triage, List<KnownError> knownErrors, Instant loadedAt) {
        public Generation {
            Objects.requireNonNull(triage, "triage");
            Objects.requireNonNull(loadedAt, "loadedAt");
            knownErrors = List.copyOf(knownErrors);
        }
    }

    public sealed interface Outcome permits Swapped, Refused {
    }

    public record Swapped(Generation serving, int previousEntries) implements Outcome {
    }

    /** @param reasons the first problems found, as {@code file:line: message} */
    public record Refused(List<String> reasons, int problemCount, Generation stillServing, Instant at) implements Outcome {
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }

    /** What a load must pass before it serves. */
    public enum Verification {
        /** {@code kb lint}, then every example triaged inside a log as {@code kb test} does: a base people edit. */
        LINT_AND_EXAMPLES,
        /**
         * Only that it reads (a file that does not parse still refuses it): the knowledge base bundled in the jar,
         * which the build put through {@code kb lint} and {@code kb test} over the same files, so a start does not
         * spend seconds of CPU proving it again.
         */
        CHECKED_BY_THE_BUILD
    }

    private final Supplier<KnowledgeBaseLoad> source;
    private final KnowledgeBaseCheck check;
    private final Verification verification;
    private final Function<List<KnownError>, TriageService> build;
    private final TriageMetrics metrics;
    private final Clock clock;
    private final AtomicReference<Generation> serving = new AtomicReference<>();
    private final AtomicReference<Refused> lastRefusal = new AtomicReference<>();

    /**
     * Loads the first knowledge base; an invalid one fails here, because there is nothing older to serve.
     *
     * @param source reads the knowledge base afresh on every call
     * @param build turns loaded entries into a triage service (the search index is built here)
     */
    public KnowledgeBaseReload(Supplier<KnowledgeBaseLoad> source, KnowledgeBaseCheck check,
            Function<List<KnownError>, TriageService> build, TriageMetrics metrics, Clock clock) {
        this(source, check, Verification.LINT_AND_EXAMPLES, build, metrics, clock);
    }

    /** As above, with {@code verification} saying whether each load is linted and its examples triaged. */
    public KnowledgeBaseReload(Supplier<KnowledgeBaseLoad> source, KnowledgeBaseCheck check, Verification verification,
            Function<List<KnownError>, TriageService> build, TriageMetrics metrics, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.verification = Objects.requireNonNull(verification, "verification");
        this.check = Objects.requireNonNull(check, "check");
        this.build = Objects.requireNonNull(build, "build");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        switch (attempt()) {
            case Candidate.Good good -> serving.set(new Generation(1, good.triage(), good.entries(), clock.instant()));
            case Candidate.Bad bad -> throw new IllegalStateException("the knowledge base is invalid ("
                    + bad.problems().size() + " problem(s)); first: " + bad.problems().getFirst());
        }
        metrics.knowledgeBaseSize(() -> serving.get().knownErrors().size());
    }

    /** The triage service that serves now. */
    public TriageService triage() {
        return serving.get().triage();
    }

    public Generation serving() {
        return serving.get();
    }

    /** The refusal of the latest reload, when the latest reload was refused. */
    public Optional<Refused> lastRefusal() {
        return Optional.ofNullable(lastRefusal.get());
    }

    /** Reads, checks and swaps in the knowledge base; reloads run one at a time. */
    public synchronized Outcome reload() {
        Generation old = serving.get();
        return switch (attempt()) {
            case Candidate.Good good -> {
                Generation next = new Generation(old.number() + 1, good.triage(), good.entries(), clock.instant());
                serving.set(next);
                lastRefusal.set(null);
                metrics.knowledgeBaseReload(true);
                LOG.info("knowledge base reloaded: {} known errors (was {})", next.knownErrors().size(),
                        old.knownErrors().size());
                yield new Swapped(next, old.knownErrors().size());
            }
            case Candidate.Bad bad -> {
                Refused refused = new Refused(bad.problems().stream().limit(REASONS_KEPT).toList(), bad.problems().size(),
                        old, clock.instant());
                lastRefusal.set(refused);
                metrics.knowledgeBaseReload(false);
                LOG.warn("knowledge base reload refused, {} problem(s); the previous one ({} known errors) keeps "
                        + "serving; first: {}", bad.problems().size(), old.knownErrors().size(), bad.problems().getFirst());
                yield refused;
            }
        };
    }

    private sealed interface Candidate {
        record Good(List<KnownError> entries, TriageService triage) implements Candidate {
        }

        record Bad(List<String> problems) implements Candidate {
        }
    }

    private Candidate attempt() {
        KnowledgeBaseLoad load;
        try {
            load = source.get();
        } catch (RuntimeException e) {
            return new Candidate.Bad(List.of("cannot read the knowledge base: " + e.getMessage()));
        }
        List<KnowledgeBaseLoad.Problem> problems = switch (verification) {
            case LINT_AND_EXAMPLES -> check.lint(load);
            case CHECKED_BY_THE_BUILD ->
                    load instanceof KnowledgeBaseLoad.Invalid invalid ? invalid.problems() : List.of();
        };
        if (!problems.isEmpty()) {
            return new Candidate.Bad(problems.stream().map(KnowledgeBaseLoad.Problem::toString).toList());
        }
        List<KnownError> entries = ((KnowledgeBaseLoad.Loaded) load).knownErrors();
        if (entries.isEmpty()) {
            return new Candidate.Bad(List.of("the knowledge base has no known errors"));
        }
        TriageService triage;
        try {
            triage = build.apply(entries);
        } catch (RuntimeException e) {
            return new Candidate.Bad(List.of("cannot build the triage engine: " + e.getMessage()));
        }
        if (verification == Verification.CHECKED_BY_THE_BUILD) {
            return new Candidate.Good(entries, triage);
        }
        // What kb test checks: every example, inside a log, must triage as its own entry.
        List<KnowledgeBaseLoad.Problem> failures = check.test((KnowledgeBaseLoad.Loaded) load,
                KnowledgeBaseCheck.inMemory(triage, TEST_EXCERPT_LINES));
        if (!failures.isEmpty()) {
            return new Candidate.Bad(failures.stream().map(p -> "kb test: " + p).toList());
        }
        return new Candidate.Good(entries, triage);
    }
}
