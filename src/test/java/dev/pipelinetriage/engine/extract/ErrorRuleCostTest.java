package dev.pipelinetriage.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.engine.match.BoundedRegex;
import dev.pipelinetriage.engine.match.StockRegexCost;
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The extractor's own regexes run on every line that holds one of their literals, unbounded; on lines crafted from
 * their parts they must stay within the step budget the knowledge-base regexes are held to (issue 12, item 4).
 */
class ErrorRuleCostTest {

    @Test
    void everyExtractorRegexFinishesWithinTheStepBudgetOnCraftedFourKilobyteLines() {
        var over = new ArrayList<String>();
        for (Pattern pattern : ErrorRules.patterns()) {
            StockRegexCost.worstOver(pattern.pattern(), BoundedRegex.DEFAULT_BUDGET).ifPresent(over::add);
        }
        assertThat(ErrorRules.patterns()).hasSizeGreaterThan(30);
        assertThat(over).as("extractor regexes over %d reads on a crafted 4 KB line", BoundedRegex.DEFAULT_BUDGET).isEmpty();
    }
}
