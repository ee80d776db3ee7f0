package dev.pipelinetriage.adapter.slack;

import dev.pipelinetriage.chat.RefusedLinks;
import java.time.Duration;
import java.util.Objects;

/**
 * What the Slack adapter needs from configuration; secrets already read from their files or variables.
 *
 * @param apiBaseUrl the Web API base, {@code https://slack.com/api/} in production, a fake in tests
 * @param postInterval the least time between two posts to one channel; zero (the default) posts at once and leaves
 *     pacing to Slack, whose 429 answers say in Retry-After how long to wait
 * @param maxAttempts tries per Web API call, the first included
 * @param maxBodyBytes requests with a larger body are refused before parsing
 * @param refusedLinks how a message in passing whose CI links are refused is answered
 */
public record SlackSettings(String signingSecret, String botToken, String apiBaseUrl, Duration postInterval,
        int maxAttempts, int maxBodyBytes, RefusedLinks refusedLinks) {

    /** Refused links in passing are told to the poster. */
    public SlackSettings(String signingSecret, String botToken, String apiBaseUrl, Duration postInterval,
            int maxAttempts, int maxBodyBytes) {
        this(signingSecret, botToken, apiBaseUrl, postInterval, maxAttempts, maxBodyBytes, RefusedLinks.EPHEMERAL);
    }

    public SlackSettings {
        Objects.requireNonNull(refusedLinks, "refusedLinks");
        Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(postInterval, "postInterval");
        if (!apiBaseUrl.endsWith("/")) {
            apiBaseUrl = apiBaseUrl + "/";
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "SlackSettings[apiBaseUrl=" + apiBaseUrl + ", postInterval=" + postInterval + ", maxAttempts=" + maxAttempts
                + ", maxBodyBytes=" + maxBodyBytes + ", refusedLinks=" + refusedLinks.wireName() + "]";
    }
}
