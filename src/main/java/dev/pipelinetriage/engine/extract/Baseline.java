package dev.pipelinetriage.engine.extract;

import dev.pipelinetriage.engine.normalize.LineKind;
import dev.pipelinetriage.engine.normalize.NormalizedLine;

/**
 * The lines of the last successful run of the same job, as fingerprints (numbers, ids, durations and
 * timestamps masked; see {@link LineShapes#fingerprint}). A line of the failed run whose fingerprint is here
 * was printed by a run that passed too, so it is rarely the cause (the observation behind CiDiff, Hubner et
 * al., ISSTA 2025); lines that are new since the last green run are where the explanation usually starts.
 *
 * <p>Immutable once built; bounded to {@link #MAX_LINES} distinct fingerprints (about 20 MB at most), so a
 * huge green log cannot exhaust memory -- fingerprints past the bound are not kept and such lines read as new.
 */
public final class Baseline {

    /** Distinct fingerprints kept. */
    public static final int MAX_LINES = 1_000_000;

    private static final Baseline NONE = new Baseline(new ShapeCounts(1), 0);

    private final ShapeCounts fingerprints;
    private final int lines;

    private Baseline(ShapeCounts fingerprints, int lines) {
        this.fingerprints = fingerprints;
        this.lines = lines;
    }

    /** No green run to compare with: every line counts as new. */
    public static Baseline none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a run that passed printed this line too (modulo numbers, ids and times). */
    public boolean contains(String text) {
        return lines > 0 && fingerprints.contains(LineShapes.fingerprint(text));
    }

    /** Whether there is a green run to compare with. */
    public boolean isPresent() {
        return lines > 0;
    }

    /** The number of lines read from the green run. */
    public int lines() {
        return lines;
    }

    /** Collects the normalized lines of a green run; feed it every line, then call {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final ShapeCounts fingerprints = new ShapeCounts(MAX_LINES);
        private int lines;
        private boolean built;

        private Builder() {
        }

        public void accept(NormalizedLine line) {
            if (built) {
                throw new IllegalStateException("baseline already built");
            }
            if (line.kind() == LineKind.NOISE || line.text().isBlank()) {
                return;
            }
            fingerprints.add(LineShapes.fingerprint(line.text()));
            lines++;
        }

        public Baseline build() {
            built = true;
            return lines == 0 ? NONE : new Baseline(fingerprints, lines);
        }
    }
}
