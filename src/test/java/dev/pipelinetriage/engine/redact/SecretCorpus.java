package dev.pipelinetriage.engine.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The secrets corpus: generated secrets of every family the redactor claims, each placed in realistic CI log lines,
 * and realistic lines that hold no secret. Vendor tokens come from the format inventory ({@link TokenFormats}), so
 * a format added there is tested here in every context at once; the other families are built from the shapes CI
 * tools print. Values are random from a fixed seed: no real secret, and the same corpus on every run.
 */
final class SecretCorpus {

    static final String TS = "2026-05-04T09:12:33.4567890Z ";

    /** One case: the log lines as printed, and the secrets of which no 8-character piece may survive. */
    record Case(String family, String description, List<String> lines, List<String> secrets) {
        Case {
            lines = List.copyOf(lines);
            secrets = List.copyOf(secrets);
        }

        @Override
        public String toString() {
            return family + ": " + description;
        }
    }

    private final FakeSecrets fake = new FakeSecrets(1717L);
    private final List<Case> cases = new ArrayList<>();

    private SecretCorpus() {
    }

    static List<Case> cases() {
        SecretCorpus corpus = new SecretCorpus();
        corpus.vendorTokens();
        corpus.claimedFormatsGlued();
        corpus.commandLinePasswords();
        corpus.keyNames();
        corpus.structuredText();
        corpus.partialMasks();
        corpus.urlsAndHeaders();
        return List.copyOf(corpus.cases);
    }

    private void add(String family, String description, String secret, String... lines) {
        cases.add(new Case(family, description, List.of(lines), List.of(secret)));
    }

    private void addLines(String family, String description, List<String> secrets, List<String> lines) {
        cases.add(new Case(family, description, lines, secrets));
    }

    // ---- vendor tokens: every inventory format in several contexts ----

    private static final String[] TOKEN_CONTEXTS = {
        TS + "DEPLOY_CRED={}",
        TS + "+ curl -sf -H \"X-Custom: {}\" https://api.acme.io/v1/deploy",
        "{\"level\":\"info\",\"msg\":\"using credential\\n{}\\n\"}",
        TS + "GET /oauth/callback?next=%2Fhome%3Fk%3D{} 302",
        TS + "The configured value was {}.",
        "  deploy_cred: '{}'",
        "export CONFIG=\"{}\"",
    };

    private void vendorTokens() {
        int i = 0;
        for (TokenFormat format : TokenFormats.ALL) {
            for (int c = 0; c < 3; c++) {
                String template = TOKEN_CONTEXTS[(i + c * 3) % TOKEN_CONTEXTS.length];
                String token = token(format);
                add("vendor-token", format.kind() + " " + format.prefix() + " in " + shortOf(template), token,
                        template.replace("{}", token));
            }
            i++;
        }
        // formats without a literal prefix
        String[][] others = {
            {"aws-access-key-id", "AKIA" + fake.upperAlnum(16)},
            {"aws-access-key-id", "ASIA" + fake.upperAlnum(16)},
            {"terraform-token", fake.alnum(14).toLowerCase(Locale.ROOT) + ".atlasv1." + fake.base64url(67)},
            {"telegram-bot-token", "5" + digits(9) + ":AA" + fake.base64url(33)},
            {"mailchimp-key", fake.hex(32) + "-us12"},
            {"newrelic-key", fake.hex(36) + "NRAL"},
            {"discord-webhook", "https://discord.com/api/webhooks/1" + digits(17) + "/" + fake.base64url(68)},
            {"teams-webhook", "https://acme.webhook.office.com/webhookb2/" + uuid() + "@" + uuid()
                    + "/IncomingWebhook/" + fake.hex(32) + "/" + uuid()},
        };
        for (String[] other : others) {
            for (String template : List.of(TOKEN_CONTEXTS[0], TOKEN_CONTEXTS[2], TOKEN_CONTEXTS[4])) {
                String secret = other[1].startsWith("https://") ? other[1].substring(other[1].lastIndexOf('/') + 1)
                        : other[1];
                add("vendor-token", other[0] + " in " + shortOf(template), secret, template.replace("{}", other[1]));
            }
        }
    }

    /** A token of the format: its prefix and a random body of its alphabet, at its documented length. */
    private String token(TokenFormat format) {
        int length = format.maxLength() == Integer.MAX_VALUE ? format.minLength() + 4 : format.maxLength();
        String body = switch (format.body()) {
            case LETTERS -> fake.letters(length);
            case ALNUM, PERCENT -> fake.alnum(length);
            case LOWER_ALNUM -> fake.alnum(length).toLowerCase(Locale.ROOT);
            case UPPER_ALNUM -> fake.upperAlnum(length);
            case HEX -> fake.hex(length);
            case TOKEN -> fake.base64url(length);
            case DOTTED -> dotted(length);
            case BASE64 -> fake.base64(length - 2) + "==";
            case BASE64_DOTTED -> fake.base64(length);
        };
        if (format.needsDigit() && !Markers.hasDigit(body)) {
            body = body.substring(0, body.length() - 1) + "7";
        }
        return format.prefix() + body;
    }

    private String dotted(int length) {
        String body = fake.base64url(length);
        return body.substring(0, length / 3) + "." + body.substring(length / 3 + 1);
    }

    // ---- claimed formats glued to text ----

    private void claimedFormatsGlued() {
        String[] glue = {
            "{\"log\":\"token follows\\n{}\\n\"}",
            TS + "redirect: /auth?state=x%3D{}%26next",
            TS + "Authenticated with {}.",
            TS + "value:{}",
            "curl -d 'k={}' https://api.acme.io",
        };
        for (int round = 0; round < 3; round++) {
            for (String template : glue) {
                List<String[]> tokens = List.of(
                        new String[] {"google-api-key", "AIza" + fake.base64url(35)},
                        new String[] {"azure-devops-pat", fake.base32Lower(52)},
                        new String[] {"azure-devops-pat", fake.alnum(52) + "JQQJ99" + "AB" + fake.alnum(16) + "AZDO"
                                + fake.alnum(4)},
                        new String[] {"azure-client-secret", fake.alnum(3) + "8Q~" + fake.base64url(34)},
                        new String[] {"jwt", fake.jwt(2)});
                for (String[] token : tokens) {
                    add("glued", token[0] + " in " + shortOf(template), token[1], template.replace("{}", token[1]));
                }
            }
        }
    }

    // ---- passwords on command lines ----

    private void commandLinePasswords() {
        String[] forms = {
            "docker login -u ci -p {} ghcr.io",
            "podman login --username ci -p {} quay.io",
            "echo {} | docker login -u ci --password-stdin ghcr.io",
            "echo \"{}\" | docker login ghcr.io -u ci --password-stdin",
            "printf '%s' '{}' | helm registry login ghcr.io -u ci --password-stdin",
            "sshpass -p {} ssh deploy@10.0.0.5 ./deploy.sh",
            "sshpass -p '{}' scp build.tgz deploy@web:/srv",
            "keytool -importkeystore -srckeystore a.p12 -srcstorepass {} -destkeystore b.jks -deststorepass {}",
            "jarsigner -keystore release.jks -storepass {} app.apk release",
            "keytool -genkeypair -alias app -keypass {} -keystore k.jks",
            "openssl pkcs12 -in cert.p12 -passin pass:{} -nodes -out cert.pem",
            "openssl rsa -in key.pem -passout pass:{} -aes256 -out enc.pem",
            "az login --service-principal -u 00000000-0000-0000-0000-000000000000 -p {} --tenant acme",
            "twine upload -u __token__ -p {} dist/*",
            "redis-cli -h cache.internal -a {} PING",
            "sqlcmd -S db.acme.io -U sa -P {} -Q \"SELECT 1\"",
            "mongosh \"mongodb://db:27017/app\" -u admin -p {} --eval 'db.stats()'",
            "nuget push build/App.1.2.3.nupkg -k {} -s https://api.nuget.org/v3/index.json",
            "dotnet nuget push App.nupkg --api-key {} --source github",
            "vault login {}",
            "htpasswd -b -c /etc/nginx/.htpasswd admin {}",
            "htpasswd -nb admin {}",
            "mvn sonar:sonar -Dsonar.host.url=https://sonar.acme.io -Dsonar.login={}",
            "http -a ci:{} POST https://api.acme.io/deploy",
            "curl -uci:{} https://jenkins.acme.io/job/x/build",
            "curl -fsSu ci:{} https://nexus.acme.io/repository/raw/x.tgz -O",
            "curl --proxy-user proxy:{} -x http://proxy:3128 https://example.com",
            "curl -U proxy:{} -x http://proxy:3128 https://example.com",
            "mysql -h db -u root -p{} app < schema.sql",
            "ldapsearch -x -D cn=admin,dc=acme -w {} -b dc=acme",
            "sqlplus -s system/{}@//db.acme.io:1521/ORCLPDB1 @migrate.sql",
        };
        for (int round = 0; round < 3; round++) {
            for (String form : forms) {
                String secret = round == 2 ? fake.alnum(8) + "#" + fake.alnum(5) : fake.alnum(12 + round * 4);
                add("cli-password", shortOf(form), secret, TS + form.replace("{}", secret));
            }
        }
        // the same commands as a step name: "Run <command>" is what GitHub prints as the failed step
        for (String form : List.of(forms[0], forms[5], forms[10], forms[19], forms[24])) {
            String secret = fake.alnum(16);
            add("cli-password", "step name " + shortOf(form), secret, "Run " + form.replace("{}", secret));
        }
    }

    // ---- key names by pattern ----

    private void keyNames() {
        String[] names = {
            "API_KEY_PROD", "MY_API_KEY_SUFFIX", "DB_PASSWORD_2", "TOKEN2", "SECRET1", "STRIPE_KEY", "DD_APP_KEY",
            "DD_API_KEY", "NEW_RELIC_LICENSE_KEY", "SENDGRID_KEY", "ALGOLIA_ADMIN_KEY", "AZURE_STORAGE_KEY",
            "SERVICE_CREDENTIALS", "db_credential", "REGISTRY_PASS", "ldap_bind_pwd", "APP_SECRET_2", "jwtSecret",
            "apiKey", "authToken", "PRIVATE_KEY_PASSPHRASE", "SMTP_PASSWORD_PROD", "GH_AUTH", "clientSecret",
        };
        String[] forms = {
            "{k}={v}", "  {k}: {v}", "{\"{k}\": \"{v}\"}", "{\\\"{k}\\\": \\\"{v}\\\"}", "<{k}>{v}</{k}>",
            "{k} = {v}", "ENV {k} {v}", "--{k}={v}", "set {k}={v}", "export {k}='{v}'",
        };
        int i = 0;
        for (String name : names) {
            for (int f = 0; f < 5; f++) {
                String form = forms[(i + f * 2) % forms.length];
                String value = i % 3 == 0 ? fake.hex(40) : fake.alnum(20) + "x9";
                add("key-name", name + " as " + shortOf(form), value,
                        TS + form.replace("{k}", name).replace("{v}", value));
            }
            i++;
        }
        for (int round = 0; round < 5; round++) {
            String value = fake.base64(600) + "==";
            add("key-name", "kubeconfig client-key-data", value, "    client-key-data: " + value);
            String token = fake.base64url(48);
            add("key-name", "kubeconfig token", token, "    token: " + token);
        }
    }

    // ---- structured text ----

    private void structuredText() {
        for (int round = 0; round < 6; round++) {
            String pw = fake.alnum(14) + "!" + round;
            add("structured", "Maven settings.xml <password>", pw, TS + "      <password>" + pw + "</password>");
            String ps = fake.alnum(16);
            add("structured", "JSON inside a JSON string", ps,
                    "{\"body\":\"{\\\"user\\\":\\\"ci\\\",\\\"password\\\":\\\"" + ps + "\\\"}\"}");
            String pass = fake.alnum(12) + "Z" + round;
            add("structured", "\"pass\": in JSON", pass, "{\"user\": \"ci\", \"pass\": \"" + pass + "\"}");
            String mask = fake.alnum(18);
            addLines("structured", "::add-mask:: value and its later uses", List.of(mask),
                    List.of(TS + "::add-mask::" + mask, TS + "Connecting with " + mask + " as ci",
                            TS + "error: auth failed for key " + mask));
            String out = fake.alnum(24);
            add("structured", "::set-output name=token::", out, TS + "::set-output name=token::" + out);
            String env = fake.alnum(28);
            add("structured", "Dockerfile ENV KEY value", env, "#5 [2/6] ENV API_TOKEN " + env);
            String nuget = "oy2" + fake.alnum(43).toLowerCase(Locale.ROOT);
            String nugetKey = fake.alnum(26);
            add("structured", "NuGet <add key=\"ApiKey\" value=...>", nugetKey,
                    "    <add key=\"ApiKey\" value=\"" + nugetKey + "\" />");
            add("structured", "NuGet ClearTextPassword", pw + "x",
                    "      <add key=\"ClearTextPassword\" value=\"" + pw + "x\" />");
            add("structured", "NuGet oy2 key", nuget, "nuget setapikey " + nuget + " -Source nuget.org");
            String cookie = fake.base64url(40);
            add("structured", "Cookie header", cookie, "> Cookie: session=" + cookie + "; theme=dark");
            String setCookie = fake.base64url(48);
            add("structured", "Set-Cookie header", setCookie,
                    "< Set-Cookie: __Host-sid=" + setCookie + "; Path=/; Secure; HttpOnly");
            String block1 = fake.alnum(22);
            String block2 = fake.base64(30);
            addLines("structured", "YAML block scalar after password: |-", List.of(block1, block2),
                    List.of("  database:", "    password: |-", "      " + block1, "      " + block2, "    user: app"));
            String netrc = fake.alnum(20);
            addLines("structured", "multi-line netrc", List.of(netrc),
                    List.of("machine api.github.com", "  login ci-bot", "  password " + netrc, "machine x.io"));
            String xmlSecret = fake.alnum(24);
            add("structured", "XML <secret> element", xmlSecret, "<clientSecret>" + xmlSecret + "</clientSecret>");
        }
    }

    // ---- partial masks ----

    private void partialMasks() {
        String[] punctuation = {"]", "}", "%3B", ")", ";", "&", ","};
        for (int round = 0; round < 4; round++) {
            for (String p : punctuation) {
                String value = fake.alnum(4) + p + fake.alnum(10);
                add("partial-mask", "unquoted value with " + p, value, TS + "DB_PASSWORD=" + value + " ./migrate");
                String value2 = fake.alnum(6) + p + fake.alnum(9);
                add("partial-mask", "unquoted value with " + p + " at line end", value2, "  secret: " + value2);
            }
        }
        String[] prefixes = {"web-1  | ", "api_1      | ", "[pod/api-7d9f/app] ", "2026-05-04 09:12:33,123 ",
            "[2026-05-04T09:12:33.123Z] ", TS, "09:12:33 "};
        for (int round = 0; round < 2; round++) {
            for (String prefix : prefixes) {
                List<String> body = new ArrayList<>();
                List<String> lines = new ArrayList<>();
                lines.add(prefix + "-----BEGIN RSA PRIVATE KEY-----");
                for (int i = 0; i < 3; i++) {
                    String b = fake.base64(64);
                    body.add(b);
                    lines.add(prefix + b);
                }
                String last = fake.base64(12) + "==";
                body.add(last);
                lines.add(prefix + last);
                lines.add(prefix + "-----END RSA PRIVATE KEY-----");
                addLines("partial-mask", "PEM key behind " + prefix.strip(), body, lines);
            }
        }
        for (int round = 0; round < 4; round++) {
            List<String> priv = List.of(fake.base64(64), fake.base64(64), fake.base64(20) + "=");
            String mac = fake.hex(40);
            List<String> secrets = new ArrayList<>(priv);
            secrets.add(mac);
            List<String> lines = new ArrayList<>(List.of("PuTTY-User-Key-File-3: ssh-ed25519", "Encryption: none",
                    "Comment: deploy", "Public-Lines: 2", fake.base64(64), fake.base64(20), "Private-Lines: 3"));
            lines.addAll(priv);
            lines.add("Private-MAC: " + mac);
            addLines("partial-mask", "PuTTY private key", secrets, lines);
        }
    }

    // ---- URLs and headers ----

    private void urlsAndHeaders() {
        for (int round = 0; round < 6; round++) {
            String pw = fake.alnum(14);
            add("url-header", "host with an underscore", pw, TS + "GET https://ci:" + pw + "@nexus_internal.acme.io/x");
            String esc = fake.alnum(15);
            add("url-header", "JSON-escaped slashes", esc, "{\"url\":\"https:\\/\\/ci:" + esc + "@git.acme.io\\/a.git\"}");
            String ora = fake.alnum(12);
            add("url-header", "sqlplus user/password@host", ora, TS + "sqlplus scott/" + ora + "@db.acme.io:1521/XE");
            String jdbc = fake.alnum(12);
            add("url-header", "Oracle JDBC thin user/password@host", jdbc,
                    "url=jdbc:oracle:thin:app/" + jdbc + "@db.acme.io:1521:ORCL");
            String quote = fake.alnum(6) + "'" + fake.alnum(8);
            add("url-header", "password with a quote", quote, TS + "fetch https://deploy:" + quote + "@repo.acme.io/x");
            String dq = fake.alnum(7) + "\"" + fake.alnum(8);
            add("url-header", "password with a double quote", dq, TS + "fetch https://deploy:" + dq + "@repo.acme.io/");
            String longPw = fake.alnum(300 + round * 50);
            add("url-header", "password over 256 characters", longPw, "clone https://ci:" + longPw + "@git.acme.io/a");
            String letters = Base64.getEncoder().encodeToString(("ci:" + fake.letters(10)).getBytes(
                    StandardCharsets.UTF_8)).replaceAll("[0-9+/=]", "A");
            add("url-header", "letters-only Authorization: Basic", letters, "> Authorization: Basic " + letters);
            String shortBasic = fake.letters(12);
            add("url-header", "short letters-only Basic", shortBasic, "-H 'Authorization: Basic " + shortBasic + "'");
            String bearer = fake.letters(20);
            add("url-header", "letters-only Bearer", bearer, "authorization: Bearer " + bearer);
        }
    }

    // ---- lines without secrets ----

    static List<String> nonSecrets() {
        List<String> lines = new ArrayList<>(RedactionCases.nearMisses());
        lines.addAll(List.of(
                "#12 [build 3/7] RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
                "docker build --secret id=aws,src=/home/runner/.aws/credentials .",
                "      ~ api_token = (sensitive value)",
                "[5m0s] Waiting for deployment to become ready",
                "Elapsed: [1m30s] tests 120/400",
                "printf(\"\\033[0m\");",
                "for (int i = 0; i < n; i++) total += grid[m - 1][i];",
                "Cache restored from key: setup-java-Linux-maven-4f0c1e2d3b4a5968778695a4b3c2d1e0f",
                "Run actions/cache@v4 with key: node-modules-3f5e2a9c1b7d",
                "key: ${{ runner.os }}-gradle-${{ hashFiles('**/*.gradle*') }}",
                "Using SSH_KEY_PATH=/home/runner/.ssh/id_ed25519",
                "PRIMARY_KEY=id FOREIGN_KEY=user_id",
                "Tests run: 120, Failures: 0, Errors: 0, Skipped: 2, Time elapsed: 3.21 s - in TokenParserTest",
                "[INFO] --- maven-surefire-plugin:3.2.5:test (default-test) @ api ---",
                "npm ERR! code E401 npm ERR! Unable to authenticate, need: Basic realm=\"GitHub Package Registry\"",
                "remote: Invalid username or password.",
                "fatal: Authentication failed for 'https://github.com/acme/api.git/'",
                "Error: Cannot perform an interactive login from a non TTY device",
                "WARNING! Your password will be stored unencrypted in /home/runner/.docker/config.json.",
                "Login Succeeded",
                "vault login -method=github",
                "az login --identity",
                "sshpass -V",
                "keytool -list -keystore cacerts -storepass:env STOREPASS",
                "openssl pkcs12 -in cert.p12 -passin env:P12_PASSWORD -nodes",
                "openssl pkcs12 -in cert.p12 -passin file:/run/secrets/p12 -nodes",
                "redis-cli -h cache.internal PING",
                "twine upload --repository testpypi dist/*",
                "curl -fsSL https://get.docker.com -o get-docker.sh",
                "curl -u \"$USER:$TOKEN\" https://api.acme.io",
                "mongosh --port 27017 --eval 'db.runCommand({ping: 1})'",
                "htpasswd -v /etc/nginx/.htpasswd admin",
                "sqlplus -V",
                "ERROR: relation \"user_tokens\" does not exist",
                "Caused by: java.lang.IllegalStateException: token must not be null",
                "  File \"/app/auth.py\", line 42, in get_token",
                "TypeError: Cannot read properties of undefined (reading 'token')",
                "src/auth/password.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
                "error[E0425]: cannot find value `secret_key` in this scope",
                "    at TokenService.refresh (/app/dist/token.js:88:13)",
                "Step 4/9 : ENV NODE_ENV production",
                "Step 5/9 : ENV PATH /app/node_modules/.bin:$PATH",
                "ENV JAVA_HOME /opt/java/openjdk",
                "::set-output name=version::1.4.2",
                "::add-mask::***",
                "  password: |-",
                "machine github.com",
                "  login ci-bot",
                "Skipping cookie consent banner",
                "<add key=\"Source\" value=\"https://api.nuget.org/v3/index.json\" />",
                "<add key=\"ClearTextPassword\" value=\"%NUGET_PASSWORD%\" />",
                "<password>${env.MAVEN_PASSWORD}</password>",
                "<passwordPolicy>strict</passwordPolicy>",
                "\\\"password\\\": \\\"${PASSWORD}\\\"",
                "jdbc:postgresql://db.acme.io:5432/app?user=app",
                "https://api_gateway.acme.io/v1/health 200",
                "Downloading https:\\/\\/registry.npmjs.org\\/left-pad",
                "Authorization: Basic realm=\"Restricted\" failed",
                "authorization failed for user ci",
                "User-Agent: curl/8.5.0",
                "Retrying in 30s (attempt 2/5)",
                "sk-learn 1.4.2 installed",
                "Successfully installed hf_transfer-0.1.6 huggingface-hub-0.22.2",
                "Using API-based detection for s.ignore rules",
                "live_reload_enabled=false",
                "See https://docs.stripe.com/keys#obtain-api-keys for sk_live_ keys",
                "webpack 5.90.1 compiled with 2 warnings in 8123 ms",
                "Uploaded artifact build-output (12.3 MB) in 4.2s",
                "##[error]Process completed with exit code 1.",
                "kubectl apply -f k8s/ --server-side --force-conflicts",
                "    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=",
                "    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
                "    server: https://10.0.0.1:6443",
                "Cookie jar saved to /tmp/cookies.txt",
                "API_KEY_HEADER=X-Api-Key",
                "SECRET_NAME=prod/db/password",
                "TOKEN_TTL=3600"));
        return List.copyOf(lines);
    }

    private String digits(int n) {
        StringBuilder out = new StringBuilder();
        String hex = fake.hex(n * 2);
        for (int i = 0; i < hex.length() && out.length() < n; i++) {
            if (Character.isDigit(hex.charAt(i))) {
                out.append(hex.charAt(i));
            }
        }
        while (out.length() < n) {
            out.append('7');
        }
        return out.toString();
    }

    private String uuid() {
        String h = fake.hex(32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private static String shortOf(String template) {
        String s = template.replace(TS, "").strip();
        return s.length() <= 48 ? s : s.substring(0, 48) + "...";
    }
}
