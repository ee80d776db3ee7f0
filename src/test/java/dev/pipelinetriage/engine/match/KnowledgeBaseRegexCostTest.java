package dev.pipelinetriage.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every regex of the bundled knowledge base stays within the per-line step budget on lines crafted from its own
 * parts. The budget is counted in character reads, so the check is the same on any machine; a pattern that fails
 * it costs minutes on a hostile log (Regression: issue 12, item 4 -- 70 MB of such lines took over two minutes).
 */
class KnowledgeBaseRegexCostTest {

    @Test
    void everyStockRegexFinishesWithinTheStepBudgetOnCraftedFourKilobyteLines() {
        var over = new ArrayList<String>();
        int checked = 0;
        for (String pattern : stockPatterns()) {
            checked++;
            StockRegexCost.worstOver(pattern, BoundedRegex.DEFAULT_BUDGET).ifPresent(over::add);
        }
        assertThat(checked).as("patterns checked").isGreaterThan(300);
        assertThat(over).as("regexes over the budget of %d reads on a crafted 4 KB line", BoundedRegex.DEFAULT_BUDGET)
                .isEmpty();
    }

    @Test
    void theCraftedLinesCatchAPatternThatBacktracksOnItsOwnPrefix() {
        // Quadratic: every "error: " starts a .* that runs to the end of the line before giving back.
        assertThat(StockRegexCost.worstOver("error: .*mismatched .*types", BoundedRegex.DEFAULT_BUDGET)).isPresent();
        assertThat(StockRegexCost.worstOver("error: [^:]{0,200}mismatched types", BoundedRegex.DEFAULT_BUDGET)).isEmpty();
    }

    static Set<String> stockPatterns() {
        var load = Bootstrap.knowledgeBase(Optional.empty());
        assertThat(load).isInstanceOf(KnowledgeBaseLoad.Loaded.class);
        Set<String> patterns = new LinkedHashSet<>();
        for (KnownError entry : ((KnowledgeBaseLoad.Loaded) load).knownErrors()) {
            for (Indication indication : entry.indications()) {
                switch (indication) {
                    case Indication.LineRegex r -> patterns.add(r.pattern());
                    case Indication.MultiLineRegex r -> patterns.add(r.pattern());
                    case Indication.Phrase ignored -> {
                    }
                }
            }
        }
        return patterns;
    }

    /** For a diagnosis by hand: each stock pattern's worst crafted line in reads. */
    static List<String> report() {
        var rows = new ArrayList<String>();
        for (String pattern : stockPatterns()) {
            rows.add(StockRegexCost.worst(pattern) + "\t" + pattern);
        }
        return rows;
    }
}
