package dev.pipelinetriage.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** Shared validation of the ids that end up in API paths: nothing but safe characters gets through. */
final class CiIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private CiIds() {
    }

    static String requireId(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1..128 letters, digits, '.', '_' or '-', got '"
                    + abbreviate(value) + "'");
        }
        return value;
    }

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
