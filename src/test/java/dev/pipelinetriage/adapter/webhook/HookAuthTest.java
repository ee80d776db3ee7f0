package dev.pipelinetriage.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The sender checks, against the known answer on GitHub's "Validating webhook deliveries" page. */
class HookAuthTest {
    /** GitHub's documented test values: secret, payload and the X-Hub-Signature-256 they give. */
    private static final String DOC_SECRET = "It's a Secret to Everybody";
    private static final byte[] DOC_PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String DOC_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void theSignatureOfGitHubsTestPayloadIsTheDocumentedOne() {
        assertThat(HookAuth.sign(DOC_SECRET, DOC_PAYLOAD)).isEqualTo(DOC_SIGNATURE);
        assertThat(HookAuth.signatureMatches(DOC_SECRET, DOC_PAYLOAD, DOC_SIGNATURE)).isTrue();
    }

    @Test
    void upperCaseHexIsTheSameSignature() {
        assertThat(HookAuth.signatureMatches(DOC_SECRET, DOC_PAYLOAD, "SHA256=" + DOC_SIGNATURE.substring(7).toUpperCase()))
                .isTrue();
    }

    @Test
    void aChangedBodyAnotherSecretOrAMissingPrefixFails() {
        assertThat(HookAuth.signatureMatches(DOC_SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8), DOC_SIGNATURE))
                .isFalse();
        assertThat(HookAuth.signatureMatches("another secret", DOC_PAYLOAD, DOC_SIGNATURE)).isFalse();
        assertThat(HookAuth.signatureMatches(DOC_SECRET, DOC_PAYLOAD, DOC_SIGNATURE.substring(7))).isFalse();
        assertThat(HookAuth.signatureMatches(DOC_SECRET, DOC_PAYLOAD, null)).isFalse();
        assertThat(HookAuth.signatureMatches(DOC_SECRET, DOC_PAYLOAD, "sha1=" + DOC_SIGNATURE.substring(7))).isFalse();
    }

    @Test
    void gitLabsTokenMustBeExactlyTheSecret() {
        assertThat(HookAuth.tokenMatches("gl-hook-secret", "gl-hook-secret")).isTrue();
        assertThat(HookAuth.tokenMatches("gl-hook-secret", "gl-hook-secre")).isFalse();
        assertThat(HookAuth.tokenMatches("gl-hook-secret", "gl-hook-secret ")).isFalse();
        assertThat(HookAuth.tokenMatches("gl-hook-secret", null)).isFalse();
    }

    @Test
    void theGenericHookTakesABearerTokenOrBasicAuthWithTheSecretAsPassword() {
        String basic = Base64.getEncoder().encodeToString("azure:hook-secret".getBytes(StandardCharsets.UTF_8));
        String wrongBasic = Base64.getEncoder().encodeToString("azure:nope".getBytes(StandardCharsets.UTF_8));

        assertThat(HookAuth.authorizationMatches("hook-secret", "Bearer hook-secret")).isTrue();
        assertThat(HookAuth.authorizationMatches("hook-secret", "Basic " + basic)).isTrue();
        assertThat(HookAuth.authorizationMatches("hook-secret", "Basic " + wrongBasic)).isFalse();
        assertThat(HookAuth.authorizationMatches("hook-secret", "Basic not-base64!")).isFalse();
        assertThat(HookAuth.authorizationMatches("hook-secret", "Bearer other")).isFalse();
        assertThat(HookAuth.authorizationMatches("hook-secret", "hook-secret")).isFalse();
        assertThat(HookAuth.authorizationMatches("hook-secret", null)).isFalse();
    }
}
