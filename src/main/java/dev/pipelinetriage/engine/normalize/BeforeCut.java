package dev.pipelinetriage.engine.normalize;

/**
 * Sees every line's whole text (every line, in order, noise included) before an over-long one is cut, and answers
 * the text to keep. Redaction goes here: it reads each line for what spans lines, and redacts a line about to be
 * cut whole, so that the cut cannot split a secret into pieces it no longer recognizes.
 */
@FunctionalInterface
public interface BeforeCut {

    /** Keeps every line as it is. */
    BeforeCut NONE = (number, text, overLong) -> text;

    /**
     * @param number the line's 1-based number in the log
     * @param overLong whether the line is longer than the normalizer keeps, so the answer will be cut
     */
    String apply(int number, String text, boolean overLong);
}
