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
        String label = LABEL_PREFIX + key;
        if (label.length() <= MAX_LABEL) {
            return label;
        }
        String hash = Integer.toHexString(key.hashCode() & 0x7fffffff);
        return label.substring(0, MAX_LABEL - hash.length() - 1) + "-" + hash;
    }
}
