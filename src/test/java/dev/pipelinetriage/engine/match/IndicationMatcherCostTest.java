package dev.pipelinetriage.engine.match;

import static dev.pipelinetriage.engine.match.IndicationMatcherTest.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a line costs with a large knowledge base (issue 12, item 5), and that a hostile log is matched to its end
 * (issue 17, item 3). Work is counted in regex runs, never in time.
 */
class IndicationMatcherCostTest {

    private static final int ENTRIES = 5_000;

    private static List<KnownError> manyEntries() {
        return IntStream.range(0, ENTRIES)
                .mapToObj(i -> entry("component-" + i, new Indication.LineRegex("component-" + i + " failed: \\S+ timeout")))
                .toList();
    }

    @Test
    void aLineMeetsOnlyTheRegexesWhoseLiteralItContains() {
        var withoutLiteral = entry("no-literal", new Indication.LineRegex("^(?:alpha|beta)\\d{2}$"));
        var entries = new ArrayList<>(manyEntries());
        entries.add(withoutLiteral);
        var matcher = new IndicationMatcher(entries);
        var hits = new ArrayList<IndicationHit>();
        var scan = matcher.newScan(hits::add);

        scan.accept(new LogLine(1, "component-4711 failed: step-3 timeout"));
        scan.accept(new LogLine(2, "compiling 12 modules, nothing failed"));

        assertThat(hits).singleElement().satisfies(hit -> assertThat(hit.knownError().id()).isEqualTo("component-4711"));
        // Line 1: its own regex and the one without a literal; line 2: only the one without a literal.
        assertThat(scan.regexRuns()).isEqualTo(3);
        assertThat(matcher.alwaysTried()).singleElement()
                .satisfies(a -> assertThat(a.knownError().id()).isEqualTo("no-literal"));
    }

    @Test
    void aLiteralSharedByManyEntriesLeadsToEachOfThemInKnowledgeBaseOrder() {
        var matcher = new IndicationMatcher(List.of(
                entry("b-second", new Indication.LineRegex("Connection reset by peer")),
                entry("a-first", new Indication.LineRegex("(?i)connection reset by peer")),
                entry("c-other", new Indication.LineRegex("No space left on device"))));
        var ids = new ArrayList<String>();
        var scan = matcher.newScan(hit -> ids.add(hit.knownError().id()));
        scan.accept(new LogLine(1, "read tcp: Connection reset by peer"));
        scan.accept(new LogLine(2, "read tcp: CONNECTION RESET BY PEER"));
        assertThat(ids).containsExactly("b-second", "a-first", "a-first");
        assertThat(scan.regexRuns()).as("the exact-case literal is confirmed before its regex runs").isEqualTo(3);
    }

    @Test
    void aLogCraftedToMakeRegexesBacktrackIsMatchedToItsLastLine() {
        var slow = entry("slow", new Indication.LineRegex("step: .*done .*ok"));
        var fast = entry("disk-full", new Indication.LineRegex("No space left on device"));
        var matcher = new IndicationMatcher(List.of(slow, fast));
        var hits = new ArrayList<IndicationHit>();
        var scan = matcher.newScan(hits::add);
        String hostile = "step: done ".repeat(300);
        int line = 0;
        for (; line < 2_000; line++) {
            scan.accept(new LogLine(line + 1, hostile));
        }
        scan.accept(new LogLine(++line, "write: No space left on device"));
        scan.finish();

        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.knownError().id()).isEqualTo("disk-full");
            assertThat(hit.firstLine().number()).isEqualTo(2_001);
        });
        assertThat(scan.regexRuns()).as("every hostile line met its regex; none was skipped").isEqualTo(2_001);
    }
}
