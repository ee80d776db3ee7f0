package dev.pipelinetriage.adapter.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature ("Verifying requests from Slack"): HMAC-SHA256 with the signing secret over
 * {@code v0:<X-Slack-Request-Timestamp>:<raw body>}, hex, prefixed {@code v0=}. Stricter than the SDK's check:
 * the timestamp must be within five minutes of now on <em>both</em> sides, and the MACs are compared in
 * constant time. Nothing about a failed check is logged but the fact.
 */
final class SlackSignature {
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int MAC_BYTES = 32;

    private final SecretKeySpec key;
    private final Clock clock;

    SlackSignature(String signingSecret, Clock clock) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("a Slack signing secret is required");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    /** True only for a well-formed, fresh and matching signature of exactly these body bytes. */
    boolean verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || body == null) {
            return false;
        }
        if (!timestamp.matches("[0-9]{1,12}")) {
            return false;
        }
        long ts = Long.parseLong(timestamp);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - ts) > WINDOW.toSeconds()) {
            return false;
        }
        if (!signature.startsWith("v0=") || signature.length() != 3 + 2 * MAC_BYTES) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(3));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(mac(timestamp, body), given);
    }

    /** The expected {@code v0=...} header for a body: what tests sign with, as Slack does. */
    String sign(String timestamp, byte[] body) {
        return "v0=" + HexFormat.of().formatHex(mac(timestamp, body));
    }

    private byte[] mac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
