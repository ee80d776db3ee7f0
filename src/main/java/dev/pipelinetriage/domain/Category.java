package dev.pipelinetriage.domain;

import java.util.Locale;

/** The category a known error belongs to; each maps to the verdict it implies. */
public enum Category {
    CODE(Verdict.CODE), PLATFORM(Verdict.PLATFORM), FLAKY(Verdict.FLAKY);

    private final Verdict verdict;

    Category(Verdict verdict) {
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Category fromWireName(String name) {
        for (Category c : values()) {
            if (c.wireName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + name + "', expected code, platform or flaky");
    }
}
