package dev.pipelinetriage.tools;

import com.google.re2j.Pattern;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.engine.text.LiteralAutomaton;
import dev.pipelinetriage.engine.text.RequiredLiteral;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * The measurement behind docs/matching.md: the bundled knowledge base's line regexes on RE2/J and on Lucene's automaton
 * package, compile-ability and throughput over one log, with the same literal prefilter the matcher uses and without
 * it. Run by hand, not by the test suite:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package   # also compiles the test classes
 * java -Xmx1g -cp target/test-classes:target/pipeline-triage.jar \
 *     dev.pipelinetriage.tools.MatchingEngineComparison target/bench/corpus-100000000-*.log
 * </pre>
 */
public final class MatchingEngineComparison {

    private static final int WORK_LIMIT = 10_000;
    private static final int RAW_LINES = 20_000;

    private MatchingEngineComparison() {
    }

    /** A line matcher under test. */
    private record Engine(String name, List<Predicate<String>> patterns) {
    }

    public static void main(String[] args) throws IOException {
        var loaded = (KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.empty());
        List<String> regexes = loaded.knownErrors().stream().flatMap(e -> e.indications().stream())
                .flatMap(i -> i instanceof Indication.LineRegex r ? java.util.stream.Stream.of(r.pattern())
                        : java.util.stream.Stream.empty())
                .distinct().toList();
        Path log = Path.of(args[0]);

        var re2j = new ArrayList<Predicate<String>>();
        for (String regex : regexes) {
            Pattern p = Pattern.compile(regex);
            re2j.add(line -> p.matcher(line).find());
        }
        var lucene = new ArrayList<Predicate<String>>();
        var refused = new LinkedHashMap<String, Integer>();
        var dfas = new ArrayList<Automaton>();
        long compileStart = System.nanoTime();
        for (String regex : regexes) {
            try {
                LuceneLine line = LuceneLine.of(regex);
                dfas.add(line.searchAutomaton);
                lucene.add(line::find);
            } catch (Unsupported e) {
                refused.merge(e.getMessage(), 1, Integer::sum);
                lucene.add(null);
            } catch (TooComplexToDeterminizeException e) {
                refused.merge("too complex to determinize within " + WORK_LIMIT, 1, Integer::sum);
                lucene.add(null);
            } catch (IllegalArgumentException e) {
                refused.merge("Lucene's parser: " + e.getMessage().replaceAll("\\d+", "N"), 1, Integer::sum);
                lucene.add(null);
            }
        }
        double luceneCompile = (System.nanoTime() - compileStart) / 1e9;
        long compiled = lucene.stream().filter(p -> p != null).count();
        System.out.printf(Locale.ROOT, "%d line regexes; RE2/J compiles %d; Lucene compiles %d (%.2f s), refuses:%n",
                regexes.size(), re2j.size(), compiled, luceneCompile);
        refused.forEach((why, n) -> System.out.printf(Locale.ROOT, "  %4d  %s%n", n, why));
        try {
            long start = System.nanoTime();
            Automaton union = Operations.determinize(Operations.union(dfas), 1_000_000);
            System.out.printf(Locale.ROOT, "one automaton of the %d Lucene compiles: %d states in %.1f s%n",
                    dfas.size(), union.getNumStates(), (System.nanoTime() - start) / 1e9);
        } catch (TooComplexToDeterminizeException e) {
            System.out.printf(Locale.ROOT, "one automaton of the %d Lucene compiles: too complex to determinize"
                    + " within a work limit of 1,000,000%n", dfas.size());
        }

        // Where Lucene refuses a pattern, it falls back to RE2/J, as a hybrid would.
        var hybrid = new ArrayList<Predicate<String>>();
        for (int i = 0; i < regexes.size(); i++) {
            hybrid.add(lucene.get(i) != null ? lucene.get(i) : re2j.get(i));
        }
        var engines = List.of(new Engine("RE2/J", re2j), new Engine("Lucene DFA + RE2/J fallback", hybrid));
        for (int round = 0; round < 2; round++) {
            for (Engine engine : engines) {
                prefiltered(engine, regexes, log);
            }
        }
        for (Engine engine : engines) {
            raw(engine, log);
        }
    }

    /** As the matcher does: one Aho-Corasick pass per line, then only the patterns whose literal the line holds. */
    private static void prefiltered(Engine engine, List<String> regexes, Path log) throws IOException {
        List<String> literals = new ArrayList<>();
        int[] literalOf = new int[regexes.size()];
        List<Integer> always = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < regexes.size(); i++) {
            Optional<String> literal = RequiredLiteral.of(regexes.get(i));
            if (literal.isEmpty()) {
                literalOf[i] = -1;
                always.add(i);
            } else {
                literalOf[i] = ids.computeIfAbsent(LiteralAutomaton.fold(literal.get()), k -> {
                    literals.add(k);
                    return literals.size() - 1;
                });
            }
        }
        var automaton = new LiteralAutomaton(literals);
        List<List<Integer>> byLiteral = new ArrayList<>();
        literals.forEach(l -> byLiteral.add(new ArrayList<>()));
        for (int i = 0; i < regexes.size(); i++) {
            if (literalOf[i] >= 0) {
                byLiteral.get(literalOf[i]).add(i);
            }
        }
        int[] seen = new int[literals.size()];
        int[] found = new int[literals.size()];
        long bytes = Files.size(log);
        long hits = 0;
        long runs = 0;
        long start = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            int stamp = 0;
            for (String line; (line = in.readLine()) != null; ) {
                int n = automaton.collect(line, seen, ++stamp, found);
                for (int i : always) {
                    runs++;
                    hits += engine.patterns().get(i).test(line) ? 1 : 0;
                }
                for (int f = 0; f < n; f++) {
                    for (int i : byLiteral.get(found[f])) {
                        runs++;
                        hits += engine.patterns().get(i).test(line) ? 1 : 0;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-28s with the literal prefilter: %.2f s, %.1f MB/s (%d regex runs, %d hits;"
                + " reading the lines included)%n", engine.name(), seconds, bytes / 1e6 / seconds, runs, hits);
    }

    /** Every pattern on every one of the first lines: the engines' own speed. */
    private static void raw(Engine engine, Path log) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line; lines.size() < RAW_LINES && (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        }
        long chars = lines.stream().mapToLong(String::length).sum();
        long hits = 0;
        long start = System.nanoTime();
        for (String line : lines) {
            for (Predicate<String> p : engine.patterns()) {
                hits += p.test(line) ? 1 : 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-28s without a prefilter, all %d patterns on %d lines (%.1f MB): %.2f s,"
                + " %.2f MB/s, %d hits%n", engine.name(), engine.patterns().size(), lines.size(), chars / 1e6, seconds,
                chars / 1e6 / seconds, hits);
    }

    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what);
        }
    }

    /**
     * A java.util.regex-syntax line pattern translated into Lucene's RegExp syntax and run as a DFA of {@code .*p}
     * (or {@code p} when anchored with ^) that stops at the first accepting state, or at the end for {@code $}.
     */
    private record LuceneLine(CharacterRunAutomaton run, Automaton searchAutomaton, boolean anchoredEnd) {

        static LuceneLine of(String regex) {
            boolean ignoreCase = regex.startsWith("(?i)");
            String body = ignoreCase ? regex.substring(4) : regex;
            boolean anchoredStart = body.startsWith("^");
            if (anchoredStart) {
                body = body.substring(1);
            }
            boolean anchoredEnd = body.endsWith("$") && !body.endsWith("\\$");
            if (anchoredEnd) {
                body = body.substring(0, body.length() - 1);
            }
            String translated = translate(body);
            Automaton pattern = new RegExp(translated, RegExp.NONE, ignoreCase ? RegExp.ASCII_CASE_INSENSITIVE : 0)
                    .toAutomaton();
            Automaton search = anchoredStart ? pattern
                    : Operations.concatenate(List.of(Automata.makeAnyString(), pattern));
            Automaton dfa = Operations.determinize(search, WORK_LIMIT);
            return new LuceneLine(new CharacterRunAutomaton(dfa), dfa, anchoredEnd);
        }

        boolean find(String line) {
            int state = 0;
            if (!anchoredEnd && run.isAccept(state)) {
                return true;
            }
            for (int i = 0, n = line.length(); i < n; i++) {
                state = run.step(state, line.charAt(i));
                if (state == -1) {
                    return false;
                }
                if (!anchoredEnd && run.isAccept(state)) {
                    return true;
                }
            }
            return run.isAccept(state);
        }

        private static String translate(String body) {
            var out = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                switch (c) {
                    case '\\' -> {
                        char e = body.charAt(++i);
                        if ("dswDSW".indexOf(e) >= 0) {
                            out.append('\\').append(e);
                        } else if (e == 'n') {
                            out.append('\n');
                        } else if (e == 't') {
                            out.append('\t');
                        } else if (Character.isLetterOrDigit(e)) {
                            throw new Unsupported("escape \\" + e + (e == 'b' ? " (word boundary)" : ""));
                        } else {
                            out.append('\\').append(e);
                        }
                    }
                    case '(' -> {
                        if (body.startsWith("(?:", i)) {
                            i += 2;
                        } else if (body.startsWith("(?", i)) {
                            throw new Unsupported("group flag or look-around (?" + body.charAt(i + 2));
                        }
                        out.append('(');
                    }
                    case '^', '$' -> throw new Unsupported("^ or $ inside the pattern");
                    case '[' -> i = translateClass(body, i, out);
                    case '*', '+', '?', '}' -> {
                        out.append(c);
                        if (i + 1 < body.length() && body.charAt(i + 1) == '?') {
                            i++; // lazy: the same set of lines matches
                        } else if (i + 1 < body.length() && body.charAt(i + 1) == '+') {
                            throw new Unsupported("possessive quantifier");
                        }
                    }
                    case '"', '<', '>', '@', '#', '&', '~' -> out.append('\\').append(c);
                    default -> out.append(c);
                }
            }
            return out.toString();
        }

        private static int translateClass(String body, int open, StringBuilder out) {
            out.append('[');
            int i = open + 1;
            if (body.charAt(i) == '^') {
                out.append('^');
                i++;
            }
            boolean first = true;
            for (; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == ']' && !first) {
                    out.append(']');
                    return i;
                }
                first = false;
                if (c == '\\') {
                    char e = body.charAt(++i);
                    switch (e) {
                        case 'd' -> out.append("0-9");
                        case 'w' -> out.append("a-zA-Z0-9_");
                        case 's' -> out.append(" \t\n\u000B\f\r");
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        default -> {
                            if (Character.isLetterOrDigit(e)) {
                                throw new Unsupported("class escape \\" + e);
                            }
                            out.append('\\').append(e);
                        }
                    }
                } else if (c == '[' || c == '&' && body.startsWith("&&", i)) {
                    throw new Unsupported("nested class or class intersection");
                } else if (c == '"' || c == ']' || c == '-' && (i + 1 < body.length() && body.charAt(i + 1) == ']'
                        || i == open + 1 || body.charAt(i - 1) == '[' || body.charAt(i - 1) == '^')) {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
            }
            throw new Unsupported("unclosed class");
        }
    }
}
