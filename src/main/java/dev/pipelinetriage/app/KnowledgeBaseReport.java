package dev.pipelinetriage.app;

import dev.pipelinetriage.app.LogFolder.LogFile;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.engine.classify.Classifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How well the knowledge base explains a set of failed jobs (OpenStack elastic-recheck's questions):
 * the share it explains, which entries do the work and which never fire, where two entries claim one log,
 * which entries also fire on successful jobs (too broad), and the failures nothing explains, grouped by a
 * masked signature -- the work queue for new entries.
 */
public final class KnowledgeBaseReport {

    /** A candidate at least this strong is a claim on the log; two such claims are an overlap. */
    static final double STRONG = 0.8;
    /** An entry firing on more than this share of successful jobs is too broad. */
    static final double TOO_BROAD_SHARE = 0.10;
    private static final int MAX_LOGS_PER_GROUP = 5;
    private static final String NO_ERROR_LINES = "(no error lines found)";

    private final TriageService triage;
    private final List<KnownError> entries;
    private final int maxLines;

    public KnowledgeBaseReport(TriageService triage, List<KnownError> entries, int maxLines) {
        this.triage = Objects.requireNonNull(triage, "triage");
        this.entries = List.copyOf(entries);
        this.maxLines = maxLines;
    }

    /** Per entry: logs it explained (as the report's match) and logs it strongly claimed. */
    public record EntryUse(String id, String category, int explained, int strong) {
    }

    /** A log that two or more non-summary entries claim strongly, with their scores. */
    public record Overlap(String log, Map<String, Double> entries) {
        public Overlap {
            entries = Map.copyOf(entries);
        }
    }

    /** How often an entry fires on successful jobs; {@code tooBroad} above {@value #TOO_BROAD_SHARE}. */
    public record PassingFire(String id, int logs, double share, boolean tooBroad) {
    }

    /** Unexplained failures sharing one signature: how many, one example line and some of the logs. */
    public record WorkItem(String signature, int count, String example, List<String> logs) {
        public WorkItem {
            logs = List.copyOf(logs);
        }
    }

    /**
     * The report. {@code explainedByCategory} counts explained logs by the matched entry's category;
     * {@code unexplainedVerdicts} the fallback verdicts of the rest; {@code passingLogs} is 0 and
     * {@code passing} empty when no successful jobs were given.
     */
    public record Result(int failedLogs, int explained, Map<String, Integer> explainedByCategory,
                         Map<String, Integer> unexplainedVerdicts, List<EntryUse> entries, List<String> unused,
                         List<Overlap> overlaps, int passingLogs, List<PassingFire> passing,
                         List<WorkItem> workQueue) {
        public Result {
            explainedByCategory = Map.copyOf(explainedByCategory);
            unexplainedVerdicts = Map.copyOf(unexplainedVerdicts);
            entries = List.copyOf(entries);
            unused = List.copyOf(unused);
            overlaps = List.copyOf(overlaps);
            passing = List.copyOf(passing);
            workQueue = List.copyOf(workQueue);
        }

        /** The share of failed logs a specific entry explains, 0 when there were none. */
        public double coverage() {
            return failedLogs == 0 ? 0 : (double) explained / failedLogs;
        }
    }

    public Result run(List<LogFile> failed, List<LogFile> successful) {
        Map<String, int[]> use = new LinkedHashMap<>();
        entries.forEach(e -> use.put(e.id(), new int[2]));
        Map<String, Integer> byCategory = new TreeMap<>();
        Map<String, Integer> fallbacks = new TreeMap<>();
        List<Overlap> overlaps = new ArrayList<>();
        Map<String, List<String>> groupLogs = new LinkedHashMap<>();
        Map<String, String> groupExample = new HashMap<>();
        int explained = 0;
        for (LogFile log : failed) {
            TriageDetail detail = analyze(log);
            TriageReport report = detail.report();
            if (report.match() != null) {
                explained++;
                KnownError entry = report.match().knownError();
                use.computeIfAbsent(entry.id(), id -> new int[2])[0]++;
                byCategory.merge(entry.category().wireName(), 1, Integer::sum);
            } else {
                fallbacks.merge(report.verdict().wireName(), 1, Integer::sum);
                RedactedLine line = signatureLine(detail);
                String signature = line == null ? NO_ERROR_LINES : FailureSignature.of(line.text());
                groupLogs.computeIfAbsent(signature, s -> new ArrayList<>()).add(log.id());
                groupExample.putIfAbsent(signature, line == null ? "" : log.id() + ":" + line.number() + ": " + line.text());
            }
            Map<String, Double> strong = new LinkedHashMap<>();
            for (NamedError m : detail.candidates()) {
                if (m.score() >= STRONG) {
                    use.computeIfAbsent(m.knownError().id(), id -> new int[2])[1]++;
                    if (!m.knownError().tags().contains(Classifier.SUMMARY_TAG)) {
                        strong.put(m.knownError().id(), Math.round(m.score() * 100) / 100.0);
                    }
                }
            }
            if (strong.size() > 1) {
                overlaps.add(new Overlap(log.id(), strong));
            }
        }
        Map<String, String> categories = new HashMap<>();
        entries.forEach(e -> categories.put(e.id(), e.category().wireName()));
        List<EntryUse> uses = use.entrySet().stream()
                .map(e -> new EntryUse(e.getKey(), categories.getOrDefault(e.getKey(), "?"), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingInt(EntryUse::explained).reversed()
                        .thenComparing(Comparator.comparingInt(EntryUse::strong).reversed())
                        .thenComparing(EntryUse::id))
                .toList();
        List<String> unused = uses.stream().filter(u -> u.explained() == 0 && u.strong() == 0).map(EntryUse::id).sorted().toList();
        List<WorkItem> queue = groupLogs.entrySet().stream()
                .map(g -> new WorkItem(g.getKey(), g.getValue().size(), groupExample.get(g.getKey()),
                        g.getValue().stream().limit(MAX_LOGS_PER_GROUP).toList()))
                .sorted(Comparator.comparingInt(WorkItem::count).reversed().thenComparing(WorkItem::signature))
                .toList();
        return new Result(failed.size(), explained, byCategory, fallbacks, uses, unused, overlaps,
                successful.size(), passingFires(successful), queue);
    }

    /**
     * Entries firing on successful jobs: a regex indication anywhere in the log, or a candidate the
     * classifier would trust. Sorted by how often, most first.
     */
    private List<PassingFire> passingFires(List<LogFile> successful) {
        Map<String, Integer> fires = new TreeMap<>();
        for (LogFile log : successful) {
            TriageDetail detail = analyze(log);
            var fired = new LinkedHashSet<String>(detail.regexHits());
            detail.candidates().stream().filter(m -> m.score() >= STRONG).forEach(m -> fired.add(m.knownError().id()));
            fired.forEach(id -> fires.merge(id, 1, Integer::sum));
        }
        return fires.entrySet().stream()
                .map(f -> {
                    double share = (double) f.getValue() / successful.size();
                    return new PassingFire(f.getKey(), f.getValue(), Math.round(share * 1000) / 1000.0, share > TOO_BROAD_SHARE);
                })
                .sorted(Comparator.comparingInt(PassingFire::logs).reversed().thenComparing(PassingFire::id))
                .toList();
    }

    /**
     * The line a failure is grouped by: the strongest key line that says more than "the job failed"; when
     * the extractor found no such line (a tool it has no rule for), the last such line of the excerpt, which
     * is where an unknown tool's complaint usually sits; null when the log has neither.
     */
    private static RedactedLine signatureLine(TriageDetail detail) {
        var key = detail.keyLines().stream().filter(KnowledgeBaseReport::saysSomething).findFirst();
        if (key.isPresent()) {
            return key.get();
        }
        List<RedactedLine> excerpt = detail.report().excerpt();
        for (int i = excerpt.size() - 1; i >= 0; i--) {
            if (saysSomething(excerpt.get(i))) {
                return excerpt.get(i);
            }
        }
        return detail.keyLines().isEmpty() ? null : detail.keyLines().getFirst();
    }

    private static boolean saysSomething(RedactedLine line) {
        String signature = FailureSignature.of(line.text());
        return !signature.isBlank() && !FailureSignature.isGeneric(signature);
    }

    private TriageDetail analyze(LogFile log) {
        try (InputStream in = Files.newInputStream(log.path())) {
            return triage.analyzeInDetail(in, maxLines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read log " + log.path(), e);
        }
    }
}
