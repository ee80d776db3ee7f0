package dev.pipelinetriage.engine.normalize;

/** What a physical log line turned out to be once its CI markers were read. */
public enum LineKind {
    /** Ordinary output of the job. */
    TEXT,
    /** A CI-system marker or decoration with nothing of the job's own to say (end of group, Jenkins [Pipeline]). */
    NOISE,
    /** The start of a step, group, section or stage; {@link NormalizedLine#step()} names it. */
    STEP_START,
    /** A line the CI system itself flagged as an error (GitHub {@code ##[error]}, {@code ::error::}). */
    CI_ERROR
}
