package dev.pipelinetriage.engine.redact;

/** ASCII-only case folding: unlike {@code String.toLowerCase}, it never changes a string's length or indices. */
final class Ascii {

    private Ascii() {
    }

    static String toLowerCase(String text) {
        int first = firstUpper(text);
        if (first < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = first; i < chars.length; i++) {
            char c = chars[i];
            if (c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    private static int firstUpper(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return i;
            }
        }
        return -1;
    }
}
