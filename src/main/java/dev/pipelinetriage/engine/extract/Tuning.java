package dev.pipelinetriage.engine.extract;

/**
 * The weights the extractor ranks candidate blocks by, beside the error vocabulary of their lines. They are
 * the extractor's tunable part: chosen by cross-validation grouped by repository ({@code eval --cv}), never on
 * the logs they are scored on.
 *
 * @param position how much a block gains for being the last one of the failing step (earlier ones gain less)
 * @param rarity how much a block gains when its key line's form is rare in the log (and loses when it is
 *     printed over and over: passing tests, progress, downloads)
 * @param novelty how much a block gains when its lines are new since the last green run (and loses when that
 *     run printed them too); only used when there is such a run
 */
public record Tuning(int position, int rarity, int novelty) {

    /** The weights chosen on the whole development corpus (docs/extraction.md gives the cross-validated figures). */
    public static final Tuning DEFAULT = new Tuning(0, 0, 16);

    public Tuning {
        if (position < 0 || rarity < 0 || novelty < 0) {
            throw new IllegalArgumentException("weights must not be negative: " + position + ", " + rarity + ", " + novelty);
        }
    }
}
