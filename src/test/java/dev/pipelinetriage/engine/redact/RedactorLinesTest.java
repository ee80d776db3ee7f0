package dev.pipelinetriage.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.engine.redact.RedactionCases.SecretCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RedactorLinesTest {

    private static final String TS = "2026-05-04T09:12:33.4567890Z ";
    private static final String KEY_MARKER = "[REDACTED:private-key]";

    private final Redactor redactor = new Redactor();
    private final FakeSecrets fake = new FakeSecrets(42L);

    private List<String> keyBody(int lines) {
        List<String> body = new ArrayList<>();
        for (int i = 0; i < lines - 1; i++) {
            body.add(fake.base64(64));
        }
        body.add(fake.base64(30) + "==");
        return body;
    }

    private List<String> log(String... parts) {
        return List.of(parts);
    }

    @Test
    void aPrivateKeyBlockKeepsHeaderFooterAndLineCountAndHidesEveryBodyLine() {
        List<String> body = keyBody(5);
        List<String> lines = new ArrayList<>();
        lines.add(TS + "Run cat deploy_key");
        lines.add(TS + "-----BEGIN RSA PRIVATE KEY-----");
        body.forEach(b -> lines.add(TS + b));
        lines.add(TS + "-----END RSA PRIVATE KEY-----");
        lines.add(TS + "##[error]Process completed with exit code 1.");

        List<String> out = redactor.redactLines(lines);

        assertThat(out).hasSameSizeAs(lines);
        assertThat(out.get(0)).isEqualTo(lines.get(0));
        assertThat(out.get(1)).isEqualTo(lines.get(1));
        assertThat(out.subList(2, 7)).containsOnly(TS + KEY_MARKER);
        assertThat(out.get(7)).isEqualTo(lines.get(7));
        assertThat(out.get(8)).isEqualTo(lines.get(8));
    }

    @Test
    void aPrivateKeyCutOffAtTheExcerptEndIsHiddenToTheEnd() {
        List<String> lines = new ArrayList<>();
        lines.add("Setting up SSH");
        lines.add("-----BEGIN OPENSSH PRIVATE KEY-----");
        lines.addAll(keyBody(3));

        Redactor.RedactionStream stream = redactor.newStream();
        List<String> out = lines.stream().map(stream::redact).toList();

        assertThat(out).containsExactly("Setting up SSH", "-----BEGIN OPENSSH PRIVATE KEY-----",
                KEY_MARKER, KEY_MARKER, KEY_MARKER);
        assertThat(stream.insidePrivateKey()).isTrue();
    }

    @Test
    void aTruncatedKeyBlockEndsAtTheFirstLineThatIsNotKeyMaterial() {
        String bodyLine = fake.base64(64);
        List<String> lines = log("  -----BEGIN EC PRIVATE KEY-----", "  " + bodyLine,
                "Error: Load key \"/home/runner/.ssh/id\": invalid format", "git@github.com: Permission denied");

        assertThat(redactor.redactLines(lines)).containsExactly("  -----BEGIN EC PRIVATE KEY-----",
                "  " + KEY_MARKER, lines.get(2), lines.get(3));
    }

    @Test
    void anEncryptedPemKeepsItsBlankLineAndHidesItsHeaders() {
        List<String> lines = log("-----BEGIN RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED",
                "DEK-Info: AES-128-CBC," + fake.hex(32).toUpperCase(java.util.Locale.ROOT), "", fake.base64(64),
                "-----END RSA PRIVATE KEY-----");

        assertThat(redactor.redactLines(lines)).containsExactly("-----BEGIN RSA PRIVATE KEY-----", KEY_MARKER,
                KEY_MARKER, "", KEY_MARKER, "-----END RSA PRIVATE KEY-----");
    }

    @Test
    void aKeyHeaderWithBodyOnTheSameLineHidesTheRestOfThatLine() {
        String line = "SSH_KEY=-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ";

        assertThat(redactor.redactLine(line)).isEqualTo("SSH_KEY=-----BEGIN OPENSSH PRIVATE KEY-----" + KEY_MARKER);
    }

    @Test
    void redactLineDoesNotCarryAnOpenKeyToTheNextCall() {
        redactor.redactLine("-----BEGIN PRIVATE KEY-----");

        String next = "aGVsbG8gd29ybGQgdGhpcyBpcyBub3QgYSBzZWNyZXQ=";
        assertThat(redactor.redactLine(next)).isEqualTo(next);
    }

    @Test
    void redactingLinesTwiceChangesNothingMore() {
        List<String> lines = new ArrayList<>();
        lines.add("-----BEGIN PRIVATE KEY-----");
        lines.addAll(keyBody(4));
        lines.add("-----END PRIVATE KEY-----");
        lines.add("-----BEGIN OPENSSH PRIVATE KEY-----");
        lines.addAll(keyBody(2));
        RedactionCases.secrets().forEach(row -> lines.add(row.line()));
        lines.addAll(RedactionCases.nearMisses());

        List<String> once = redactor.redactLines(lines);

        assertThat(redactor.redactLines(once)).isEqualTo(once);
    }

    @Test
    void everyOutputLineCorrespondsToItsInputLine() {
        List<SecretCase> rows = RedactionCases.secrets();
        List<String> lines = new ArrayList<>(rows.stream().map(SecretCase::line).toList());
        lines.addAll(RedactionCases.nearMisses());

        List<String> out = redactor.redactLines(lines);

        assertThat(out).hasSameSizeAs(lines);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(out.get(i)).isEqualTo(rows.get(i).expected());
        }
        assertThat(out.subList(rows.size(), out.size())).isEqualTo(RedactionCases.nearMisses());
    }

    @Test
    void logLinesKeepTheirOriginalNumbers() {
        String token = "ghp_" + fake.alnum(36);
        List<LogLine> lines = List.of(new LogLine(41, "-----BEGIN RSA PRIVATE KEY-----"),
                new LogLine(42, fake.base64(64)), new LogLine(97, "push with " + token));

        List<RedactedLine> out = redactor.redactLogLines(lines);

        assertThat(out).extracting(RedactedLine::number).containsExactly(41, 42, 97);
        assertThat(out).extracting(RedactedLine::text).containsExactly("-----BEGIN RSA PRIVATE KEY-----", KEY_MARKER,
                "push with [REDACTED:github-token]");
    }

    @Test
    void aStreamOfLinesIsRedactedLazilyWithStateAcrossLines() {
        String body = fake.base64(64);
        String joined = redactor.redact(List.of("-----BEGIN DSA PRIVATE KEY-----", body, "done").stream())
                .collect(Collectors.joining("\n"));

        assertThat(joined).isEqualTo("-----BEGIN DSA PRIVATE KEY-----\n" + KEY_MARKER + "\ndone");
    }

    @Test
    void severalSecretsInOneLineAreAllRedacted() {
        String keyId = "AKIA" + fake.upperAlnum(16);
        String secret = fake.base64(40);
        String token = "ghp_" + fake.alnum(36);
        String line = TS + "env: AWS_ACCESS_KEY_ID=" + keyId + " AWS_SECRET_ACCESS_KEY=" + secret + " GITHUB_TOKEN="
                + token + " CI=true";

        assertThat(redactor.redactLine(line)).isEqualTo(TS + "env: AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key-id]"
                + " AWS_SECRET_ACCESS_KEY=[REDACTED:secret] GITHUB_TOKEN=[REDACTED:github-token] CI=true");
    }

    @Test
    void secretsInUrlsInTheMiddleOfAGitHubActionsLineKeepTheRestOfTheLine() {
        String ghs = fake.statelessGhs();
        String line = TS + "[command]/usr/bin/git -c http.extraheader=\"AUTHORIZATION: basic " + fake.base64(40)
                + "\" fetch https://x-access-token:" + ghs + "@github.com/acme/api.git +refs/heads/main";

        String out = redactor.redactLine(line);

        assertThat(out).isEqualTo(TS + "[command]/usr/bin/git -c http.extraheader=\"AUTHORIZATION: basic "
                + "[REDACTED:authorization]\" fetch https://x-access-token:[REDACTED:github-token]@github.com/acme/"
                + "api.git +refs/heads/main");
    }

    @Test
    void aUrlWithTwoCredentialedHostsHidesBothPasswords() {
        String line = "mirrors: https://a:" + fake.alnum(12) + "@one.example.com, ftp://b:" + fake.alnum(12)
                + "@two.example.com/x";

        assertThat(redactor.redactLine(line)).isEqualTo("mirrors: https://a:[REDACTED:url-credential]@one.example.com,"
                + " ftp://b:[REDACTED:url-credential]@two.example.com/x");
    }
    @Test
    void curlUserOnAContinuationLineIsHiddenButDockerUserIdsAreNot() {
        String password = fake.alnum(16);
        List<String> lines = log(TS + "Run curl -sf \\", TS + "  -X POST \\", TS + "  -u deploy:" + password + " \\",
                TS + "  https://jenkins.acme.io/job/x/build", TS + "docker run -u 1000:1000 \\",
                TS + "  -u node:node alpine true");

        assertThat(redactor.redactLines(lines)).containsExactly(lines.get(0), lines.get(1),
                TS + "  -u deploy:[REDACTED:password] \\", lines.get(3), lines.get(4), lines.get(5));
    }

    @Test
    void aContinuationLineAfterTheCurlCommandEndedIsNotReadAsCurl() {
        List<String> lines = log("curl -sf https://acme.io/health", "  -u app:app");

        assertThat(redactor.redactLines(lines)).isEqualTo(lines);
    }

    @Test
    void privateKeyLinesUnderBuildKitPrefixesAreHiddenAndKeepThePrefix() {
        List<String> body = keyBody(3);
        List<String> lines = new ArrayList<>();
        lines.add("#8 [3/5] RUN cat /run/secrets/deploy_key");
        lines.add("#8 0.106 -----BEGIN OPENSSH PRIVATE KEY-----");
        body.forEach(b -> lines.add("#8 0.106 " + b));
        lines.add("#8 0.107 -----END OPENSSH PRIVATE KEY-----");
        lines.add("#8 DONE 0.2s");

        List<String> out = redactor.redactLines(lines);

        assertThat(out).containsExactly(lines.get(0), lines.get(1), "#8 0.106 " + KEY_MARKER,
                "#8 0.106 " + KEY_MARKER, "#8 0.106 " + KEY_MARKER, lines.get(5), lines.get(6));
    }

    @Test
    void anAddMaskValueIsHiddenOnItsLineAndEveryLaterOne() {
        String value = fake.alnum(18);
        List<String> lines = log("::add-mask::" + value, "Connecting with " + value + " as ci", "done");

        assertThat(redactor.redactLines(lines)).containsExactly("::add-mask::[REDACTED:masked]",
                "Connecting with [REDACTED:masked] as ci", "done");
    }

    @Test
    void aYamlBlockScalarUnderASecretKeyIsHiddenToItsEnd() {
        List<String> lines = log("  database:", "    password: |-", "      " + fake.alnum(20), "      " + fake.alnum(9),
                "    user: app");

        assertThat(redactor.redactLines(lines)).containsExactly("  database:", "    password: |-",
                "      [REDACTED:password]", "      [REDACTED:password]", "    user: app");
    }

    @Test
    void aNetrcWrittenOnePairALineHidesItsPassword() {
        List<String> lines = log("machine api.github.com", "  login ci-bot", "  password " + fake.alnum(20),
                "Cloning into 'api'...");

        assertThat(redactor.redactLines(lines)).containsExactly("machine api.github.com", "  login ci-bot",
                "  password [REDACTED:password]", "Cloning into 'api'...");
    }

    @Test
    void aPuttyKeyHidesItsPrivateLinesAndMacButNotItsPublicLines() {
        String publicLine = fake.base64(64);
        List<String> lines = log("PuTTY-User-Key-File-3: ssh-ed25519", "Public-Lines: 1", publicLine,
                "Private-Lines: 2", fake.base64(64), fake.base64(20), "Private-MAC: " + fake.hex(64));

        assertThat(redactor.redactLines(lines)).containsExactly("PuTTY-User-Key-File-3: ssh-ed25519",
                "Public-Lines: 1", publicLine, "Private-Lines: 2", KEY_MARKER, KEY_MARKER,
                "Private-MAC: " + KEY_MARKER);
    }

    @Test
    void aPrivateKeysShortLastLineBehindADockerComposePrefixIsHidden() {
        List<String> lines = log("web-1  | -----BEGIN RSA PRIVATE KEY-----", "web-1  | " + fake.base64(64),
                "web-1  | " + fake.base64(10) + "==", "web-1  | -----END RSA PRIVATE KEY-----");

        assertThat(redactor.redactLines(lines)).containsExactly(lines.get(0), "web-1  | " + KEY_MARKER,
                "web-1  | " + KEY_MARKER, lines.get(3));
    }
}
