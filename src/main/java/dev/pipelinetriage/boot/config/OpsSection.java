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
 */
public record OpsSection(Path knowledgeBase, boolean watchKnowledgeBase, Duration shutdownGrace, Digest digest) {
    /** Environment variable naming the knowledge-base directory when the file does not (the image sets it). */
    public static final String KNOWLEDGE_BASE_ENV = "PIPELINE_TRIAGE_KNOWLEDGE_BASE";

    public OpsSection {
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
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
