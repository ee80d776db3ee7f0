package dev.pipelinetriage.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The literal prefilter may only skip regexes that cannot match: over the real knowledge base, the matcher must
 * report exactly the (entry, line) pairs that running every line regex on every line reports.
 */
class IndicationMatcherKnowledgeBaseTest {

    @Test
    void thePrefilterNeverHidesAMatchOfTheRealKnowledgeBase() throws IOException {
        var load = Bootstrap.knowledgeBase(Optional.empty());
        assertThat(load).isInstanceOf(KnowledgeBaseLoad.Loaded.class);
        List<KnownError> entries = ((KnowledgeBaseLoad.Loaded) load).knownErrors();
        List<String> lines = lines(entries);

        var expected = new TreeSet<String>();
        for (KnownError entry : entries) {
            for (Indication indication : entry.indications()) {
                if (indication instanceof Indication.LineRegex r) {
                    Pattern pattern = Pattern.compile(r.pattern());
                    for (int i = 0; i < lines.size(); i++) {
                        if (pattern.matcher(lines.get(i)).find()) {
                            expected.add(entry.id() + " @" + (i + 1));
                        }
                    }
                }
            }
        }
        var singleLineOnly = new IndicationMatcher(entries.stream().map(IndicationMatcherKnowledgeBaseTest::lineRegexesOnly)
                .flatMap(Optional::stream).toList());
        var actual = new TreeSet<String>();
        var scan = singleLineOnly.newScan(hit -> actual.add(hit.knownError().id() + " @" + hit.firstLine().number()));
        for (int i = 0; i < lines.size(); i++) {
            scan.accept(new LogLine(i + 1, lines.get(i)));
        }
        scan.finish();

        assertThat(expected).as("the knowledge base's examples match something").isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    /** Every example and counter-example, as written, upper-cased and lower-cased, plus the bundled sample logs. */
    private static List<String> lines(List<KnownError> entries) throws IOException {
        var lines = new ArrayList<String>();
        for (KnownError entry : entries) {
            for (String example : Stream.concat(entry.examples().stream(), entry.counterExamples().stream()).toList()) {
                lines.add(example);
                lines.add(example.toUpperCase(Locale.ROOT));
                lines.add(example.toLowerCase(Locale.ROOT));
            }
        }
        try (Stream<Path> samples = Files.list(Path.of("src/main/resources/samples"))) {
            for (Path sample : samples.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                lines.addAll(Files.readAllLines(sample));
            }
        }
        return lines;
    }

    private static Optional<KnownError> lineRegexesOnly(KnownError e) {
        List<Indication> regexes = e.indications().stream().filter(i -> i instanceof Indication.LineRegex).toList();
        return regexes.isEmpty() ? Optional.empty() : Optional.of(new KnownError(e.id(), e.title(), e.category(),
                e.subcategory(), regexes, e.examples(), e.counterExamples(), e.runbook(), e.fix(), e.rerun(), e.owner(),
                e.tags()));
    }
}
