package dev.pipelinetriage.domain;

import java.util.Objects;

/**
 * What makes two failures "the same problem": the matched known error, or else a fingerprint of the key error
 * line with its variable parts masked. Occurrences are counted and tickets filed per signature.
 *
 * @param key {@code ke-<known error id>} or {@code fp-<16 hex digits>}; stable across releases of the bot
 * @param summary for people: the known error's title, or the masked key line
 * @param verdict the verdict the failure got; it picks the threshold
 */
public record Signature(String key, String summary, Verdict verdict) {
    /** GitHub caps label names at 50 characters; Jira forbids spaces in labels. */
    private static final int MAX_LABEL = 50;
    private static final String LABEL_PREFIX = "triage-";

    public Signature {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(verdict, "verdict");
        if (!key.matches("(ke|fp)-[a-z0-9][a-z0-9._-]{0,200}")) {
            throw new IllegalArgumentException("a signature key is ke-<id> or fp-<hex>, got '" + key + "'");
        }
    }

    public boolean knownError() {
        return key.startsWith("ke-");
    }

    /**
     * The label the tracker's ticket carries, found again by search after a crash. Long known-error ids are
     * shortened with a hash of the whole key, so two keys never share a label.
     */
    public String label() {
        return fit(LABEL_PREFIX + key, "");
    }

    /**
     * The label of the signature's {@code generation}-th ticket: a new ticket filed after an earlier one was closed
     * must not be mistaken for it when searched for. Generation 1 is {@link #label()}.
     */
    public String label(int generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1, got " + generation);
        }
        return generation == 1 ? label() : fit(LABEL_PREFIX + key, "-g" + generation);
    }

    private String fit(String label, String suffix) {
        if (label.length() + suffix.length() <= MAX_LABEL) {
            return label + suffix;
        }
        String hash = Integer.toHexString(key.hashCode() & 0x7fffffff);
        return label.substring(0, MAX_LABEL - hash.length() - 1 - suffix.length()) + "-" + hash + suffix;
    }
}
