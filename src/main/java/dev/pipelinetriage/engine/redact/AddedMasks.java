package dev.pipelinetriage.engine.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * Values a job registered with GitHub Actions' {@code ::add-mask::VALUE}: the value is hidden on that line and on
 * every later one, whatever surrounds it; {@link #redactAgain} hides it on lines read before the command too. At most
 * {@value #MAX_VALUES} values of at most {@value #MAX_LENGTH} characters are kept, so a hostile log cannot make every
 * line cost more than a bounded number of searches.
 */
final class AddedMasks {

    static final String COMMAND = "::add-mask::";
    static final String MARKER = Markers.of("masked");
    static final int MAX_VALUES = 256;
    static final int MAX_LENGTH = 4096;
    /** Shorter values would hide ordinary words everywhere; the runner's own masking covers them in its log. */
    static final int MIN_LENGTH = 4;

    private final List<String> values = new ArrayList<>();

    /** Registers the value this line adds, if it adds one. */
    void register(String line) {
        int at = line.indexOf(COMMAND);
        if (at >= 0) {
            add(valueAt(line, at));
        }
    }

    /** Hides the values registered so far, without reading the line for new ones. */
    String redactAgain(String line) {
        String text = line;
        for (String value : values) {
            if (text.contains(value)) {
                text = text.replace(value, MARKER);
            }
        }
        return text;
    }

    private void add(String value) {
        if (value.length() >= MIN_LENGTH && value.length() <= MAX_LENGTH && values.size() < MAX_VALUES
                && !Markers.isNotASecret(value) && !values.contains(value)) {
            values.add(value);
            values.sort((a, b) -> Integer.compare(b.length(), a.length())); // a value inside another: longest first
        }
    }

    /** The rest of the line after the command, without the quote that closes an {@code echo "::add-mask::..."}. */
    private static String valueAt(String line, int at) {
        String value = line.substring(at + COMMAND.length()).strip();
        if (at > 0 && !value.isEmpty()) {
            char before = line.charAt(at - 1);
            if ((before == '"' || before == '\'') && value.charAt(value.length() - 1) == before) {
                value = value.substring(0, value.length() - 1);
            }
        }
        return value;
    }
}
