package dev.pipelinetriage.net;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Response;

/**
 * Reads the rate-limit signals of an answer: {@code Retry-After} ({@link RetryAfter}: seconds or HTTP date),
 * GitHub's and Azure's {@code x-ratelimit-remaining}/{@code x-ratelimit-reset} (epoch seconds), and GitLab's
 * {@code RateLimit-Remaining}/{@code RateLimit-Reset} (epoch seconds). The CI providers and the trackers read them
 * here.
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
        Optional<Duration> asked = RetryAfter.parse(response.header("Retry-After"), now);
        if (asked.isPresent()) {
            return asked;
        }
        return exhaustedUntil(response).map(reset -> {
            Duration wait = Duration.between(now, reset);
            return wait.isNegative() ? Duration.ZERO : wait.compareTo(RetryAfter.LONGEST) > 0 ? RetryAfter.LONGEST : wait;
        });
    }

    /** When the remaining budget is zero, the instant it resets. Used to hold requests back before sending. */
    public static Optional<Instant> exhaustedUntil(Response response) {
        if (!exhausted(response)) {
            return Optional.empty();
        }
        Long epoch = parseLong(firstHeader(response, "x-ratelimit-reset", "RateLimit-Reset"));
        // An epoch beyond Instant's range is garbage, not a reason to fail the request.
        return epoch == null || epoch > Instant.MAX.getEpochSecond() || epoch < Instant.MIN.getEpochSecond()
                ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(epoch));
    }

    private static boolean exhausted(Response response) {
        Long remaining = parseLong(firstHeader(response, "x-ratelimit-remaining", "RateLimit-Remaining"));
        return remaining != null && remaining <= 0;
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
}
