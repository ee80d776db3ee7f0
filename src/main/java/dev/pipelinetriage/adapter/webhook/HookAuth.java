package dev.pipelinetriage.adapter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checks a webhook's sender must pass, each compared in constant time ({@link MessageDigest#isEqual}) so a
 * forger learns nothing from how long a wrong guess took. A missing or malformed header simply fails.
 */
final class HookAuth {
    private static final String SHA256_PREFIX = "sha256=";

    private HookAuth() {
    }

    /** {@code sha256=<hex HMAC-SHA256 of the raw body>}, as GitHub's X-Hub-Signature-256 carries it. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return SHA256_PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** True when {@code header} is the body's {@code sha256=} HMAC under {@code secret}; hex case does not matter. */
    static boolean signatureMatches(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        String given = header.strip();
        if (!given.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            return false;
        }
        given = SHA256_PREFIX + given.substring(SHA256_PREFIX.length()).toLowerCase(Locale.ROOT);
        return equal(sign(secret, body), given);
    }

    /** A shared token sent as is (GitLab's X-Gitlab-Token). */
    static boolean tokenMatches(String secret, String header) {
        return header != null && equal(secret, header);
    }

    /** {@code Authorization: Bearer <secret>}, or Basic with {@code <secret>} as the password (Azure service hooks). */
    static boolean authorizationMatches(String secret, String header) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return equal(secret, value.substring(7).strip());
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            return colon >= 0 && equal(secret, decoded.substring(colon + 1));
        }
        return false;
    }

    private static boolean equal(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
