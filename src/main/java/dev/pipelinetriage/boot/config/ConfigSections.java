package dev.pipelinetriage.boot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The top-level sections a configuration file may have. A misspelled section would otherwise be ignored and
 * silently switch its feature off, so anything else is an error with a "did you mean" hint. A feature with a new
 * section adds its name here.
 */
public final class ConfigSections {
    public static final List<String> KNOWN = List.of("ci", "slack", "teams", "tickets", "store", "ops", "webhooks",
            "proposals");

    private ConfigSections() {
    }

    /** One problem per unknown top-level key of {@code root}, in file order. */
    public static List<ConfigException> unknown(JsonNode root) {
        List<ConfigException> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String section = it.next();
            if (!KNOWN.contains(section)) {
                problems.add(new ConfigException(section, "unknown top-level section" + suggestion(section)
                        .map(s -> " (did you mean '" + s + "'?)").orElse("") + "; known sections: " + String.join(", ", KNOWN)));
            }
        }
        return problems;
    }

    /** The known section closest to {@code section}, if it is a plausible typo of it. */
    static Optional<String> suggestion(String section) {
        String lower = section.toLowerCase(Locale.ROOT);
        return KNOWN.stream().filter(k -> plausibleTypo(lower, k.toLowerCase(Locale.ROOT)))
                .min(Comparator.comparingInt(k -> distance(lower, k.toLowerCase(Locale.ROOT))));
    }

    private static boolean plausibleTypo(String typed, String known) {
        int allowed = Math.max(1, Math.min(3, known.length() / 3));
        return distance(typed, known) <= allowed || typed.length() >= 3 && (known.startsWith(typed) || typed.startsWith(known));
    }

    /** Levenshtein distance; the names are short. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
