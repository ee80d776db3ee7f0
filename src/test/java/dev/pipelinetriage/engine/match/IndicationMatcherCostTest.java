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
 * What a line costs with a large knowledge base, and what a hostile log costs at most (issue 12, items 4 and 5).
 * Work is counted in regex runs and character reads, never in time.
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
    void aHostileLogExhaustsTheWholeLogBudgetAndMatchingStopsForTheRestOfIt() {
        // Each line costs the backtracking pattern its whole per-line budget.
        var slow = entry("slow", new Indication.LineRegex("step: .*done .*ok"));
        var fast = entry("disk-full", new Indication.LineRegex("No space left on device"));
        var matcher = new IndicationMatcher(List.of(slow, fast), new IndicationMatcher.LogBudget(1_000_000, 8));
        var hits = new ArrayList<IndicationHit>();
        var scan = matcher.newScan(hits::add);
        String hostile = "step: done ".repeat(100);
        int line = 0;
        for (; line < 2_000; line++) {
            scan.accept(new LogLine(line + 1, hostile));
        }
        scan.accept(new LogLine(++line, "write: No space left on device"));
        scan.finish();

        assertThat(scan.exhausted()).hasValueSatisfying(e -> assertThat(e.atLine()).isBetween(2L, 2_000L));
        assertThat(scan.steps()).as("reads stop soon after the allowance: floor + 8 per character read")
                .isLessThan(1_000_000 + 8L * 2_000 * (hostile.length() + 1));
        assertThat(hits).as("matching was skipped after the budget ran out").isEmpty();
    }

    @Test
    void anOrdinaryLogStaysWellInsideTheDefaultBudget() {
        var matcher = new IndicationMatcher(List.of(entry("disk-full", new Indication.LineRegex("No space left on device"))));
        var hits = new ArrayList<IndicationHit>();
        var scan = matcher.newScan(hits::add);
        for (int i = 1; i <= 10_000; i++) {
            scan.accept(new LogLine(i, i % 100 == 0 ? "write: No space left on device" : "compiling module " + i));
        }
        scan.finish();
        assertThat(scan.exhausted()).isEmpty();
        assertThat(hits).hasSize(100);
    }
}
