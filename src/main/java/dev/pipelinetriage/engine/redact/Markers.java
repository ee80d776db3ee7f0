package dev.pipelinetriage.engine.redact;

import java.util.Locale;
import java.util.Set;

/**
 * The replacement text and the test for "this value is already hidden". Every rule consults the latter so a
 * second pass leaves the first pass's output alone: that is what makes redaction idempotent.
 */
final class Markers {

    static final String PREFIX = "[REDACTED:";

    /** Words that follow {@code password:} or {@code token=} in prose and messages rather than secrets. */
    private static final Set<String> NON_SECRET_WORDS = Set.of(
            "true", "false", "null", "nil", "none", "undefined", "empty", "required", "invalid", "expired",
            "missing", "unset", "not", "redacted", "masked", "hidden", "bearer", "basic", "yes", "no", "is", "was",
            "must", "should", "for", "from", "and", "or", "the", "a", "an");

    private Markers() {
    }

    static String of(String kind) {
        return PREFIX + kind + "]";
    }

    /**
     * Whether a candidate secret value is not worth hiding: already redacted or masked by the CI system
     * ({@code ***}, {@code [MASKED]}), a variable reference or template ({@code $TOKEN}, {@code ${{ secrets.X }}},
     * {@code %s}, {@code <token>}), a block-scalar indicator, or a plain word seen in prose.
     */
    static boolean isNotASecret(CharSequence value) {
        if (value.isEmpty()) {
            return true;
        }
        String text = value.toString();
        char first = text.charAt(0);
        if (first == '$') {
            return isVariableReference(text);
        }
        if ("%<>|{=:\u2026".indexOf(first) >= 0) {
            return true; // a template, placeholder, operator, block-scalar indicator or a line-cut marker
        }
        if (text.startsWith("(sensitive")) {
            return true; // Terraform's plan output: (sensitive value)
        }
        if (text.startsWith(PREFIX) || text.startsWith("[MASKED") || text.startsWith("-----BEGIN")) {
            return true;
        }
        if (text.chars().allMatch(c -> c == '*' || c == 'x' || c == 'X' || c == '.')) {
            return true; // ***, xxxx, ... : placeholders
        }
        return NON_SECRET_WORDS.contains(text.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code $TOKEN}, {@code ${TOKEN}}, {@code $(cat file)}, {@code $env:TOKEN}, {@code $1}: a shell or
     * PowerShell reference. A name mixing lower case, upper case and digits ({@code $uperS3cret}) reads as a
     * password that starts with '$', as does anything holding characters a variable name cannot (a path after
     * the name aside).
     */
    private static boolean isVariableReference(String text) {
        if (text.length() == 1 || "{(".indexOf(text.charAt(1)) >= 0
                || text.regionMatches(true, 0, "$env:", 0, 5)) {
            return true;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '/') {
                break; // $HOME/.npmrc: a path under a variable
            } else if (c != '_') {
                return false;
            }
        }
        return !(lower && upper && digit);
    }

    static boolean hasDigit(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
