package dev.pipelinetriage.engine.redact;

/**
 * Whether a value looks generated rather than chosen: long enough, mixing character classes, and with enough
 * Shannon entropy per character. For values after key names too weak to hide a value on their own
 * ({@code SOMETHING_KEY=}): a 40-character hex or base64 string passes, {@code production} or a path does not.
 */
final class Entropy {

    static final int MIN_LENGTH = 16;
    static final double MIN_BITS_PER_CHAR = 3.0;

    private Entropy() {
    }

    static boolean looksRandom(String value) {
        if (value.length() < MIN_LENGTH || value.startsWith("/") || value.startsWith("~") || value.startsWith(".")
                || value.contains("://")) {
            return false;
        }
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            digit |= c >= '0' && c <= '9';
            letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return digit && letter && bitsPerChar(value) >= MIN_BITS_PER_CHAR;
    }

    static double bitsPerChar(String value) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        double n = value.length();
        for (int count : counts) {
            if (count > 0) {
                bits -= count / n * (Math.log(count / n) / Math.log(2));
            }
        }
        if (other > 0) {
            bits -= other / n * (Math.log(other / n) / Math.log(2));
        }
        return bits;
    }
}
