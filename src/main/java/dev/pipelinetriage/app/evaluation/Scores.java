package dev.pipelinetriage.app.evaluation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The corpus metrics over a set of cases, computed as {@code score.py} computes them.
 *
 * @param extractionCases cases with scorable gold lines
 * @param hitRate share of those whose every counted gold line is in the excerpt's first N lines (hit@N)
 * @param lineRecall mean share of counted gold lines covered
 * @param anyHitRate share of those where at least one counted gold line is in the excerpt's first N lines
 * @param scoredLabels cases with a gold code, platform or flaky label
 * @param nonCodeGold of those, how many are platform or flaky
 * @param nonCodePredicted how many the bot called platform or flaky
 * @param nonCodeF1 F1 of the non-code side of the code vs non-code view ({@code unknown} predictions count as
 *     missed, never as false alarms)
 * @param named cases whose report named a known error
 * @param namedWithPattern of those, the ones where a pattern of the named entry fired on its evidence
 */
public record Scores(int cases, int extractionCases, double hitRate, double lineRecall, double anyHitRate,
        int scoredLabels, int nonCodeGold, int nonCodePredicted, double nonCodeF1, int named, int namedWithPattern) {

    private static final Set<String> LABELS = Set.of("code", "platform", "flaky");

    /**
     * Share of named known errors backed by a pattern of the named entry that fired on its evidence; 1 when
     * nothing was named. Not a precision: whether a name is right takes a person reading the log.
     */
    public double patternBackedShare() {
        return named == 0 ? 1.0 : (double) namedWithPattern / named;
    }

    /** Whether the non-code F1 means anything here: some case is, or was called, platform or flaky. */
    public boolean hasNonCode() {
        return nonCodeGold > 0 || nonCodePredicted > 0;
    }

    /** Scores {@code cases} against {@code predictions} (a missing prediction is an empty excerpt and unknown). */
    public static Scores of(List<EvalCase> cases, Map<String, Prediction> predictions, int maxLines) {
        int extraction = 0;
        int hits = 0;
        double recall = 0;
        int any = 0;
        int scored = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int gold = 0;
        int predicted = 0;
        int named = 0;
        int withPattern = 0;
        for (EvalCase c : cases) {
            Prediction p = predictions.get(c.id());
            List<String> excerpt = p == null ? List.of() : p.excerpt();
            String label = p == null ? "unknown" : p.label();
            if (c.goldLines() != null) {
                var score = ScoredLines.score(c.goldLines(), excerpt, maxLines);
                if (score.isPresent()) {
                    extraction++;
                    hits += score.get().hit() ? 1 : 0;
                    recall += score.get().recall();
                    any += score.get().any() ? 1 : 0;
                }
            }
            if (c.label() != null && LABELS.contains(c.label())) {
                scored++;
                boolean goldNonCode = !c.label().equals("code");
                boolean predNonCode = label.equals("platform") || label.equals("flaky");
                gold += goldNonCode ? 1 : 0;
                predicted += predNonCode ? 1 : 0;
                tp += goldNonCode && predNonCode ? 1 : 0;
                fp += !goldNonCode && predNonCode ? 1 : 0;
                fn += goldNonCode && !predNonCode ? 1 : 0;
            }
            if (p != null && p.match() != null) {
                named++;
                withPattern += p.patternFired() ? 1 : 0;
            }
        }
        return new Scores(cases.size(), extraction, extraction == 0 ? 0 : (double) hits / extraction,
                extraction == 0 ? 0 : recall / extraction, extraction == 0 ? 0 : (double) any / extraction, scored, gold, predicted, f1(tp, fp, fn), named, withPattern);
    }

    private static double f1(int tp, int fp, int fn) {
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
