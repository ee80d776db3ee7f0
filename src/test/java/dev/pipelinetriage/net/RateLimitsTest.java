package dev.pipelinetriage.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/**
 * Header shapes from GitHub "Rate limits for the REST API" (x-ratelimit-*, secondary limits as 403 or 429, with
 * retry-after or a message) and GitLab "Rate limits" (RateLimit-*).
 */
class RateLimitsTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

    private static Response answer(int code, String body, String... headers) {
        Response.Builder response = new Response.Builder()
                .request(new Request.Builder().url("https://api.example/x").build())
                .protocol(Protocol.HTTP_1_1).code(code).message("")
                .body(ResponseBody.create(body, MediaType.get("application/json")));
        for (int i = 0; i < headers.length; i += 2) {
            response.header(headers[i], headers[i + 1]);
        }
        return response.build();
    }

    @Test
    void a429IsRateLimitedAndItsRetryAfterIsTheWait() {
        Response response = answer(429, "", "Retry-After", "30");

        assertThat(RateLimits.isRateLimited(response)).isTrue();
        assertThat(RateLimits.waitFor(response, NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void anHttpDateRetryAfterIsReadToo() {
        assertThat(RateLimits.waitFor(answer(429, "", "Retry-After", "Tue, 14 Nov 2023 22:13:27 GMT"), NOW))
                .contains(Duration.ofSeconds(7));
    }

    @Test
    void anExhaustedBudgetWaitsUntilItsReset() {
        Response github = answer(403, "", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "1700000060");
        Response gitlab = answer(429, "", "RateLimit-Remaining", "0", "RateLimit-Reset", "1700000090");

        assertThat(RateLimits.isRateLimited(github)).isTrue();
        assertThat(RateLimits.waitFor(github, NOW)).contains(Duration.ofMinutes(1));
        assertThat(RateLimits.exhaustedUntil(github)).contains(Instant.ofEpochSecond(1_700_000_060));
        assertThat(RateLimits.waitFor(gitlab, NOW)).contains(Duration.ofSeconds(90));
    }

    @Test
    void aResetOfABudgetNotYetSpentIsNoWait() {
        Response response = answer(500, "", "x-ratelimit-remaining", "4999", "x-ratelimit-reset", "1700003600");

        assertThat(RateLimits.isRateLimited(response)).isFalse();
        assertThat(RateLimits.waitFor(response, NOW)).isEmpty();
        assertThat(RateLimits.exhaustedUntil(response)).isEmpty();
    }

    @Test
    void aBare403IsRateLimitedOnlyWhenItsMessageSaysSo() {
        assertThat(RateLimits.isRateLimited(answer(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}")))
                .isTrue();
        assertThat(RateLimits.isRateLimited(answer(403, "{\"message\":\"Resource not accessible by integration\"}")))
                .isFalse();
        assertThat(RateLimits.isRateLimited(answer(403, "", "Retry-After", "60"))).isTrue();
    }

    @Test
    void aResetOutsideTimesRangeIsIgnored() {
        Response response = answer(403, "", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "999999999999999999");

        assertThat(RateLimits.exhaustedUntil(response)).isEmpty();
        assertThat(RateLimits.waitFor(response, NOW)).isEmpty();
    }
}
