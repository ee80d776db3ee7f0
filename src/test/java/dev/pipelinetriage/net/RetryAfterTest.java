package dev.pipelinetriage.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110, section 10.2.3: {@code Retry-After = HTTP-date / delay-seconds}; its examples are the first cases. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("1999-12-31T23:58:00Z");

    @Test
    void delaySecondsAreTheWait() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofMinutes(2));
    }

    @Test
    void anImfFixdateIsTheWaitUntilThen() {
        assertThat(RetryAfter.parse("Fri, 31 Dec 1999 23:59:59 GMT", NOW)).contains(Duration.ofSeconds(119));
    }

    @Test
    void theObsoleteRfc850DateIsStillRead() {
        assertThat(RetryAfter.parse("Friday, 31-Dec-99 23:59:59 GMT", NOW)).contains(Duration.ofSeconds(119));
    }

    @Test
    void theObsoleteAsctimeDateIsStillReadWithItsPaddedDay() {
        Instant early = Instant.parse("1994-11-06T08:49:00Z");

        assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", early)).contains(Duration.ofSeconds(37));
        assertThat(RetryAfter.parse("Wed Nov 16 08:49:37 1994", early)).contains(Duration.ofDays(1));
    }

    @Test
    void aDateAlreadyPastMeansRetryNow() {
        assertThat(RetryAfter.parse("Fri, 31 Dec 1999 23:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void zeroSecondsMeansRetryNow() {
        assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
    }

    @Test
    void surroundingSpaceIsIgnored() {
        assertThat(RetryAfter.parse("  7 ", NOW)).contains(Duration.ofSeconds(7));
    }

    @Test
    void aHugeNumberOfSecondsIsCutToTheLongestWait() {
        assertThat(RetryAfter.parse("86401", NOW)).contains(RetryAfter.LONGEST);
        assertThat(RetryAfter.parse("99999999999999999999999999", NOW)).contains(RetryAfter.LONGEST);
    }

    @Test
    void aDateFarAheadIsCutToTheLongestWait() {
        assertThat(RetryAfter.parse("Fri, 31 Dec 2100 23:59:59 GMT", NOW)).contains(RetryAfter.LONGEST);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "   ", "-5", "+5", "1.5", "5s", "soon", "0x10", "\u0665", "31 Dec 1999",
            "Fri, 31 Dec 1999 25:61:00 GMT", "Fri, 32 Dec 1999 23:59:59 GMT"})
    void absentNegativeOrUnreadableValuesSayNothing(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(Optional.empty());
    }
}
