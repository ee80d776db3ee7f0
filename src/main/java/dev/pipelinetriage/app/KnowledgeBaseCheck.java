package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Entry;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Problem;
import dev.pipelinetriage.app.port.PhraseMatcher;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.TriageReport;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The knowledge base's own tests, behind {@code pipeline-triage kb lint} and {@code kb test}.
 *
 * <ul>
 *   <li>{@link #lint}: the loader's schema problems, then for every entry: at least two examples and one
 *       counter-example; every example matches one of the entry's own indications; no counter-example
 *       does. Regexes are matched by the engine's {@link IndicationMatcher} exactly as during triage,
 *       phrases by the search index's analysis.</li>
 *   <li>{@link #test}: every example, inside a few ordinary log lines, goes through the whole triage and
 *       must come out with its own entry as the match.</li>
 * </ul>
 * Both first run {@link KnowledgeBaseBreadth}: a regex that fires on lines of passing builds is refused by either.
 * Problems point at the YAML line of the example at fault.
 */
public final class KnowledgeBaseCheck {

    static final int MIN_EXAMPLES = 2;
    static final int MIN_COUNTER_EXAMPLES = 1;

    /** Lines a CI log typically shows before a failure; none of them should match any entry. */
    private static final List<String> LOG_BEFORE = List.of(
            "Running on runner ci-runner-7 (linux, x86_64)",
            "$ git checkout --force 4c1d2e3f",
            "HEAD is now at 4c1d2e3 Update release notes",
            "$ ./ci/build.sh",
            "Step 3/5 : building and testing the project");
    private static final List<String> LOG_AFTER = List.of(
            "Cleaning up project directory and file based variables",
            "Process exited with status 1");

    private final PhraseMatcher phraseMatcher;
    private final KnowledgeBaseBreadth breadth = KnowledgeBaseBreadth.bundled();

    public KnowledgeBaseCheck(PhraseMatcher phraseMatcher) {
        this.phraseMatcher = Objects.requireNonNull(phraseMatcher, "phraseMatcher");
    }

    /**
     * What is worth knowing but not wrong: regexes without a literal the prefilter can use, which run on every
     * line of every log, so each one adds to the cost of every line.
     */
    public List<Problem> warnings(KnowledgeBaseLoad load) {
        if (!(load instanceof KnowledgeBaseLoad.Loaded loaded)) {
            return List.of();
        }
        var alwaysTried = new IndicationMatcher(loaded.knownErrors()).alwaysTried();
        List<Problem> warnings = new ArrayList<>();
        for (Entry entry : loaded.entries()) {
            for (IndicationMatcher.AlwaysTried a : alwaysTried) {
                if (a.knownError().id().equals(entry.knownError().id())) {
                    warnings.add(new Problem(entry.file(), entry.lineOf(a.indication()), "regex /" + a.pattern() + "/ has no literal"
                            + " of 3 or more characters outside groups and alternatives, so it runs on every line;"
                            + " add fixed text every match contains"));
                }
            }
        }
        return List.copyOf(warnings);
    }

    /** Every problem of the knowledge base; empty when it is fit to ship. */
    public List<Problem> lint(KnowledgeBaseLoad load) {
        return switch (load) {
            case KnowledgeBaseLoad.Invalid invalid -> invalid.problems();
            case KnowledgeBaseLoad.Loaded loaded -> lintEntries(loaded);
        };
    }

    private List<Problem> lintEntries(KnowledgeBaseLoad.Loaded loaded) {
        IndicationMatcher regexes = new IndicationMatcher(loaded.knownErrors());
        List<Problem> problems = new ArrayList<>(breadth.check(loaded));
        for (Entry entry : loaded.entries()) {
            KnownError known = entry.knownError();
            if (known.examples().size() < MIN_EXAMPLES) {
                problems.add(new Problem(entry.file(), entry.line(), "has " + known.examples().size()
                        + " example(s); add at least " + MIN_EXAMPLES + " real log lines that must match"));
            }
            if (known.counterExamples().size() < MIN_COUNTER_EXAMPLES) {
                problems.add(new Problem(entry.file(), entry.line(), "has no counter-example; add a near-miss"
                        + " log line that must not match, to pin the entry's boundary"));
            }
            for (int i = 0; i < known.examples().size(); i++) {
                String example = known.examples().get(i);
                if (!matchesOwnIndication(regexes, known, example)) {
                    problems.add(new Problem(entry.file(), entry.exampleLines().get(i), "example does not match"
                            + " any indication of " + known.id() + "; fix the example or widen an indication: "
                            + abbreviate(example)));
                }
            }
            for (int i = 0; i < known.counterExamples().size(); i++) {
                String counter = known.counterExamples().get(i);
                if (matchesOwnIndication(regexes, known, counter)) {
                    problems.add(new Problem(entry.file(), entry.counterExampleLines().get(i), "counter-example"
                            + " matches an indication of " + known.id() + "; narrow the indication or drop the"
                            + " counter-example: " + abbreviate(counter)));
                }
            }
        }
        return List.copyOf(problems);
    }

    private boolean matchesOwnIndication(IndicationMatcher regexes, KnownError entry, String text) {
        if (IndicationMatcher.hasRegexIndication(entry) && regexes.matches(entry, text)) {
            return true;
        }
        for (Indication indication : entry.indications()) {
            if (indication instanceof Indication.Phrase phrase) {
                for (String line : text.split("\n", -1)) {
                    if (phraseMatcher.matches(phrase, line)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Runs every example of every entry through {@code triage} (built over the same entries), wrapped in
     * ordinary log lines, and reports each example whose report does not name its own entry.
     */
    public List<Problem> test(KnowledgeBaseLoad.Loaded loaded, Function<String, TriageReport> triage) {
        // An over-broad regex steals other entries' examples below; say why first, in the words lint uses.
        List<Problem> problems = new ArrayList<>(breadth.check(loaded));
        for (Entry entry : loaded.entries()) {
            KnownError known = entry.knownError();
            for (int i = 0; i < known.examples().size(); i++) {
                TriageReport report = triage.apply(wrapInLog(known.examples().get(i)));
                String got = report.bestMatch().map(m -> m.knownError().id()).orElse(null);
                if (!known.id().equals(got)) {
                    problems.add(new Problem(entry.file(), entry.exampleLines().get(i), "inside a log, this example"
                            + " triages as " + (got == null ? "no known error" : got) + " (verdict "
                            + report.verdict().wireName() + String.format(Locale.ROOT, ", confidence %.2f",
                            report.confidence()) + ") instead of " + known.id()
                            + "; make the example or its indications more specific, or narrow " + (got == null
                            ? "the extractor rules" : got)));
                }
            }
        }
        return List.copyOf(problems);
    }

    /** Triages one log held in memory with the given service (a convenience for {@link #test}). */
    public static Function<String, TriageReport> inMemory(TriageService service, int maxLines) {
        return log -> service.analyze(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), maxLines, false);
    }

    static String wrapInLog(String example) {
        List<String> lines = new ArrayList<>(LOG_BEFORE);
        lines.add(example);
        lines.addAll(LOG_AFTER);
        return String.join("\n", lines) + "\n";
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
