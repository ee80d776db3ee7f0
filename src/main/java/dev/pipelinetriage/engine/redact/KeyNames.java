package dev.pipelinetriage.engine.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a key name names a secret, by its words: {@code DB_PASSWORD_2}, {@code clientSecret}, {@code ApiKey},
 * {@code NEW_RELIC_LICENSE_KEY}, but not {@code password_min_length}, {@code PublicKeyToken} or {@code CACHE_KEY}.
 * For the structured forms whose key and value a rule finds by their syntax rather than by a keyword: XML elements,
 * {@code <add key=... value=...>}, {@code ::set-output name=...::}, YAML block scalars.
 */
final class KeyNames {

    /** Words that make a key a secret wherever they stand in it. */
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "passphrase", "pass", "pwd", "secret",
            "secrets", "token", "credential", "credentials", "apikey", "auth", "privatekey");
    /** Words before "key" that make it a lookup or a name rather than a secret. */
    private static final Set<String> NOT_SECRET_KEYS = Set.of("cache", "primary", "foreign", "sort", "partition",
            "public", "idempotency", "lookup", "hash", "row", "map", "restore", "group", "routing", "dedup", "object",
            "file", "ssh", "gpg", "pgp", "signing", "host");
    /** Words naming a property of a secret, not the secret (as in {@code token_url}, {@code password_policy}). */
    static final Set<String> ABOUT_THE_SECRET = Set.of(
            "url", "uri", "urls", "endpoint", "file", "path", "dir", "type", "name", "names", "id", "ids", "length",
            "len", "size", "count", "min", "max", "expires", "expiry", "expiration", "ttl", "policy", "format",
            "mode", "enabled", "required", "hint", "prompt", "field", "env", "header", "prefix", "version",
            "ref", "kind", "method", "provider", "scheme", "strategy", "label", "description", "stdin",
            "timeout", "retries", "keyring", "result", "success", "failure", "error", "status", "state", "fd",
            "alias", "source", "validation", "reset", "changed", "change", "rotation", "manager", "store");

    private KeyNames() {
    }

    static boolean namesASecret(String key) {
        List<String> words = words(key);
        if (words.isEmpty() || words.equals(List.of("pwd")) || words.equals(List.of("oldpwd"))) {
            return false;
        }
        int secretAt = -1;
        for (int i = 0; i < words.size() && secretAt < 0; i++) {
            String word = words.get(i);
            if (SECRET_WORDS.contains(word)
                    || (word.equals("key") && i > 0 && !NOT_SECRET_KEYS.contains(words.get(i - 1)))) {
                secretAt = i;
            }
        }
        if (secretAt < 0 || (secretAt > 0 && words.get(secretAt - 1).equals("public"))) {
            return false;
        }
        for (int i = secretAt + 1; i < words.size(); i++) {
            if (ABOUT_THE_SECRET.contains(words.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Lower-case words of a key: split at {@code _ . - :} and where camelCase turns upper; digits dropped. */
    static List<String> words(String key) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lower = c >= 'a' && c <= 'z';
            if (upper && i > 0 && key.charAt(i - 1) >= 'a' && key.charAt(i - 1) <= 'z') {
                flush(word, words);
            }
            if (upper || lower) {
                word.append(Character.toLowerCase(c));
            } else if (c < '0' || c > '9') {
                flush(word, words);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
