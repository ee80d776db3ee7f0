package dev.pipelinetriage.engine.match;

import java.util.Optional;

/** The most character reads a pattern takes on any of its {@link CraftedLines}, for cost tests of stock regexes. */
public final class StockRegexCost {

    private StockRegexCost() {
    }

    /** The most reads over the crafted lines; {@code Long.MAX_VALUE} when one exceeds the default budget. */
    public static long worst(String pattern) {
        BoundedRegex regex = BoundedRegex.compile(pattern);
        long worst = 0;
        for (String line : CraftedLines.forRegex(pattern)) {
            try {
                worst = Math.max(worst, regex.steps(line));
            } catch (RegexBudgetExceededException e) {
                return Long.MAX_VALUE;
            }
        }
        return worst;
    }

    /** A description of the first crafted line on which {@code pattern} needs more than {@code budget} reads. */
    public static Optional<String> worstOver(String pattern, long budget) {
        BoundedRegex regex = BoundedRegex.compile(pattern, budget);
        for (String line : CraftedLines.forRegex(pattern)) {
            try {
                regex.steps(line);
            } catch (RegexBudgetExceededException e) {
                String shown = line.length() > 60 ? line.substring(0, 60) + "..." : line;
                return Optional.of("/" + pattern + "/ on \"" + shown.replace("\n", "\\n") + "\"");
            }
        }
        return Optional.empty();
    }
}
