package dev.pipelinetriage.adapter.ci;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Response;

/**
 * Reads the rate-limit headers the four providers send: {@code Retry-After} (seconds or HTTP date, all of
 * them), GitHub's and Azure's {@code x-ratelimit-remaining}/{@code x-ratelimit-reset} (epoch seconds), and
 * GitLab's {@code RateLimit-Remaining}/{@code RateLimit-Reset} (epoch seconds).
 */
public final class RateLimits {
    private RateLimits() {
    }

    /** Whether the response says "slow down": a 429, or a 403 with an exhausted limit or a rate-limit message. */
    public static boolean isRateLimited(Response response) {
        if (response.code() == 429) {
            return true;
        }
        if (response.code() != 403) {
            return false;
        }
        if (exhausted(response) || response.header("Retry-After") != null) {
            return true;
        }
        try {
            // GitHub's secondary limit may come as a bare 403 whose message names it.
            String body = response.peekBody(4096).string().toLowerCase(Locale.ROOT);
            return body.contains("rate limit");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The wait the server asked for, if it said; never negative. */
    public static Optional<Duration> waitFor(Response response, Instant now) {
        String retryAfter = response.header("Retry-After");
        if (retryAfter != null) {
            Optional<Duration> parsed = parseRetryAfter(retryAfter.trim(), now);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        if (exhausted(response)) {
            String reset = firstHeader(response, "x-ratelimit-reset", "RateLimit-Reset");
            Long epoch = parseLong(reset);
            if (epoch != null) {
                return Optional.of(nonNegative(Duration.between(now, Instant.ofEpochSecond(epoch))));
            }
        }
        return Optional.empty();
    }

    /** When the remaining budget is zero, the instant it resets. Used to hold requests back before sending. */
    public static Optional<Instant> exhaustedUntil(Response response) {
        if (!exhausted(response)) {
            return Optional.empty();
        }
        Long epoch = parseLong(firstHeader(response, "x-ratelimit-reset", "RateLimit-Reset"));
        return epoch == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(epoch));
    }

    private static boolean exhausted(Response response) {
        Long remaining = parseLong(firstHeader(response, "x-ratelimit-remaining", "RateLimit-Remaining"));
        return remaining != null && remaining <= 0;
    }

    private static Optional<Duration> parseRetryAfter(String value, Instant now) {
        Long seconds = parseLong(value);
        if (seconds != null) {
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(nonNegative(Duration.between(now, at)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String firstHeader(Response response, String... names) {
        for (String name : names) {
            String v = response.header(name);
            if (v != null) {
                return v.trim();
            }
        }
        return null;
    }

    private static Long parseLong(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
