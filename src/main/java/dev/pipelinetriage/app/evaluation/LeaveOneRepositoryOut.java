package dev.pipelinetriage.app.evaluation;

import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.domain.KnownError;
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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Leave-one-repository-out evaluation of a rule-based triage. An entry written after looking at one project's
 * logs would score that project well whatever its merit, so for each repository R of the corpus the entries
 * whose only support is R -- their patterns fire where a job failed on R's logs and on no other
 * repository's -- are removed, and R's cases are triaged with what is left. Entries no corpus log supports
 * (written from a tool's documentation) stay. Support is counted over the evaluated cases plus any further
 * corpus cases given, so an entry also proven on another set is not held against one repository.
 */
public final class LeaveOneRepositoryOut {

    private final Function<List<KnownError>, TriageService> services;
    private final List<KnownError> entries;
    private final Predictor predictor;
    private final int maxLines;

    /**
     * @param services builds a triage service over a subset of the knowledge base
     * @param maxLines the excerpt budget, also the N of hit@N
     */
    public LeaveOneRepositoryOut(Function<List<KnownError>, TriageService> services, List<KnownError> entries,
            Predictor predictor, int maxLines) {
        this.services = Objects.requireNonNull(services, "services");
        this.entries = List.copyOf(entries);
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.maxLines = maxLines;
    }

    /** One held-out repository: its cases, the entries removed for it, and its scores without them. */
    public record Group(String repository, int cases, List<String> dropped, Scores scores) {
        public Group {
            dropped = List.copyOf(dropped);
        }
    }

    /**
     * @param withEverything the evaluated cases scored with the whole knowledge base
     * @param heldOut every case scored by its own held-out run, pooled
     * @param support per entry, the repositories whose logs it fires on (entries firing nowhere are absent)
     * @param predictions each case's held-out prediction
     */
    public record Result(Scores withEverything, Scores heldOut, List<Group> groups, Map<String, Set<String>> support,
            Map<String, Prediction> predictions) {
        public Result {
            groups = List.copyOf(groups);
            support = Map.copyOf(support);
            predictions = Map.copyOf(predictions);
        }

        /** Entries whose whole support is one repository, by id. */
        public Map<String, String> singleRepository() {
            return support.entrySet().stream().filter(e -> e.getValue().size() == 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().iterator().next(), (a, b) -> a,
                            TreeMap::new));
        }
    }

    public Result run(List<EvalCase> cases, List<EvalCase> supportOnly) {
        TriageService everything = services.apply(entries);
        Map<String, Prediction> full = new HashMap<>();
        Map<String, Set<String>> support = new TreeMap<>();
        for (EvalCase c : cases) {
            Predictor.Observed observed = predictor.observe(everything, c);
            full.put(c.id(), observed.prediction());
            observed.fired().forEach(id -> support.computeIfAbsent(id, k -> new TreeSet<>()).add(c.repository()));
        }
        for (EvalCase c : supportOnly) {
            predictor.observe(everything, c).fired()
                    .forEach(id -> support.computeIfAbsent(id, k -> new TreeSet<>()).add(c.repository()));
        }
        Map<String, List<EvalCase>> byRepository = new TreeMap<>();
        cases.forEach(c -> byRepository.computeIfAbsent(c.repository(), r -> new ArrayList<>()).add(c));

        Map<String, Prediction> heldOut = new LinkedHashMap<>();
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<EvalCase>> group : byRepository.entrySet()) {
            String repository = group.getKey();
            List<String> dropped = support.entrySet().stream()
                    .filter(e -> e.getValue().equals(Set.of(repository)))
                    .map(Map.Entry::getKey).sorted().toList();
            Map<String, Prediction> predictions = new HashMap<>();
            if (dropped.isEmpty()) {
                group.getValue().forEach(c -> predictions.put(c.id(), full.get(c.id())));
            } else {
                TriageService without = services.apply(entries.stream()
                        .filter(e -> !dropped.contains(e.id())).toList());
                group.getValue().forEach(c -> predictions.put(c.id(), predictor.observe(without, c).prediction()));
            }
            heldOut.putAll(predictions);
            groups.add(new Group(repository, group.getValue().size(), dropped,
                    Scores.of(group.getValue(), predictions, maxLines)));
        }
        groups.sort(Comparator.comparing(Group::repository));
        return new Result(Scores.of(cases, full, maxLines), Scores.of(cases, heldOut, maxLines), groups, support,
                heldOut);
    }
}
