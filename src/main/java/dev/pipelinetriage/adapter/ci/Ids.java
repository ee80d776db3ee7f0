package dev.pipelinetriage.adapter.ci;

import java.util.regex.Pattern;

/** Validation of ids taken from links, before they go anywhere near a request. */
public final class Ids {
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");

    private Ids() {
    }

    /** A positive decimal id without leading zeros or signs, below 10^18. */
    public static String number(String value, String what) {
        if (value == null || !NUMBER.matcher(value).matches()) {
            throw new LinkRefusal(what + " must be a positive number");
        }
        return value;
    }

    /** Owner, repository, group and project names: letters, digits, '.', '_', '-'. */
    public static String slug(String value, String what) {
        if (value == null || !SLUG.matcher(value).matches() || value.equals(".") || value.equals("..")
                || value.endsWith(".git") && value.length() == 4) {
            throw new LinkRefusal(what + " '" + abbreviate(value) + "' is not a valid name");
        }
        return value;
    }

    public static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
