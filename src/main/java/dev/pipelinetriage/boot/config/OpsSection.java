package dev.pipelinetriage.boot.config;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code ops:} section: how the bot runs in production.
 *
 * @param knowledgeBase the knowledge-base directory, or null for the one bundled in the jar
 * @param watchKnowledgeBase whether a change under {@code knowledgeBase} triggers a reload
 * @param shutdownGrace how long in-flight work may take to finish after a stop was asked for
 * @param digest the weekly health digest, or null when none is posted
 * @param workLease how long an acknowledged paste or delivery stays an instance's without a renewal: after a crash,
 *     another instance (or this one, restarted) takes it over once this much has passed
 * @param workSweep how often an instance renews its leases and takes over free work; shorter than the lease, so a
 *     live instance's lease never runs out
 */
public record OpsSection(Path knowledgeBase, boolean watchKnowledgeBase, Duration shutdownGrace, Digest digest,
        Duration workLease, Duration workSweep) {
    /** Environment variable naming the knowledge-base directory when the file does not (the image sets it). */
    public static final String KNOWLEDGE_BASE_ENV = "PIPELINE_TRIAGE_KNOWLEDGE_BASE";
    public static final Duration DEFAULT_WORK_LEASE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_WORK_SWEEP = Duration.ofSeconds(15);

    public OpsSection {
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(workLease, "workLease");
        Objects.requireNonNull(workSweep, "workSweep");
        if (workSweep.isNegative() || workSweep.isZero() || workSweep.compareTo(workLease) >= 0) {
            throw new IllegalArgumentException("the work sweep (" + workSweep + ") must be positive and shorter than the "
                    + "work lease (" + workLease + ")");
        }
    }

    /** With the default work lease and sweep. */
    public OpsSection(Path knowledgeBase, boolean watchKnowledgeBase, Duration shutdownGrace, Digest digest) {
        this(knowledgeBase, watchKnowledgeBase, shutdownGrace, digest, DEFAULT_WORK_LEASE, DEFAULT_WORK_SWEEP);
    }

    public static OpsSection defaults() {
        return new OpsSection(null, true, Duration.ofSeconds(20), null);
    }

    public Optional<Path> knowledgeBaseDirectory() {
        return Optional.ofNullable(knowledgeBase);
    }

    public Optional<Digest> digestSection() {
        return Optional.ofNullable(digest);
    }

    /**
     * The weekly digest: posted on {@code day} at {@code time} UTC, covering the week before, to {@code channel} of
     * {@code platform}.
     *
     * @param workspace the Teams tenant id of the conversation; empty for Slack
     * @param channel the Slack channel id, or the Teams conversation id
     */
    public record Digest(String platform, String workspace, String channel, DayOfWeek day, LocalTime time) {
        public Digest {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(time, "time");
        }

        /** A Slack digest. */
        public Digest(String platform, String channel, DayOfWeek day, LocalTime time) {
            this(platform, "", channel, day, time);
        }
    }
}
