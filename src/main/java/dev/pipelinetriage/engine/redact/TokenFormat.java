package dev.pipelinetriage.engine.redact;

import java.util.Objects;

/**
 * One documented vendor token format, as facts: a literal prefix, then a run of the body alphabet of at least
 * {@code minLength} (and at most {@code maxLength}) characters. The whole token, prefix included, becomes the marker.
 *
 * @param needsDigit whether a body without a digit is taken for a word rather than a token (short, common prefixes)
 */
record TokenFormat(String kind, String prefix, Alphabet body, int minLength, int maxLength, boolean needsDigit) {

    TokenFormat {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(body, "body");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("format " + kind + " needs a prefix: a bare run is no format");
        }
        if (minLength < 8 || maxLength < minLength) {
            throw new IllegalArgumentException("format " + kind + " (" + prefix + ") has a body of " + minLength + ".."
                    + maxLength + " characters; at least 8, and max >= min");
        }
    }

    static TokenFormat of(String kind, String prefix, Alphabet body, int minLength) {
        return new TokenFormat(kind, prefix, body, minLength, Integer.MAX_VALUE, false);
    }

    static TokenFormat exactly(String kind, String prefix, Alphabet body, int length) {
        return new TokenFormat(kind, prefix, body, length, length, true);
    }

    /** A short or word-like prefix: the body must also hold a digit. */
    static TokenFormat withDigit(String kind, String prefix, Alphabet body, int minLength) {
        return new TokenFormat(kind, prefix, body, minLength, Integer.MAX_VALUE, true);
    }

    /**
     * The end of the token whose prefix starts at {@code at} in {@code line}, or -1 when the body that follows is not
     * this format's (too short, too long, or without a digit where one is needed).
     */
    int end(String line, int at) {
        return end(line, at, body.runEnd(line, at + prefix.length()));
    }

    /** As {@link #end(String, int)}, given where the body's run that starts after the prefix ends. */
    int end(String line, int at, int runEnd) {
        int from = at + prefix.length();
        int end = runEnd;
        int length = end - from;
        if (length < minLength || length > maxLength) {
            return -1;
        }
        return needsDigit && !Markers.hasDigit(line.subSequence(from, end)) ? -1 : end;
    }

    /** The characters a token body is made of. */
    enum Alphabet {
        /** Letters only (Hugging Face). */
        LETTERS(false, ""),
        ALNUM(false, ""),
        LOWER_ALNUM(false, ""),
        UPPER_ALNUM(false, ""),
        HEX(false, ""),
        /** Base64url and most vendor tokens: letters, digits, '_' and '-'. */
        TOKEN(false, "_-"),
        /** As {@link #TOKEN}, with dots inside (never a trailing one: that is a full stop). */
        DOTTED(true, "_-"),
        /** Standard base64 with padding. */
        BASE64(false, "+/="),
        /** Base64 and base64url with padding and dots (Sentry, Grafana, Fly.io). */
        BASE64_DOTTED(true, "+/=_-"),
        /** Letters, digits and URL-encoded bytes (Twitter's bearer tokens). */
        PERCENT(false, "%");

        private final boolean dots;
        private final String extra;

        Alphabet(boolean dots, String extra) {
            this.dots = dots;
            this.extra = extra;
        }

        boolean has(char c) {
            return switch (this) {
                case LETTERS -> isLetter(c);
                case LOWER_ALNUM -> (c >= 'a' && c <= 'z') || isDigit(c);
                case UPPER_ALNUM -> (c >= 'A' && c <= 'Z') || isDigit(c);
                case HEX -> isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                default -> isLetter(c) || isDigit(c) || extra.indexOf(c) >= 0;
            };
        }

        /** Where the run of body characters starting at {@code from} ends; a dot counts only with more body after. */
        int runEnd(String line, int from) {
            int i = from;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (has(c) || (dots && c == '.' && i + 1 < line.length() && has(line.charAt(i + 1)))) {
                    i++;
                } else {
                    break;
                }
            }
            return i;
        }

        private static boolean isLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
