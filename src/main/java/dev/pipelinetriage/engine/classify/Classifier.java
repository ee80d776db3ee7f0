package dev.pipelinetriage.engine.classify;

import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.engine.extract.Extraction;
import dev.pipelinetriage.engine.match.RegexEvidence;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the verdict. A known error is named only when one of its own patterns (a regex or phrase
 * indication) fired where the job failed -- among the extracted key lines, in the excerpt, or, when those lines
 * name no kind of failure, in the log's last quarter. Similarity to an entry's example lines ranks candidates but never names one alone: measured on
 * logs never used in development, such matches were right about one time in four. Without a fired pattern,
 * generic signals over the key lines give a weaker verdict, or {@code unknown} when the log says too little --
 * confidence always reflects how the verdict was reached.
 *
 * <p>Entries tagged {@value #SUMMARY_TAG} recognise a tool's summary ("3 tests failed", "could not compile
 * due to previous error"): true, but not why. When such an entry leads and an entry that names a cause
 * (a port in use, a full disk, a refused connection) also matches near the failure, the cause is the
 * explanation -- a test that failed because its port was taken is not a code failure.
 *
 * <p>An entry that declares it {@link KnownError#supersedes supersedes} the chosen one, and fired near the
 * failure too, is its more specific form and names the failure instead.
 */
public final class Classifier {

    /** Below this combined score a known error is not trusted as the explanation. */
    static final double MATCH_THRESHOLD = 0.5;
    /** A cause must score at least this to displace a leading summary entry. */
    static final double CAUSE_THRESHOLD = 0.6;
    /** ... and be at most this far below it: a faint resemblance does not explain a clear summary. */
    static final double CAUSE_MARGIN = 0.25;
    /** Tag of entries that recognise a failure summary rather than its cause. */
    public static final String SUMMARY_TAG = "summary";
    /** Share of the log after which a regex hit outside the excerpt still counts as where the job ended. */
    static final double LATE_SHARE = 0.75;
    private static final int KEY_LINES_CONSIDERED = 12;

    /** Generic signs not to use, by name (cross-validation holds out those only the held-out fold supports). */
    private final Set<String> heldOutSigns;

    public Classifier() {
        this(Set.of());
    }

    /** @param heldOut held-out names ({@code sign:...}, see {@link Signs}); other names are ignored */
    public Classifier(Set<String> heldOut) {
        Set<String> signs = new HashSet<>();
        for (String name : heldOut) {
            if (name.startsWith(Signs.PREFIX)) {
                signs.add(name.substring(Signs.PREFIX.length()));
            }
        }
        this.heldOutSigns = Set.copyOf(signs);
    }

    public Classification classify(Extraction extraction, List<RegexEvidence> regexEvidence, List<Match> searchMatches) {
        List<Match> named = combine(extraction, regexEvidence, searchMatches).stream()
                .filter(Match::patternFired)
                .toList();
        if (!named.isEmpty() && named.getFirst().score() >= MATCH_THRESHOLD) {
            Match cause = explanation(named);
            Match best = mostSpecific(cause, named);
            KnownError entry = best.knownError();
            double confidence = Math.min(0.97, 0.2 + 0.75 * best.score());
            String reason = "matches known error '" + entry.title() + "'";
            if (best != cause) {
                reason += ", a more specific form of '" + cause.knownError().title() + "'";
            } else if (best != named.getFirst()) {
                reason += ", the cause behind '" + named.getFirst().knownError().title() + "'";
            }
            return new Classification(entry.category().verdict(), round(confidence), best, reason, List.of());
        }
        return fallback(extraction);
    }

    /** The leading candidate, unless it is a summary and a cause matched near the failure too. */
    private static Match explanation(List<Match> candidates) {
        Match top = candidates.getFirst();
        if (!isSummary(top.knownError())) {
            return top;
        }
        return candidates.stream()
                .filter(m -> m.score() >= Math.max(CAUSE_THRESHOLD, top.score() - CAUSE_MARGIN)
                        && !isSummary(m.knownError()))
                .findFirst()
                .orElse(top);
    }

    /**
     * Follows {@code supersedes} from the chosen entry to the most specific entry that also fired near the
     * failure with a trusted score; the loader rejects cycles, the visited set only guards hand-made entries.
     */
    private static Match mostSpecific(Match chosen, List<Match> candidates) {
        Match current = chosen;
        Set<String> visited = new HashSet<>();
        while (visited.add(current.knownError().id())) {
            Match refined = null;
            for (Match m : candidates) {
                if (m.score() >= MATCH_THRESHOLD && m.knownError().supersedes(current.knownError())) {
                    refined = m;
                    break;
                }
            }
            if (refined == null) {
                return current;
            }
            current = refined;
        }
        return current;
    }

    static boolean isSummary(KnownError entry) {
        return entry.tags().contains(SUMMARY_TAG);
    }

    /**
     * One score per known error, best first: regex evidence near the failure, Lucene similarity, or both. A
     * match's {@code patternFired} says whether a regex fired near the failure or a phrase fired in the
     * searched failure lines.
     */
    public List<Match> combine(Extraction extraction, List<RegexEvidence> regexEvidence, List<Match> searchMatches) {
        Map<Integer, Integer> keyRank = new HashMap<>();
        List<LogLine> keys = extraction.keyLines();
        for (int i = 0; i < Math.min(keys.size(), KEY_LINES_CONSIDERED); i++) {
            keyRank.putIfAbsent(keys.get(i).number(), i);
        }
        Set<Integer> excerptLines = new HashSet<>();
        extraction.excerpt().forEach(l -> excerptLines.add(l.number()));
        // A late hit outside the excerpt explains the failure only when the failure lines themselves name no
        // kind of failure (a bare "Job failed: exit code 1" after a formatter's diff); when they do (a compiler
        // error, a failed test), an earlier warning in the log's last quarter is not what the job died of.
        boolean keyLinesSayNothing = keys.stream().limit(KEY_LINES_CONSIDERED)
                .noneMatch(l -> GenericSignals.strongest(l.text(), heldOutSigns).isPresent());

        Map<String, Match> best = new HashMap<>();
        for (RegexEvidence evidence : regexEvidence) {
            double score = 0.55;
            int bestRank = evidence.lines().stream()
                    .mapToInt(l -> keyRank.getOrDefault(l.number(), Integer.MAX_VALUE)).min().orElse(Integer.MAX_VALUE);
            boolean nearFailure = true;
            if (bestRank != Integer.MAX_VALUE) {
                score += 0.35 - 0.02 * bestRank;
            } else if (evidence.lines().stream().anyMatch(l -> excerptLines.contains(l.number()))) {
                score += 0.15;
            } else if (!(isLate(evidence, extraction) && keyLinesSayNothing
                    && evidence.lines().stream().anyMatch(extraction::whereItFailed))) {
                score -= 0.1; // found somewhere in the log, but not where the job failed
                nearFailure = false;
            }
            if (evidence.hits() > 1) {
                score += 0.03;
            }
            put(best, new Match(evidence.knownError(), clamp(score), evidence.lines(), nearFailure));
        }
        for (Match m : searchMatches) {
            Match existing = best.get(m.knownError().id());
            double score = 0.85 * m.score();
            if (existing != null) {
                // Regex and similarity agree; the closer the resemblance to an example, the more specific the
                // entry, which decides between two entries whose regexes both hit the same line.
                score = Math.max(existing.score(), score) + 0.1 * m.score();
                var evidence = new ArrayList<>(existing.evidence());
                m.evidence().stream().filter(l -> !evidence.contains(l)).forEach(evidence::add);
                best.put(m.knownError().id(), new Match(m.knownError(), clamp(score), evidence,
                        existing.patternFired() || m.patternFired()));
            } else {
                put(best, m.withScore(clamp(score)));
            }
        }
        return best.values().stream()
                .sorted((a, b) -> Double.compare(b.score(), a.score()))
                .toList();
    }

    /**
     * True when the entry last showed in the log's final part: the job may have ended on it even if the
     * extractor chose other lines (a formatter's diff before a wrapper's bare error lines). It counts only
     * inside the failing step (checked by the caller): a probe in a cache step is not where the job failed.
     */
    private static boolean isLate(RegexEvidence evidence, Extraction extraction) {
        int last = evidence.lines().stream().mapToInt(LogLine::number).max().orElse(0);
        return extraction.lineCount() > 0 && last >= LATE_SHARE * extraction.lineCount();
    }

    private static void put(Map<String, Match> best, Match m) {
        best.merge(m.knownError().id(), m, (a, b) -> a.score() >= b.score() ? a : b);
    }

    private Classification fallback(Extraction extraction) {
        Map<Verdict, Double> votes = new EnumMap<>(Verdict.class);
        Map<Verdict, String> why = new EnumMap<>(Verdict.class);
        Set<String> signals = new LinkedHashSet<>();
        List<LogLine> keys = extraction.keyLines();
        // With no error line the excerpt is the end of the failing step; its last lines are what the job said as
        // it died (a runner's warnings that it lost the pod), so they vote instead, the last one first.
        List<LogLine> voters = keys.isEmpty() ? extraction.excerpt().reversed() : keys;
        for (int rank = 0; rank < Math.min(voters.size(), KEY_LINES_CONSIDERED); rank++) {
            LogLine line = voters.get(rank);
            double rankWeight = 1.0 / (1.0 + 0.3 * rank);
            GenericSignals.strongest(line.text(), heldOutSigns).ifPresent(signal -> {
                votes.merge(signal.verdict(), signal.weight() * rankWeight, Double::sum);
                why.putIfAbsent(signal.verdict(), signal.name());
                signals.add(signal.name());
            });
        }
        // The kind of step that failed is a sign too: a job that dies while the runner prepares it, or while
        // its dependencies install, mostly failed for the platform's reasons.
        StepKind.of(extraction.failedStep()).filter(kind -> !heldOutSigns.contains(kind.signal())).ifPresent(kind -> {
            votes.merge(Verdict.PLATFORM, (double) kind.weight(), Double::sum);
            why.putIfAbsent(Verdict.PLATFORM, kind.signal());
            signals.add(kind.signal());
        });
        if (votes.isEmpty()) {
            if (!keys.isEmpty()) {
                return new Classification(Verdict.CODE, 0.3, null,
                        "no known error; error lines but no generic sign, and most such failures come from the change",
                        List.of());
            }
            return new Classification(Verdict.UNKNOWN, 0.0, null, "no known error and no error lines in the log",
                    List.of());
        }
        var ordered = votes.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).toList();
        Verdict top = ordered.getFirst().getKey();
        double topVotes = ordered.getFirst().getValue();
        double second = ordered.size() > 1 ? ordered.get(1).getValue() : 0.0;
        double margin = (topVotes - second) / topVotes;
        double confidence = 0.3 + 0.3 * margin;
        return new Classification(top, round(confidence), null,
                "no known error; generic " + why.get(top) + " signs point to " + top.wireName(),
                List.copyOf(signals));
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
