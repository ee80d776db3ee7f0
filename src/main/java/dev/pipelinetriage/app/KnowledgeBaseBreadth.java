package dev.pipelinetriage.app;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Problem;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.engine.text.LinePattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a regex indication is too broad to name a known error, decided from evidence as elastic-recheck does
 * (a query that also matches successful jobs is too broad): the regex matches more than
 * {@value #MAX_ORDINARY_PERCENT}% of a bundled sample of lines from passing builds; or every match pins down fewer
 * than {@value #MIN_SPECIFIC_CHARACTERS} characters (fewer than {@value #MIN_ANCHORED_CHARACTERS} when anchored with
 * ^ or $), or, unanchored, fewer than {@value #MIN_BEYOND_GENERIC_WORDS} besides the words every failing and many
 * passing builds print ({@code failed}, {@code Error:}, {@code exit code}); or more than {@value #MAX_WILDCARDS} wildcards let it
 * match scattered characters anywhere in a line. Such an entry claims other entries' failures; {@code kb lint},
 * {@code kb test} and a hot reload all run this one check, and each problem points at the regex's own line.
 */
final class KnowledgeBaseBreadth {

    static final String SAMPLE = "kb-check/ordinary-lines.txt";
    static final int MIN_SPECIFIC_CHARACTERS = 6;
    static final int MIN_ANCHORED_CHARACTERS = 3;
    static final int MIN_BEYOND_GENERIC_WORDS = 3;
    static final int MAX_WILDCARDS = 3;
    /** Failure words any CI log prints, passing or failing; a regex needs text besides them. */
    private static final java.util.regex.Pattern GENERIC_WORDS = java.util.regex.Pattern.compile(
            "(?i)exit(?:ed)? (?:code|status|with)|returned|errors?|fail(?:ed|ure|ures|ing|s)?|exception|fatal|warning");
    /** An unbounded wildcard: {@code .*}, {@code .+}, {@code [\s\S]*} and the like. */
    private static final java.util.regex.Pattern WILDCARD = java.util.regex.Pattern.compile(
            "(?<!\\\\)(?:\\.|\\[\\\\s\\\\S]|\\[\\\\S\\\\s]|\\[\\^\\\\n])[*+]");
    static final int MAX_ORDINARY_PERCENT = 5;

    private final List<String> ordinaryLines;

    KnowledgeBaseBreadth(List<String> ordinaryLines) {
        if (ordinaryLines.isEmpty()) {
            throw new IllegalArgumentException("the breadth check needs a sample of ordinary log lines");
        }
        this.ordinaryLines = List.copyOf(ordinaryLines);
    }

    /** The check over the sample bundled with the application. */
    static KnowledgeBaseBreadth bundled() {
        try (InputStream in = KnowledgeBaseBreadth.class.getClassLoader().getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE + " is not on the classpath; build with ./mvnw package");
            }
            return new KnowledgeBaseBreadth(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SAMPLE, e);
        }
    }

    List<Problem> check(KnowledgeBaseLoad.Loaded loaded) {
        List<Problem> problems = new ArrayList<>();
        for (KnowledgeBaseLoad.Entry entry : loaded.entries()) {
            KnownError known = entry.knownError();
            for (Indication indication : known.indications()) {
                String pattern = switch (indication) {
                    case Indication.LineRegex r -> r.pattern();
                    case Indication.MultiLineRegex r -> r.pattern();
                    case Indication.Phrase ignored -> null;
                };
                if (pattern != null) {
                    why(pattern).ifPresent(reason -> problems.add(new Problem(entry.file(), entry.lineOf(indication),
                            known.id() + ": regex /" + pattern + "/ " + reason)));
                }
            }
        }
        return List.copyOf(problems);
    }

    /** Why the pattern is too broad, or empty when it is specific enough. */
    java.util.Optional<String> why(String pattern) {
        int specific = specificCharacters(pattern);
        if (specific < MIN_SPECIFIC_CHARACTERS && !anchored(pattern)) {
            return java.util.Optional.of("is too broad: every match pins down only " + specific + " character(s) and"
                    + " it has no ^ or $ anchor, so it fires on unrelated lines; spell out at least "
                    + MIN_SPECIFIC_CHARACTERS + " characters of the error's own text");
        }
        if (specific < MIN_ANCHORED_CHARACTERS) {
            return java.util.Optional.of("is too broad: every match pins down only " + specific + " character(s), and"
                    + " an anchor does not make up for that; spell out at least " + MIN_SPECIFIC_CHARACTERS
                    + " characters of the error's own text");
        }
        int beyondGenericWords = specificCharacters(GENERIC_WORDS.matcher(pattern).replaceAll(""));
        if (beyondGenericWords < MIN_BEYOND_GENERIC_WORDS && !anchored(pattern)) {
            return java.util.Optional.of("is too broad: besides words that every failing and many passing builds print"
                    + " (error, failed, failure, exit code, ...) every match pins down only " + beyondGenericWords
                    + " character(s); require the text that only this failure prints");
        }
        long wildcards = WILDCARD.matcher(pattern).results().count();
        if (wildcards > MAX_WILDCARDS) {
            return java.util.Optional.of("is too broad: its " + wildcards + " wildcards (.* or .+) let it match"
                    + " characters scattered anywhere in a line; keep at most " + MAX_WILDCARDS
                    + " and spell out the text between them");
        }
        LinePattern regex = LinePattern.compile(pattern);
        int matched = 0;
        for (String line : ordinaryLines) {
            if (regex.find(line)) {
                matched++;
            }
        }
        if (matched * 100 > MAX_ORDINARY_PERCENT * ordinaryLines.size()) {
            return java.util.Optional.of(String.format(Locale.ROOT, "is too broad: it matches %d of %d lines of"
                    + " passing builds (%.0f%%, more than %d%%); require the text that only the failure prints",
                    matched, ordinaryLines.size(), 100.0 * matched / ordinaryLines.size(), MAX_ORDINARY_PERCENT));
        }
        return java.util.Optional.empty();
    }

    /**
     * How many characters every match pins down: a literal character or a class ({@code \\d}, {@code [CWEF]}) counts
     * one, times its least repetition ({@code \\d{3}} three, {@code x?} none); {@code .}, negated classes and
     * {@code \\S}-like escapes count nothing; of alternatives, the weakest counts.
     */
    static int specificCharacters(String pattern) {
        String body = pattern.startsWith("(?i)") ? pattern.substring(4) : pattern;
        var frames = new java.util.ArrayDeque<int[]>(); // {count at group start, weakest finished branch}
        int count = 0;
        int last = 0; // weight of the atom just read, for a quantifier that follows
        int topWeakest = Integer.MAX_VALUE;
        int topStart = 0;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(i + 1);
                i += 2;
                if ("pP".indexOf(e) >= 0 && i < body.length() && body.charAt(i) == '{') {
                    i = body.indexOf('}', i) + 1;
                    last = Character.isUpperCase(e) ? 0 : 1;
                } else if ("bBAzZG".indexOf(e) >= 0) {
                    last = 0;
                } else {
                    last = "SWDNHVR".indexOf(e) >= 0 ? 0 : 1;
                }
                count += last;
            } else if (c == '[') {
                int end = classEnd(body, i);
                last = i + 1 < body.length() && body.charAt(i + 1) == '^' ? 0 : 1;
                count += last;
                i = end + 1;
            } else if (c == '(') {
                frames.push(new int[] {count, Integer.MAX_VALUE});
                i++;
                if (i < body.length() && body.charAt(i) == '?') {
                    boolean lookaround = i + 1 < body.length() && "=!<".indexOf(body.charAt(i + 1)) >= 0
                            && !(body.charAt(i + 1) == '<' && i + 2 < body.length()
                                    && Character.isLetter(body.charAt(i + 2)));
                    while (i < body.length() && body.charAt(i) != ':' && body.charAt(i) != ')'
                            && (lookaround ? "=!".indexOf(body.charAt(i)) < 0 : body.charAt(i) != '>')) {
                        i++;
                    }
                    if (i < body.length() && body.charAt(i) != ')') {
                        i++;
                    }
                    if (lookaround) {
                        frames.peek()[1] = -1; // a lookaround pins nothing down in the match itself
                    }
                }
                last = 0;
            } else if (c == '|') {
                if (frames.isEmpty()) {
                    topWeakest = Math.min(topWeakest, count - topStart);
                    count = topStart;
                } else {
                    int[] frame = frames.peek();
                    if (frame[1] >= 0) {
                        frame[1] = Math.min(frame[1], count - frame[0]);
                    }
                    count = frame[0];
                }
                i++;
                last = 0;
            } else if (c == ')') {
                if (frames.isEmpty()) {
                    i++;
                    continue;
                }
                int[] frame = frames.pop();
                int group = frame[1] < 0 ? 0 : Math.min(frame[1], count - frame[0]);
                count = frame[0] + group;
                last = group;
                i++;
            } else if ("*+?{".indexOf(c) >= 0) {
                int least = 1;
                int end = i + 1;
                if (c == '*' || c == '?') {
                    least = 0;
                } else if (c == '{') {
                    int close = body.indexOf('}', i);
                    String bounds = close < 0 ? "1" : body.substring(i + 1, close);
                    int comma = bounds.indexOf(',');
                    try {
                        least = Integer.parseInt((comma < 0 ? bounds : bounds.substring(0, comma)).trim());
                    } catch (NumberFormatException e) {
                        least = 1;
                    }
                    end = close < 0 ? i + 1 : close + 1;
                }
                if (end < body.length() && (body.charAt(end) == '?' || body.charAt(end) == '+')) {
                    end++;
                }
                count += last * least - last;
                last = 0;
                i = end;
            } else {
                last = c == '.' || c == '^' || c == '$' ? 0 : 1;
                count += last;
                i++;
            }
        }
        return topWeakest == Integer.MAX_VALUE ? count : Math.min(topWeakest, count - topStart);
    }

    private static boolean anchored(String pattern) {
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '^' || c == '$') {
                return true;
            }
        }
        return false;
    }

    private static int classEnd(String body, int open) {
        int i = open + 1;
        if (i < body.length() && body.charAt(i) == '^') {
            i++;
        }
        if (i < body.length() && body.charAt(i) == ']') {
            i++;
        }
        for (; i < body.length(); i++) {
            if (body.charAt(i) == '\\') {
                i++;
            } else if (body.charAt(i) == ']') {
                return i;
            }
        }
        return body.length();
    }
}
