package dev.pipelinetriage.app.evaluation;

import dev.pipelinetriage.app.TriageDetail;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.engine.extract.Baseline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Triages one corpus case and keeps what evaluation needs: the prediction and the entries that fired. */
public final class Predictor {

    private final PatternCheck check;
    private final int maxLines;
    private final boolean useBaseline;

    public Predictor(PatternCheck check, int maxLines) {
        this(check, maxLines, true);
    }

    /** @param useBaseline whether a case's last green run, when it has one, is compared with its log */
    public Predictor(PatternCheck check, int maxLines, boolean useBaseline) {
        this.check = Objects.requireNonNull(check, "check");
        this.maxLines = maxLines;
        this.useBaseline = useBaseline;
    }

    /** The same predictor, without (or with) the last green runs. */
    public Predictor withBaseline(boolean use) {
        return new Predictor(check, maxLines, use);
    }

    /**
     * @param fired ids of the entries whose own patterns fired where the job failed (named or not): the
     *     entries this case supports
     */
    public record Observed(Prediction prediction, Set<String> fired) {
        public Observed {
            Objects.requireNonNull(prediction, "prediction");
            fired = Set.copyOf(fired);
        }
    }

    public Observed observe(TriageService triage, EvalCase c) {
        Baseline baseline = Baseline.none();
        if (useBaseline && c.previousSuccess() != null) {
            try (InputStream in = Files.newInputStream(c.previousSuccess())) {
                baseline = triage.baseline(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + c.previousSuccess(), e);
            }
        }
        TriageDetail detail;
        try (InputStream in = Files.newInputStream(c.log())) {
            detail = triage.analyzeInDetail(in, maxLines, baseline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + c.log(), e);
        }
        TriageReport report = detail.report();
        NamedError match = report.match();
        Prediction prediction = new Prediction(c.id(), report.excerpt().stream().map(RedactedLine::text).toList(),
                report.verdict().wireName(), match == null ? null : match.knownError().id(), check.fired(match),
                report.step().orElse(null), report.signals());
        Set<String> fired = new LinkedHashSet<>();
        detail.candidates().stream().filter(NamedError::patternFired).forEach(m -> fired.add(m.knownError().id()));
        return new Observed(prediction, fired);
    }
}
