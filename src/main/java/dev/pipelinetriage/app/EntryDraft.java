package dev.pipelinetriage.app;

import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Sha256;
import dev.pipelinetriage.domain.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A knowledge-base entry drafted from an unexplained failure, in the knowledge base's own format
 * (knowledge-base/README.md): id and title from the signature, a category guessed from the generic signs, a regex
 * drafted from the evidence line ({@link EvidencePattern}), the evidence as examples, lines of the same log that
 * do not match as counter-examples, and a runbook stub. Every text in it must already be redacted: the draft
 * copies, it never reads a log.
 *
 * @param id kebab-case, also the file name ({@code <id>.yaml}) and the runbook's ({@code runbooks/<id>.md})
 * @param yaml the entry file
 * @param runbook the runbook stub
 */
public record EntryDraft(String id, String yaml, String runbook) {
    private static final int MAX_EXAMPLES = 4;
    private static final int MAX_COUNTER_EXAMPLES = 3;
    private static final int ID_WORDS = 5;
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9]{2,}");
    private static final Set<String> PLACEHOLDERS = Set.of("url", "path", "host", "ip", "port", "dur", "ver", "hex",
            "num", "artifact", "time", "name");
    /** The generic signs' names (engine/classify) and what each says of an entry's category and subcategory. */
    private static final Map<String, Guess> SIGNS = Map.ofEntries(
            Map.entry("compile error", new Guess(Category.CODE, "compile")),
            Map.entry("test failure", new Guess(Category.CODE, "test")),
            Map.entry("lint", new Guess(Category.CODE, "lint")),
            Map.entry("runtime exception", new Guess(Category.CODE, "runtime")),
            Map.entry("network", new Guess(Category.PLATFORM, "network")),
            Map.entry("registry", new Guess(Category.PLATFORM, "registry")),
            Map.entry("git fetch", new Guess(Category.PLATFORM, "git")),
            Map.entry("package unavailable", new Guess(Category.PLATFORM, "package")),
            Map.entry("disk or memory", new Guess(Category.PLATFORM, "resources")),
            Map.entry("runner", new Guess(Category.PLATFORM, "runner")),
            Map.entry("credentials", new Guess(Category.PLATFORM, "credentials")),
            Map.entry("flaky test", new Guess(Category.FLAKY, "test")));

    private record Guess(Category category, String subcategory) {
    }

    public EntryDraft {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(runbook, "runbook");
    }

    /**
     * What a draft is made of, all redacted.
     *
     * @param summary the signature's summary (the masked key line)
     * @param evidence the failure's key line, the pattern's source
     * @param excerpt the failure's excerpt, for more examples the pattern matches
     * @param otherLines lines of the same log outside the failure (passing steps), for counter-examples
     * @param signals the generic signs seen, strongest first
     * @param verdict the verdict the failure got
     * @param seenAt where the failure was seen (the run's page), named in the runbook stub
     */
    public record Input(String signatureKey, String summary, String evidence, List<String> excerpt,
            List<String> otherLines, List<String> signals, Verdict verdict, String seenAt) {
        public Input {
            Objects.requireNonNull(signatureKey, "signatureKey");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(evidence, "evidence");
            excerpt = List.copyOf(excerpt);
            otherLines = List.copyOf(otherLines);
            signals = List.copyOf(signals);
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    public static EntryDraft of(Input in) {
        String id = id(in.signatureKey(), in.summary());
        EvidencePattern pattern = EvidencePattern.of(in.evidence());
        Pattern compiled = Pattern.compile(pattern.regex());
        Set<String> examples = new LinkedHashSet<>();
        examples.add(in.evidence().strip());
        for (String line : in.excerpt()) {
            if (examples.size() < MAX_EXAMPLES - 1 && compiled.matcher(line).find() && !line.isBlank()) {
                examples.add(line.strip());
            }
        }
        examples.add(pattern.variant());
        List<String> counters = new ArrayList<>();
        for (String line : concat(in.otherLines(), in.excerpt())) {
            String text = line.strip();
            if (counters.size() < MAX_COUNTER_EXAMPLES && text.length() >= 8 && !compiled.matcher(text).find()
                    && !counters.contains(text)) {
                counters.add(text);
            }
        }
        if (counters.isEmpty()) {
            counters.add("Job succeeded");
        }
        Guess guess = guess(in.signals(), in.verdict());
        String title = in.summary().length() <= 100 ? in.summary() : in.summary().substring(0, 97) + "...";
        StringBuilder y = new StringBuilder();
        y.append("id: ").append(id).append('\n');
        y.append("title: ").append(quote("Proposed: " + title)).append('\n');
        y.append("category: ").append(guess.category().wireName()).append('\n');
        y.append("subcategory: ").append(guess.subcategory()).append('\n');
        y.append("indications:\n  - regex: ").append(quote(pattern.regex())).append('\n');
        y.append("examples:\n");
        examples.forEach(e -> y.append("  - ").append(quote(e)).append('\n'));
        y.append("counterExamples:\n");
        counters.forEach(c -> y.append("  - ").append(quote(c)).append('\n'));
        y.append("runbook: runbooks/").append(id).append(".md\n");
        y.append("fix: >-\n  Drafted by Pipeline Triage from signature ").append(in.signatureKey())
                .append(" (generic signs: ").append(in.signals().isEmpty() ? "none" : String.join(", ", in.signals()))
                .append("). Say what happened and what to do, then\n  review the category, the regex and the examples.\n");
        y.append("rerun: ").append(switch (guess.category()) {
            case CODE -> "never";
            case PLATFORM, FLAKY -> "safe";
        }).append('\n');
        y.append("owner: ").append(guess.category() == Category.PLATFORM ? "platform-team" : "developer").append('\n');
        y.append("tags: [proposed]\n");
        String runbook = "# " + title + "\n\nDrafted from a failure the knowledge base did not explain"
                + (in.seenAt() == null ? "" : " (seen at " + in.seenAt() + ")") + ".\n\n"
                + "## What happened\n\nTODO: the cause, in one paragraph.\n\n"
                + "## What to do\n\nTODO: the steps that fix it.\n\n"
                + "## How to verify\n\nTODO: how to tell it is fixed.\n";
        return new EntryDraft(id, y.toString(), runbook);
    }

    /** A few words of the masked key line and a hash of the signature: readable, and one id per signature. */
    static String id(String signatureKey, String summary) {
        List<String> words = new ArrayList<>();
        var m = WORD.matcher(summary.toLowerCase(Locale.ROOT));
        while (m.find() && words.size() < ID_WORDS) {
            if (!PLACEHOLDERS.contains(m.group())) {
                words.add(m.group());
            }
        }
        String hash = Sha256.hex(signatureKey).substring(0, 6);
        return (words.isEmpty() ? "proposed" : String.join("-", words)) + "-" + hash;
    }

    private static Guess guess(List<String> signals, Verdict verdict) {
        for (String signal : signals) {
            Guess guess = SIGNS.get(signal);
            if (guess != null) {
                return guess;
            }
            if (signal.endsWith("step failed")) {
                return new Guess(Category.PLATFORM, "setup");
            }
        }
        return switch (verdict) {
            case PLATFORM -> new Guess(Category.PLATFORM, "unclassified");
            case FLAKY -> new Guess(Category.FLAKY, "unclassified");
            case CODE, UNKNOWN -> new Guess(Category.CODE, "unclassified");
        };
    }

    /** A single-quoted YAML scalar: nothing in it is special but the quote, which is doubled. */
    static String quote(String text) {
        return "'" + text.replace("\n", " ").replace("'", "''") + "'";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
