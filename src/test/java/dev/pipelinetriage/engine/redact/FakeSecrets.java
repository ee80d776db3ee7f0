package dev.pipelinetriage.engine.redact;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Realistic-looking but fake secrets, generated from a fixed seed at test time: no secret-shaped literal sits in
 * the repository for a scanner to flag, and no value was ever valid anywhere.
 */
final class FakeSecrets {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String BASE64 = ALNUM + "+/";
    private static final String BASE64URL = ALNUM + "-_";
    private static final String HEX = "0123456789abcdef";

    private final Random random;

    FakeSecrets(long seed) {
        this.random = new Random(seed);
    }

    String alnum(int length) {
        return pick(ALNUM, length);
    }

    String letters(int length) {
        return pick(ALNUM.substring(0, 52), length);
    }

    String upperAlnum(int length) {
        return pick(UPPER_ALNUM, length);
    }

    String base64(int length) {
        return pick(BASE64, length);
    }

    /** RFC 4648 base32 in lower case, the legacy Azure DevOps PAT alphabet; at least one digit. */
    String base32Lower(int length) {
        return pick("abcdefghijklmnopqrstuvwxyz234567", length - 1) + "7";
    }

    String hex(int length) {
        return pick(HEX, length);
    }

    /** Base64url with at least one '-' and one '_' in it, as real signatures have. */
    String base64url(int length) {
        String body = pick(BASE64URL, length - 2);
        int cut = body.length() / 3;
        return body.substring(0, cut) + "-" + body.substring(cut, 2 * cut) + "_" + body.substring(2 * cut);
    }

    /** header.payload.signature; the header decodes to {"alg":"RS256","typ":"JWT"}. */
    String jwt(int payloadFields) {
        StringBuilder payload = new StringBuilder("{\"iss\":\"" + (100000 + random.nextInt(900000)) + "\"");
        for (int i = 0; i < payloadFields; i++) {
            payload.append(",\"f").append(i).append("\":\"").append(alnum(12)).append('"');
        }
        payload.append('}');
        return encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(payload.toString()) + "." + base64url(342);
    }

    /** The 2026 GitHub App installation token: ghs_APPID_JWT, about 520 characters, with dots. */
    String statelessGhs() {
        return "ghs_" + (100000 + random.nextInt(900000)) + "_" + jwt(6);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private String pick(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
