package dev.pipelinetriage.domain;

import java.util.Locale;

/** What a failed job is most likely about. {@code UNKNOWN} is an honest answer, never a default guess. */
public enum Verdict {
    CODE, PLATFORM, FLAKY, UNKNOWN;

    /** The stable lower-case name used in JSON, chat and the corpus scorer. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict fromWireName(String name) {
        for (Verdict v : values()) {
            if (v.wireName().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + name + "', expected code, platform, flaky or unknown");
    }
}
