package dev.pipelinetriage.engine.extract;

import java.util.Set;

/**
 * The extractor's tunable part: the weights it ranks candidate blocks by, beside the error vocabulary of
 * their lines, and the vocabulary rules and generic signs left out. Chosen by cross-validation grouped by
 * repository ({@code eval --cv}), never on the logs they are scored on.
 *
 * @param position how much a block gains for being the last one of the failing step (earlier ones gain less)
 * @param rarity how much a block gains when its key line's form is rare in the log (and loses when it is
 *     printed over and over: passing tests, progress, downloads)
 * @param novelty how much a block gains when its lines are new since the last green run (and loses when that
 *     run printed them too); only used when there is such a run
 * @param heldOut names of vocabulary rules ({@code rule:...}) and generic signs ({@code sign:...}) not to use:
 *     cross-validation holds out those only the held-out fold's repositories support
 */
public record Tuning(int position, int rarity, int novelty, Set<String> heldOut) {

    /** The weights chosen on the whole development corpus (docs/extraction.md gives the cross-validated figures). */
    public static final Tuning DEFAULT = new Tuning(0, 0, 16);

    public Tuning {
        if (position < 0 || rarity < 0 || novelty < 0) {
            throw new IllegalArgumentException("weights must not be negative: " + position + ", " + rarity + ", " + novelty);
        }
        heldOut = Set.copyOf(heldOut);
    }

    public Tuning(int position, int rarity, int novelty) {
        this(position, rarity, novelty, Set.of());
    }

    /** The same weights with these rules and signs held out. */
    public Tuning without(Set<String> names) {
        return new Tuning(position, rarity, novelty, names);
    }

    /** The vocabulary rules held out, by the rules' own names. */
    Set<String> heldOutRules() {
        Set<String> rules = new java.util.HashSet<>();
        for (String name : heldOut) {
            if (name.startsWith(Vocabulary.PREFIX)) {
                rules.add(name.substring(Vocabulary.PREFIX.length()));
            }
        }
        return rules;
    }
}
