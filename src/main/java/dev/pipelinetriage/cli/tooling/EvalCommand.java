package dev.pipelinetriage.cli.tooling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pipelinetriage.adapter.search.LucenePhraseMatcher;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.app.evaluation.CrossValidation;
import dev.pipelinetriage.app.evaluation.EvalCase;
import dev.pipelinetriage.app.evaluation.LeaveOneRepositoryOut;
import dev.pipelinetriage.app.evaluation.PatternCheck;
import dev.pipelinetriage.app.evaluation.Prediction;
import dev.pipelinetriage.app.evaluation.Predictor;
import dev.pipelinetriage.app.evaluation.Scores;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.cli.options.KnowledgeBaseOption;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.engine.extract.Tuning;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eval CASES_DIR OUT_DIR}: one prediction per {@code CASES_DIR/<id>/log.txt}, in the format the
 * corpus scorer reads, all in one JVM so hundreds of logs take seconds; prints the same metrics as the scorer
 * where the cases carry gold lines or labels, plus how many named known errors a firing pattern backs.
 * With {@code --leave-one-repo-out}, each repository's cases are triaged without the entries only that
 * repository supports (see {@link LeaveOneRepositoryOut}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Write OUT_DIR/<id>.json ({\"excerpt\": [...], \"label\": verdict, \"match\": id, \"patternFired\": bool})"
                + " for every CASES_DIR/<id>/log.txt and print hit@N, line recall, non-code F1 and match precision.")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KnowledgeBaseOption knowledgeBase;

    @Parameters(index = "0", paramLabel = "CASES_DIR")
    Path cases;

    @Parameters(index = "1", paramLabel = "OUT_DIR")
    Path out;

    @Option(names = "--max-lines", defaultValue = "30", description = "Excerpt budget in lines, also the N of hit@N (default: ${DEFAULT-VALUE}).")
    int maxLines;

    @Option(names = "--labels", paramLabel = "CSV", description = "Gold verdicts (columns case_id,label) for cases whose expected.json has none.")
    Path labels;

    @Option(names = "--leave-one-repo-out", description = "Score each repository's cases without the entries only that repository supports;"
            + " OUT_DIR gets the held-out predictions.")
    boolean leaveOneOut;

    @Option(names = "--support", paramLabel = "DIR", description = "Further case folders whose logs count as support of an entry"
            + " (with --leave-one-repo-out; repeatable).")
    List<Path> support = new ArrayList<>();

    @Option(names = "--support-labels", paramLabel = "CSV", description = "Gold verdicts of the --support cases"
            + " (columns case_id,label; repeatable), so that they count as support of the generic signs too.")
    List<Path> supportLabels = new ArrayList<>();

    @Option(names = "--cv", paramLabel = "FOLDS_CSV", description = "Cross-validate grouped by repository with the folds"
            + " in FOLDS_CSV (columns set,case_id,group,fold): per fold, the extractor's weights are chosen on the other"
            + " folds and the entries only the held-out fold supports are removed; OUT_DIR gets the held-out predictions.")
    Path folds;

    @Option(names = "--no-previous-success", description = "Ignore the cases' previous-success.log (the last green run).")
    boolean noPrevious;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the metrics (and, with --leave-one-repo-out,"
            + " per-repository scores and every entry's support) to FILE.")
    Path json;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        for (Path dir : concat(List.of(cases), support)) {
            if (!Files.isDirectory(dir)) {
                err.println("not a directory: " + dir);
                err.flush();
                return 2;
            }
        }
        if (folds != null && !Files.isRegularFile(folds)) {
            err.println("no such folds file: " + folds);
            err.flush();
            return 2;
        }
        if (folds != null && leaveOneOut) {
            err.println("--cv and --leave-one-repo-out are two ways to hold data out; choose one");
            err.flush();
            return 2;
        }
        if (labels != null && !Files.isRegularFile(labels)) {
            err.println("no such labels file: " + labels);
            err.flush();
            return 2;
        }
        KnowledgeBaseLoad load = Bootstrap.knowledgeBase(knowledgeBase.directory());
        if (!(load instanceof KnowledgeBaseLoad.Loaded loaded)) {
            ((KnowledgeBaseLoad.Invalid) load).problems().forEach(err::println);
            err.flush();
            return 3;
        }
        Map<String, String> gold;
        try {
            gold = labels == null ? Map.of() : EvalCases.labels(labels);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
        List<EvalCase> evaluated = EvalCases.read(cases, gold);
        Files.createDirectories(out);
        Predictor predictor = new Predictor(new PatternCheck(new LucenePhraseMatcher()), maxLines, !noPrevious);
        long start = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Prediction> predictions;
        if (folds != null) {
            Map<String, EvalCases.Fold> foldOf;
            try {
                foldOf = EvalCases.folds(folds);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                err.flush();
                return 2;
            }
            List<String> missing = evaluated.stream().map(EvalCase::id).filter(id -> !foldOf.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                err.println(folds + " has no fold for " + missing.size() + " case(s), e.g. " + missing.getFirst());
                err.flush();
                return 2;
            }
            List<EvalCase> grouped = evaluated.stream().map(c -> c.inGroup(foldOf.get(c.id()).group())).toList();
            Map<String, String> extraLabels = new java.util.HashMap<>();
            for (Path csv : supportLabels) {
                if (!Files.isRegularFile(csv)) {
                    err.println("no such labels file: " + csv);
                    err.flush();
                    return 2;
                }
                extraLabels.putAll(EvalCases.labels(csv));
            }
            List<EvalCase> extra = new ArrayList<>();
            for (Path dir : support) {
                for (EvalCase c : EvalCases.read(dir, extraLabels)) {
                    EvalCases.Fold f = foldOf.get(c.id());
                    extra.add(f == null ? c : c.inGroup(f.group()));
                }
            }
            Map<String, Integer> foldNumbers = new LinkedHashMap<>();
            foldOf.forEach((id, f) -> foldNumbers.put(id, f.fold()));
            var result = new CrossValidation(servicesSharingIndexes(), loaded.knownErrors(), predictor, maxLines,
                    CrossValidation.defaultGrid()).run(grouped, foldNumbers, extra);
            predictions = result.predictions();
            printCrossValidation(stdout, result, grouped.size(), extra.size());
            report.put("inSample", json(result.inSample()));
            report.put("crossValidated", json(result.pooled()));
            List<Map<String, Object>> foldReports = new ArrayList<>();
            for (var f : result.folds()) {
                Map<String, Object> fold = new LinkedHashMap<>();
                fold.put("fold", f.fold());
                fold.put("tuning", f.chosen());
                fold.put("dropped", f.dropped());
                fold.put("scores", json(f.scores()));
                foldReports.add(fold);
            }
            report.put("folds", foldReports);
            List<Map<String, Object>> worst = new ArrayList<>();
            for (var g : result.worst(10)) {
                worst.add(Map.of("group", g.group(), "fold", g.fold(), "scores", json(g.scores())));
            }
            report.put("worstGroups", worst);
            report.put("support", new TreeMap<>(result.support()));
        } else if (leaveOneOut) {
            List<EvalCase> extra = new ArrayList<>();
            for (Path dir : support) {
                extra.addAll(EvalCases.read(dir, Map.of()));
            }
            var result = new LeaveOneRepositoryOut(Bootstrap::triageService, loaded.knownErrors(), predictor, maxLines)
                    .run(evaluated, extra);
            predictions = result.predictions();
            printLeaveOneOut(stdout, result, evaluated.size(), extra.size());
            report.put("withEveryEntry", json(result.withEverything()));
            report.put("leaveOneRepositoryOut", json(result.heldOut()));
            List<Map<String, Object>> groups = new ArrayList<>();
            for (var g : result.groups()) {
                Map<String, Object> group = new LinkedHashMap<>();
                group.put("repository", g.repository());
                group.put("dropped", g.dropped());
                group.put("scores", json(g.scores()));
                groups.add(group);
            }
            report.put("groups", groups);
            report.put("support", new TreeMap<>(result.support()));
        } else {
            TriageService triage = Bootstrap.triageService(loaded.knownErrors());
            predictions = new LinkedHashMap<>();
            for (EvalCase c : evaluated) {
                predictions.put(c.id(), predictor.observe(triage, c).prediction());
            }
            Scores scores = Scores.of(evaluated, predictions, maxLines);
            print(stdout, "scores", scores);
            report.put("scores", json(scores));
            if (!noPrevious && evaluated.stream().anyMatch(c -> c.previousSuccess() != null)) {
                // the same cases without their last green run, to show what the comparison adds
                Predictor alone = predictor.withBaseline(false);
                Map<String, Prediction> without = new LinkedHashMap<>();
                for (EvalCase c : evaluated) {
                    without.put(c.id(), alone.observe(triage, c).prediction());
                }
                Scores withoutScores = Scores.of(evaluated, without, maxLines);
                print(stdout, "without previous-success.log", withoutScores);
                report.put("withoutPreviousSuccess", json(withoutScores));
            }
        }
        ObjectMapper mapper = new ObjectMapper();
        for (Prediction p : predictions.values()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("excerpt", p.excerpt());
            file.put("label", p.label());
            file.put("match", p.match());
            file.put("patternFired", p.patternFired());
            file.put("failedStep", p.failedStep());
            file.put("signals", p.signals());
            mapper.writeValue(out.resolve(p.id() + ".json").toFile(), file);
        }
        if (json != null) {
            mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        }
        stdout.printf(Locale.ROOT, "wrote %d predictions to %s in %.1f s%n", predictions.size(), out,
                (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return 0;
    }

    private void print(PrintWriter o, String what, Scores s) {
        o.printf(Locale.ROOT, "%s: %d cases; hit@%d %s, any-hit@%d %s, line recall@%d %s (%d with gold lines); non-code F1 %s"
                        + " (%d labeled); named a known error %d, %d of them backed by a firing pattern (%s)%n",
                what, s.cases(), maxLines, ratio(s.hitRate(), s.extractionCases()), maxLines,
                ratio(s.anyHitRate(), s.extractionCases()), maxLines,
                ratio(s.lineRecall(), s.extractionCases()), s.extractionCases(), f1(s), s.scoredLabels(), s.named(),
                s.namedWithPattern(), ratio(s.patternBackedShare(), s.named()));
    }

    /**
     * Triage services for held-out entry sets and weight grids that build the matcher and search index once per set
     * of entries: the weights only change the extractor and the classifier ({@link TriageService#withTuning}).
     */
    private static BiFunction<List<KnownError>, Tuning, TriageService> servicesSharingIndexes() {
        Map<List<String>, TriageService> built = new HashMap<>();
        return (entries, tuning) -> built.computeIfAbsent(entries.stream().map(KnownError::id).toList(),
                ids -> Bootstrap.triageService(entries)).withTuning(tuning);
    }

    private void printCrossValidation(PrintWriter o, CrossValidation.Result r, int caseCount, int supportCount) {
        o.printf(Locale.ROOT, "Cross-validation grouped by repository: %d cases in %d folds; support counted on %d cases%n",
                caseCount, r.folds().size(), caseCount + supportCount);
        o.printf(Locale.ROOT, "  %4s %5s %8s %8s %11s  %-34s %s%n", "fold", "cases", "hit@" + maxLines, "any@" + maxLines,
                "non-code F1", "weights chosen on the other folds", "entries dropped");
        for (var f : r.folds()) {
            Scores s = f.scores();
            o.printf(Locale.ROOT, "  %4d %5d %8s %8s %11s  %-34s %s%n", f.fold(), f.cases(),
                    ratio(s.hitRate(), s.extractionCases()), ratio(s.anyHitRate(), s.extractionCases()), f1(s),
                    "position " + f.chosen().position() + ", rarity " + f.chosen().rarity() + ", novelty " + f.chosen().novelty(),
                    f.dropped().isEmpty() ? "-" : f.dropped().size() + ": " + String.join(" ", f.dropped()));
            if (!f.chosen().heldOut().isEmpty()) {
                o.printf(Locale.ROOT, "       rules and signs held out: %s%n", String.join(" ", new java.util.TreeSet<>(f.chosen().heldOut())));
            }
        }
        print(o, "cross-validated (pooled)", r.pooled());
        print(o, "in sample (every entry, default weights)", r.inSample());
        o.printf(Locale.ROOT, "Weights chosen on every case: position %d, rarity %d, novelty %d%n", r.chosenOnAll().position(),
                r.chosenOnAll().rarity(), r.chosenOnAll().novelty());
        o.printf(Locale.ROOT, "Worst held-out groups:%n");
        for (var g : r.worst(10)) {
            Scores s = g.scores();
            o.printf(Locale.ROOT, "  %-40s fold %d, %d cases: hit@%d %s, any@%d %s, non-code F1 %s%n", g.group(), g.fold(),
                    s.cases(), maxLines, ratio(s.hitRate(), s.extractionCases()), maxLines,
                    ratio(s.anyHitRate(), s.extractionCases()), f1(s));
        }
    }

    private void printLeaveOneOut(PrintWriter o, LeaveOneRepositoryOut.Result r, int caseCount, int supportCount) {
        o.printf(Locale.ROOT, "Leave-one-repository-out: %d cases in %d repositories; support counted on %d cases%n",
                caseCount, r.groups().size(), caseCount + supportCount);
        o.printf(Locale.ROOT, "  %-40s %5s %8s %9s %11s %9s  %s%n", "held-out repository", "cases", "hit@" + maxLines,
                "recall", "non-code F1", "patterns", "entries dropped");
        for (var g : r.groups()) {
            Scores s = g.scores();
            o.printf(Locale.ROOT, "  %-40s %5d %8s %9s %11s %9s  %s%n", g.repository(), g.cases(),
                    ratio(s.hitRate(), s.extractionCases()), ratio(s.lineRecall(), s.extractionCases()), f1(s),
                    ratio(s.patternBackedShare(), s.named()), g.dropped().isEmpty() ? "-" : String.join(" ", g.dropped()));
        }
        print(o, "held out, all repositories", r.heldOut());
        print(o, "with every entry          ", r.withEverything());
        Map<String, String> single = r.singleRepository();
        o.printf(Locale.ROOT, "Support: %d entries fire where a job failed on some corpus log; %d on one repository only:%n",
                r.support().size(), single.size());
        single.forEach((id, repository) -> o.printf(Locale.ROOT, "  %-45s %s%n", id, repository));
    }

    /** The scores as written to --json: a metric that does not apply is null. */
    private static Map<String, Object> json(Scores s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cases", s.cases());
        out.put("extractionCases", s.extractionCases());
        out.put("hitRate", s.extractionCases() == 0 ? null : s.hitRate());
        out.put("lineRecall", s.extractionCases() == 0 ? null : s.lineRecall());
        out.put("anyHitRate", s.extractionCases() == 0 ? null : s.anyHitRate());
        out.put("scoredLabels", s.scoredLabels());
        out.put("nonCodeGold", s.nonCodeGold());
        out.put("nonCodePredicted", s.nonCodePredicted());
        out.put("nonCodeF1", s.hasNonCode() ? s.nonCodeF1() : null);
        out.put("named", s.named());
        out.put("namedWithPattern", s.namedWithPattern());
        out.put("patternBackedShare", s.named() == 0 ? null : s.patternBackedShare());
        return out;
    }

    private static String ratio(double value, int denominator) {
        return denominator == 0 ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String f1(Scores s) {
        return s.hasNonCode() ? String.format(Locale.ROOT, "%.3f", s.nonCodeF1()) : "-";
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
