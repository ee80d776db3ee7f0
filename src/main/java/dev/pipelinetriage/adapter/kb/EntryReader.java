package dev.pipelinetriage.adapter.kb;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Entry;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Problem;
import dev.pipelinetriage.domain.Category;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.RerunAdvice;
import dev.pipelinetriage.engine.text.LinePattern;
import dev.pipelinetriage.engine.text.UnsupportedPatternException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Maps one file's YAML tree to a {@link KnownError}, checking the schema documented in
 * {@code knowledge-base/README.md}. Every problem is recorded, then the entry is dropped if there was any.
 */
final class EntryReader {

    static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final int MAX_REGEX_LENGTH = 500;
    private static final List<String> KEYS = List.of("id", "title", "category", "subcategory", "indications",
            "examples", "counterExamples", "runbook", "fix", "rerun", "owner", "tags", "supersedes");
    private static final Set<String> OPTIONAL_KEYS = Set.of("tags", "supersedes");
    private static final List<String> INDICATION_KINDS = List.of("regex", "multiline", "phrase");

    private final Predicate<String> runbookExists;

    /** @param runbookExists answers whether a runbook path such as {@code runbooks/x.md} exists */
    EntryReader(Predicate<String> runbookExists) {
        this.runbookExists = runbookExists;
    }

    /** The entry, or empty with the reasons added to {@code problems}. */
    Optional<Entry> read(YamlNode root, String file, String fileBaseName, List<Problem> problems) {
        Problems out = new Problems(file, problems);
        int before = problems.size();
        if (!(root instanceof YamlNode.Mapping mapping)) {
            out.add(root == null ? 1 : root.line(), "expected a mapping of id, title, category, ... but found "
                    + (root == null ? "an empty file" : root.kind()));
            return Optional.empty();
        }
        Map<String, YamlNode.Field> fields = fields(mapping, out);

        String id = text(fields, "id", out);
        if (id != null) {
            int line = fields.get("id").value().line();
            if (!KEBAB_CASE.matcher(id).matches()) {
                out.add(line, "id '" + id + "' must be kebab-case (lower-case letters, digits and single hyphens)");
            } else if (!id.equals(fileBaseName)) {
                out.add(line, "id '" + id + "' does not match the file name; rename the file to " + id
                        + ".yaml or set id: " + fileBaseName);
            }
        }
        String title = text(fields, "title", out);
        Category category = choice(fields, "category", out, Category::fromWireName, "code, platform or flaky");
        String subcategory = text(fields, "subcategory", out);
        if (subcategory != null && !KEBAB_CASE.matcher(subcategory).matches()) {
            out.add(fields.get("subcategory").value().line(), "subcategory '" + subcategory
                    + "' must be one kebab-case word such as network, registry, disk, compile or test");
        }
        List<Indication> indications = indications(fields, out);
        List<YamlNode.Scalar> examples = texts(fields, "examples", out);
        List<YamlNode.Scalar> counterExamples = texts(fields, "counterExamples", out);
        if (examples != null && examples.isEmpty()) {
            out.add(fields.get("examples").line(), "examples is empty; add at least one real log line that must match");
        }
        String runbook = text(fields, "runbook", out);
        if (runbook != null) {
            int line = fields.get("runbook").value().line();
            if (!runbook.startsWith("runbooks/") || !runbook.endsWith(".md") || runbook.contains("..")) {
                out.add(line, "runbook '" + runbook + "' must be a Markdown file under runbooks/, e.g. runbooks/"
                        + (id == null ? fileBaseName : id) + ".md");
            } else if (!runbookExists.test(runbook)) {
                out.add(line, "runbook '" + runbook + "' does not exist; create it or point to an existing runbook");
            }
        }
        String fix = text(fields, "fix", out);
        RerunAdvice rerun = choice(fields, "rerun", out, RerunAdvice::fromWireName, "safe, unsafe or never");
        String owner = text(fields, "owner", out);
        List<YamlNode.Scalar> tags = fields.containsKey("tags") ? texts(fields, "tags", out) : List.of();
        List<YamlNode.Scalar> supersedes = fields.containsKey("supersedes") ? texts(fields, "supersedes", out) : List.of();
        if (supersedes != null) {
            for (YamlNode.Scalar other : supersedes) {
                if (!KEBAB_CASE.matcher(other.text()).matches()) {
                    out.add(other.line(), "supersedes '" + other.text() + "' must be the id of another entry");
                } else if (other.text().equals(id)) {
                    out.add(other.line(), "an entry cannot supersede itself; list the more generic entries it refines");
                }
            }
        }

        if (problems.size() > before) {
            return Optional.empty();
        }
        KnownError knownError = new KnownError(id, title, category, subcategory, indications,
                examples.stream().map(YamlNode.Scalar::text).toList(),
                counterExamples.stream().map(YamlNode.Scalar::text).toList(), runbook, fix, rerun, owner,
                tags.stream().map(YamlNode.Scalar::text).toList(),
                supersedes.stream().map(YamlNode.Scalar::text).toList());
        return Optional.of(new Entry(knownError, file, fields.get("id").line(),
                examples.stream().map(YamlNode.Scalar::line).toList(),
                counterExamples.stream().map(YamlNode.Scalar::line).toList(),
                indicationLines((YamlNode.Sequence) fields.get("indications").value())));
    }

    /** The line of each indication's pattern: the item's own line, or for a multi-line one the line of its regex. */
    private static List<Integer> indicationLines(YamlNode.Sequence indications) {
        List<Integer> lines = new ArrayList<>();
        for (YamlNode item : indications.items()) {
            YamlNode value = ((YamlNode.Mapping) item).fields().getFirst().value();
            int line = value.line();
            if (value instanceof YamlNode.Mapping multiline) {
                for (YamlNode.Field f : multiline.fields()) {
                    if (f.key().equals("regex")) {
                        line = f.value().line();
                    }
                }
            }
            lines.add(line);
        }
        return lines;
    }

    private static Map<String, YamlNode.Field> fields(YamlNode.Mapping mapping, Problems out) {
        Map<String, YamlNode.Field> byKey = new LinkedHashMap<>();
        for (YamlNode.Field field : mapping.fields()) {
            if (!KEYS.contains(field.key())) {
                out.add(field.line(), "unknown key '" + field.key() + "'" + suggestion(field.key(), KEYS)
                        + "; allowed keys are " + String.join(", ", KEYS));
            } else if (byKey.putIfAbsent(field.key(), field) != null) {
                out.add(field.line(), "duplicate key '" + field.key() + "' (first on line "
                        + byKey.get(field.key()).line() + "); keep one");
            }
        }
        for (String key : KEYS) {
            if (!byKey.containsKey(key) && !OPTIONAL_KEYS.contains(key)) {
                out.add(mapping.line(), "missing key '" + key + "'; every entry needs " + String.join(", ",
                        KEYS.stream().filter(k -> !OPTIONAL_KEYS.contains(k)).toList()));
            }
        }
        return byKey;
    }

    /** A non-blank scalar, or null after recording why not (a missing key was already reported). */
    private static String text(Map<String, YamlNode.Field> fields, String key, Problems out) {
        YamlNode.Field field = fields.get(key);
        return field == null ? null : scalarText(field.value(), key, out);
    }

    private static String scalarText(YamlNode node, String what, Problems out) {
        if (node instanceof YamlNode.Scalar scalar && scalar.text() != null && !scalar.text().isBlank()) {
            return scalar.text();
        }
        out.add(node.line(), what + " must be non-empty text, found " + node.kind());
        return null;
    }

    private static <T> T choice(Map<String, YamlNode.Field> fields, String key, Problems out,
                                java.util.function.Function<String, T> parse, String allowed) {
        String value = text(fields, key, out);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            out.add(fields.get(key).value().line(), key + " '" + value + "' is not one of " + allowed);
            return null;
        }
    }

    /** A list of non-blank scalars (an empty list is allowed here), or null after recording why not. */
    private static List<YamlNode.Scalar> texts(Map<String, YamlNode.Field> fields, String key, Problems out) {
        YamlNode.Field field = fields.get(key);
        if (field == null) {
            return null;
        }
        if (!(field.value() instanceof YamlNode.Sequence sequence)) {
            if (field.value() instanceof YamlNode.Scalar scalar && scalar.text() == null) {
                return List.of(); // "tags:" with nothing after it reads as an empty list
            }
            out.add(field.value().line(), key + " must be a list (one '- item' per line), found "
                    + field.value().kind());
            return null;
        }
        List<YamlNode.Scalar> items = new ArrayList<>();
        boolean valid = true;
        for (YamlNode item : sequence.items()) {
            if (scalarText(item, "each item of " + key, out) == null) {
                valid = false;
            } else {
                items.add((YamlNode.Scalar) item);
            }
        }
        return valid ? items : null;
    }

    private static List<Indication> indications(Map<String, YamlNode.Field> fields, Problems out) {
        YamlNode.Field field = fields.get("indications");
        if (field == null) {
            return null;
        }
        if (!(field.value() instanceof YamlNode.Sequence sequence) || sequence.items().isEmpty()) {
            out.add(field.value().line(), "indications must be a non-empty list of regex:, multiline: or phrase:"
                    + " items, found " + field.value().kind());
            return null;
        }
        List<Indication> result = new ArrayList<>();
        boolean valid = true;
        for (YamlNode item : sequence.items()) {
            Indication indication = indication(item, out);
            if (indication == null) {
                valid = false;
            } else {
                result.add(indication);
            }
        }
        return valid ? result : null;
    }

    private static Indication indication(YamlNode item, Problems out) {
        if (!(item instanceof YamlNode.Mapping mapping) || mapping.fields().size() != 1
                || !INDICATION_KINDS.contains(mapping.fields().getFirst().key())) {
            out.add(item.line(), "each indication must be exactly one of  regex: '...',  multiline: {regex: '...',"
                    + " maxLines: N}  or  phrase: 'words in order'"
                    + (item instanceof YamlNode.Mapping m && !m.fields().isEmpty() ? ", found key '"
                    + m.fields().getFirst().key() + "'" : ", found " + item.kind()));
            return null;
        }
        YamlNode.Field field = mapping.fields().getFirst();
        return switch (field.key()) {
            case "regex" -> {
                String pattern = scalarText(field.value(), "regex", out);
                yield pattern != null && safeRegex(pattern, field.value().line(), out)
                        ? new Indication.LineRegex(pattern) : null;
            }
            case "phrase" -> {
                String phrase = scalarText(field.value(), "phrase", out);
                yield phrase == null ? null : new Indication.Phrase(phrase);
            }
            default -> multiline(field.value(), out);
        };
    }

    private static Indication multiline(YamlNode node, Problems out) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            out.add(node.line(), "multiline must be a mapping {regex: '...', maxLines: N}, found " + node.kind());
            return null;
        }
        Map<String, YamlNode.Field> byKey = new HashMap<>();
        boolean valid = true;
        for (YamlNode.Field f : mapping.fields()) {
            if (!f.key().equals("regex") && !f.key().equals("maxLines") || byKey.putIfAbsent(f.key(), f) != null) {
                out.add(f.line(), "multiline takes exactly the keys regex and maxLines, found '" + f.key() + "'");
                valid = false;
            }
        }
        YamlNode.Field regexField = byKey.get("regex");
        YamlNode.Field maxField = byKey.get("maxLines");
        if (regexField == null || maxField == null) {
            out.add(mapping.line(), "multiline needs both regex and maxLines (2..50)");
            return null;
        }
        String pattern = scalarText(regexField.value(), "multiline regex", out);
        valid &= pattern != null && safeRegex(pattern, regexField.value().line(), out);
        Integer maxLines = null;
        if (maxField.value() instanceof YamlNode.Scalar s && s.text() != null && !s.isString()
                && s.text().matches("\\d{1,3}") && Integer.parseInt(s.text()) >= 2 && Integer.parseInt(s.text()) <= 50) {
            maxLines = Integer.parseInt(s.text());
        } else {
            out.add(maxField.value().line(), "maxLines must be a whole number from 2 to 50, found "
                    + (maxField.value() instanceof YamlNode.Scalar s && s.text() != null ? "'" + s.text() + "'"
                    : maxField.value().kind()));
        }
        return valid && maxLines != null ? new Indication.MultiLineRegex(pattern, maxLines) : null;
    }

    private static boolean safeRegex(String pattern, int line, Problems out) {
        if (pattern.length() > MAX_REGEX_LENGTH) {
            out.add(line, "regex is " + pattern.length() + " characters long; keep it under " + MAX_REGEX_LENGTH
                    + " or split it into several indications");
            return false;
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            out.add(line, "regex does not compile: " + e.getDescription() + " near index " + e.getIndex()
                    + " of " + pattern);
            return false;
        }
        LinePattern compiled;
        try {
            compiled = LinePattern.compile(pattern);
        } catch (UnsupportedPatternException e) {
            out.add(line, e.getMessage());
            return false;
        }
        Optional<String> unsafe = RegexSafety.check(pattern);
        if (unsafe.isPresent()) {
            out.add(line, "regex /" + pattern + "/ " + unsafe.get());
            return false;
        }
        if (compiled.find("")) {
            out.add(line, "regex matches an empty line, so it would fire on every log line; make it require text");
            return false;
        }
        return true;
    }

    private static String suggestion(String key, List<String> known) {
        for (String candidate : known) {
            if (candidate.equalsIgnoreCase(key) || candidate.equalsIgnoreCase(key.replace("_", "").replace("-", ""))) {
                return " (did you mean '" + candidate + "'?)";
            }
        }
        return "";
    }

    /** Adds problems for one file. */
    private record Problems(String file, List<Problem> sink) {
        void add(int line, String message) {
            sink.add(new Problem(file, line, message));
        }
    }
}
