package dev.pipelinetriage.engine.match;

/** A regular expression needed more steps on one input than its budget allows (catastrophic backtracking). */
public final class RegexBudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RegexBudgetExceededException(String pattern, long budget) {
        super("regex /" + pattern + "/ exceeded its budget of " + budget + " character reads on one line");
    }
}
