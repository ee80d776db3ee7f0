package dev.pipelinetriage.net;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Retry-After} header (RFC 9110, section 10.2.3): a number of seconds, or an HTTP date (the preferred
 * IMF-fixdate and the two obsolete forms a recipient must still accept). One parser for every adapter.
 */
public final class RetryAfter {
    /** Longer asks are cut to this: no caller waits that long, and the arithmetic stays far from overflow. */
    public static final Duration LONGEST = Duration.ofDays(1);

    /** IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), RFC 850 and asctime, all in GMT. */
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss 'GMT'")
                    .toFormatter(Locale.US),
            new DateTimeFormatterBuilder().appendPattern("EEE MMM ").padNext(2).appendPattern("d HH:mm:ss yyyy")
                    .toFormatter(Locale.US));

    private RetryAfter() {
    }

    /**
     * How long the server asked to wait.
     *
     * @param header the header's value, or null when absent
     * @param now the moment the answer came, to turn a date into a wait
     * @return the wait, at most {@link #LONGEST}; zero for a date already past; empty when absent, negative or
     *     unreadable
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Twelve digits already exceed the cap by far; longer ones need not be parsed to be cut.
            long seconds = value.length() > 12 ? Long.MAX_VALUE : Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.min(seconds, LONGEST.toSeconds())));
        }
        return date(value).map(at -> capped(Duration.between(now, at)));
    }

    private static Optional<Instant> date(String value) {
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                // The zone is GMT in all three forms; RFC 1123 parsing also reads it from the text.
                return Optional.of(format == DateTimeFormatter.RFC_1123_DATE_TIME
                        ? format.parse(value, Instant::from)
                        : LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                // try the next form
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Duration capped(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
