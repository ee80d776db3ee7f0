package dev.pipelinetriage.app.evaluation;

import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.classify.Signs;
import dev.pipelinetriage.engine.extract.Tuning;
import dev.pipelinetriage.engine.extract.Vocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Cross-validation grouped by repository: the figures to report for a rule-based triage, because they are
 * measured on logs that nothing was fitted on. The cases are split into folds whose groups (repositories,
 * or jobs for a one-project set) never straddle two folds. For each fold:
 *
 * <ul>
 *   <li>the extractor's weights ({@link Tuning}) are chosen from a grid on the other folds only (best hit@N,
 *       then any-hit@N, then the default weights), and
 *   <li>the knowledge-base entries whose whole support lies in the held-out fold -- their patterns fire where
 *       a job failed on that fold's logs and on no other group's -- are removed; entries no corpus log supports
 *       (written from a tool's documentation) stay,
 *   <li>so are the extractor's vocabulary rules and the generic signs whose whole support lies there: a rule is
 *       supported by a group when it scores one of its failure lines (the gold lines, else the excerpt), a sign
 *       when it shows on them (or in the failing step's kind) and the case's verdict agrees.
 * </ul>
 *
 * then the held-out fold is triaged with what is left. Pooled over the folds, every prediction comes from a
 * triage that never saw its case's group.
 */
public final class CrossValidation {

    private final BiFunction<List<KnownError>, Tuning, TriageService> services;
    private final List<KnownError> entries;
    private final Predictor predictor;
    private final int maxLines;
    private final List<Tuning> grid;

    /**
     * @param services builds a triage over a subset of the knowledge base with given extractor weights
     * @param grid the weights to choose from; the first is the default, preferred on ties
     */
    public CrossValidation(BiFunction<List<KnownError>, Tuning, TriageService> services, List<KnownError> entries,
            Predictor predictor, int maxLines, List<Tuning> grid) {
        this.services = Objects.requireNonNull(services, "services");
        this.entries = List.copyOf(entries);
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.maxLines = maxLines;
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the tuning grid is empty");
        }
        this.grid = List.copyOf(grid);
    }

    /** The default grid: the default weights first, then every combination of a few values per weight. */
    public static List<Tuning> defaultGrid() {
        List<Tuning> grid = new ArrayList<>();
        grid.add(Tuning.DEFAULT);
        for (int position : new int[] {0, 4, 8}) {
            for (int rarity : new int[] {0, 4}) {
                Tuning t = new Tuning(position, rarity, Tuning.DEFAULT.novelty());
                if (!t.equals(Tuning.DEFAULT)) {
                    grid.add(t);
                }
            }
        }
        return grid;
    }

    /**
     * One held-out fold: the weights chosen without it, the entries, rules and signs removed for it (the rules
     * and signs in {@code chosen.heldOut()}), its scores.
     */
    public record Fold(int fold, int cases, Tuning chosen, List<String> dropped, Scores scores) {
        public Fold {
            dropped = List.copyOf(dropped);
        }
    }

    /** One group (repository) scored by its held-out fold's triage. */
    public record Group(String group, int fold, Scores scores) {
    }

    /**
     * @param inSample every case with every entry and the default weights (what is fitted on the corpus)
     * @param pooled every case scored by its held-out fold's triage
     * @param support per entry, the groups whose logs it fires on where the job failed
     * @param chosenOnAll the weights the same rule chooses on every case: what {@link Tuning#DEFAULT} should be
     */
    public record Result(Scores inSample, Scores pooled, List<Fold> folds, List<Group> groups,
            Map<String, Set<String>> support, Map<String, Prediction> predictions, Tuning chosenOnAll) {
        public Result {
            folds = List.copyOf(folds);
            groups = List.copyOf(groups);
            support = Map.copyOf(support);
            predictions = Map.copyOf(predictions);
        }

        /** The groups scoring worst when held out: lowest hit@N, then any-hit@N, then non-code F1. */
        public List<Group> worst(int n) {
            return groups.stream()
                    .sorted(Comparator.comparingDouble((Group g) -> g.scores().extractionCases() == 0 ? 2 : g.scores().hitRate())
                            .thenComparingDouble(g -> g.scores().extractionCases() == 0 ? 2 : g.scores().anyHitRate())
                            .thenComparingDouble(g -> g.scores().hasNonCode() ? g.scores().nonCodeF1() : 2)
                            .thenComparing(Group::group))
                    .limit(n).toList();
        }
    }

    /**
     * @param cases the evaluated cases, each with its group as {@link EvalCase#repository()}
     * @param foldOf each evaluated case's fold, by case id
     * @param supportOnly further cases (other sets) whose logs count as support of an entry, never held out
     */
    public Result run(List<EvalCase> cases, Map<String, Integer> foldOf, List<EvalCase> supportOnly) {
        for (EvalCase c : cases) {
            if (!foldOf.containsKey(c.id())) {
                throw new IllegalArgumentException("case " + c.id() + " has no fold");
            }
        }
        // Every weight setting over every case, with every entry; the default's run also counts support.
        // Without gold lines there is nothing to choose weights by.
        List<Tuning> candidates = cases.stream().anyMatch(c -> c.goldLines() != null) ? grid : List.of(grid.getFirst());
        Map<Tuning, Map<String, Prediction>> byTuning = new LinkedHashMap<>();
        Map<String, Set<String>> support = new TreeMap<>();
        for (Tuning t : candidates) {
            TriageService triage = services.apply(entries, t);
            Map<String, Prediction> predictions = new HashMap<>();
            for (EvalCase c : cases) {
                Predictor.Observed observed = predictor.observe(triage, c);
                predictions.put(c.id(), observed.prediction());
                if (t.equals(grid.getFirst())) {
                    observed.fired().forEach(id -> support.computeIfAbsent(id, k -> new TreeSet<>()).add(c.repository()));
                }
            }
            byTuning.put(t, predictions);
        }
        TriageService everything = services.apply(entries, grid.getFirst());
        Map<String, Set<String>> ruleSupport = new TreeMap<>();
        for (EvalCase c : cases) {
            countRulesAndSigns(c, byTuning.get(grid.getFirst()).get(c.id()), ruleSupport);
        }
        for (EvalCase c : supportOnly) {
            Predictor.Observed observed = predictor.observe(everything, c);
            observed.fired().forEach(id -> support.computeIfAbsent(id, k -> new TreeSet<>()).add(c.repository()));
            countRulesAndSigns(c, observed.prediction(), ruleSupport);
        }

        Map<Integer, List<EvalCase>> byFold = new TreeMap<>();
        cases.forEach(c -> byFold.computeIfAbsent(foldOf.get(c.id()), f -> new ArrayList<>()).add(c));
        Map<String, Prediction> heldOut = new LinkedHashMap<>();
        List<Fold> folds = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<Integer, List<EvalCase>> fold : byFold.entrySet()) {
            List<EvalCase> test = fold.getValue();
            List<EvalCase> train = cases.stream().filter(c -> !foldOf.get(c.id()).equals(fold.getKey())).toList();
            Tuning chosen = choose(train, byTuning);
            Set<String> heldGroups = new TreeSet<>();
            test.forEach(c -> heldGroups.add(c.repository()));
            List<String> dropped = support.entrySet().stream()
                    .filter(e -> heldGroups.containsAll(e.getValue()))
                    .map(Map.Entry::getKey).sorted().toList();
            Set<String> rulesOut = new TreeSet<>();
            ruleSupport.forEach((name, supporters) -> {
                if (heldGroups.containsAll(supporters)) {
                    rulesOut.add(name);
                }
            });
            Tuning used = chosen.without(rulesOut);
            Map<String, Prediction> predictions = new HashMap<>();
            if (dropped.isEmpty() && rulesOut.isEmpty()) {
                test.forEach(c -> predictions.put(c.id(), byTuning.get(chosen).get(c.id())));
            } else {
                TriageService without = services.apply(
                        entries.stream().filter(e -> !dropped.contains(e.id())).toList(), used);
                test.forEach(c -> predictions.put(c.id(), predictor.observe(without, c).prediction()));
            }
            heldOut.putAll(predictions);
            folds.add(new Fold(fold.getKey(), test.size(), used, dropped, Scores.of(test, predictions, maxLines)));
            Map<String, List<EvalCase>> byGroup = new TreeMap<>();
            test.forEach(c -> byGroup.computeIfAbsent(c.repository(), g -> new ArrayList<>()).add(c));
            byGroup.forEach((g, groupCases) -> groups.add(new Group(g, fold.getKey(), Scores.of(groupCases, predictions, maxLines))));
        }
        return new Result(Scores.of(cases, byTuning.get(grid.getFirst()), maxLines), Scores.of(cases, heldOut, maxLines),
                folds, groups, support, heldOut, choose(cases, byTuning));
    }

    /**
     * Counts the case's group as support of the vocabulary rule scoring each of its failure lines (gold lines,
     * else the excerpt), and of each generic sign on them -- and of its failing step's kind -- that agrees with
     * the case's verdict.
     */
    private static void countRulesAndSigns(EvalCase c, Prediction prediction, Map<String, Set<String>> support) {
        List<String> lines = c.goldLines() != null ? c.goldLines() : prediction == null ? List.of() : prediction.excerpt();
        for (String line : lines) {
            Vocabulary.ruleFor(line).ifPresent(rule -> support.computeIfAbsent(rule, k -> new TreeSet<>()).add(c.repository()));
        }
        if (c.label() == null || !LABELS.contains(c.label())) {
            return;
        }
        boolean code = c.label().equals("code");
        List<Signs.Sign> signs = new ArrayList<>();
        lines.forEach(line -> Signs.onLine(line).ifPresent(signs::add));
        if (prediction != null) {
            Signs.ofStep(prediction.failedStep()).ifPresent(signs::add);
        }
        for (Signs.Sign sign : signs) {
            if ((sign.verdict() == Verdict.CODE) == code) {
                support.computeIfAbsent(sign.name(), k -> new TreeSet<>()).add(c.repository());
            }
        }
    }

    private static final Set<String> LABELS = Set.of("code", "platform", "flaky");

    /** The weights that score best on the training cases: hit@N, then any-hit@N; the earlier in the grid on ties. */
    private Tuning choose(List<EvalCase> train, Map<Tuning, Map<String, Prediction>> byTuning) {
        Tuning best = grid.getFirst();
        Scores bestScores = Scores.of(train, byTuning.get(best), maxLines);
        for (Tuning t : byTuning.keySet()) {
            Scores s = Scores.of(train, byTuning.get(t), maxLines);
            if (s.hitRate() > bestScores.hitRate()
                    || s.hitRate() == bestScores.hitRate() && s.anyHitRate() > bestScores.anyHitRate()) {
                best = t;
                bestScores = s;
            }
        }
        return best;
    }
}
