package dev.pipelinetriage.engine.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The tables shared by the format, near-miss and idempotence tests. */
final class RedactionCases {

    private static final String TS = "2026-05-04T09:12:33.4567890Z ";

    /** A log line holding one secret, and the kind its marker must name. {} in the template is the secret. */
    record SecretCase(String description, String line, String secret, String kind) {
        static SecretCase of(String description, String template, String secret, String kind) {
            return new SecretCase(description, template.replace("{}", secret), secret, kind);
        }

        /** Everything around the secret kept, the secret replaced by its marker, nothing else touched. */
        String expected() {
            return line.replace(secret, "[REDACTED:" + kind + "]");
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private RedactionCases() {
    }

    static List<SecretCase> secrets() {
        FakeSecrets fake = new FakeSecrets(20260504L);
        String ghs = fake.statelessGhs();
        List<SecretCase> rows = new ArrayList<>(List.of(
                // GitHub
                SecretCase.of("classic ghp_ in an env assignment", "export GITHUB_TOKEN={}", "ghp_" + fake.alnum(36),
                        "github-token"),
                SecretCase.of("gho_ in an Authorization token header", "Authorization: token {}",
                        "gho_" + fake.alnum(36), "github-token"),
                SecretCase.of("ghu_ in JSON", "{\"token\": \"{}\", \"expires_in\": 28800}", "ghu_" + fake.alnum(36),
                        "github-token"),
                SecretCase.of("classic ghs_ as x-access-token in a clone URL",
                        TS + "[command]/usr/bin/git fetch https://x-access-token:{}@github.com/acme/api.git",
                        "ghs_" + fake.alnum(36), "github-token"),
                SecretCase.of("ghr_ refresh token", "refresh_token={}&grant_type=refresh_token",
                        "ghr_" + fake.alnum(76), "github-token"),
                SecretCase.of("fine-grained github_pat_", "GH_TOKEN: {}",
                        "github_pat_11" + fake.upperAlnum(20) + "_" + fake.alnum(59), "github-token"),
                SecretCase.of("stateless ghs_APPID_JWT in a clone URL",
                        TS + "git clone https://x-access-token:{}@github.com/acme/api.git", ghs, "github-token"),
                SecretCase.of("stateless ghs_APPID_JWT in an env dump", TS + "  GITHUB_TOKEN={}", ghs,
                        "github-token"),
                SecretCase.of("stateless ghs_APPID_JWT in an Authorization header",
                        "> Authorization: token {}", ghs, "github-token"),
                SecretCase.of("stateless ghs_APPID_JWT at the end of a sentence", "using token {}.", ghs,
                        "github-token"),
                // GitLab
                SecretCase.of("glpat- in an oauth2 remote URL",
                        "git remote set-url origin https://oauth2:{}@gitlab.com/acme/api.git",
                        "glpat-" + fake.alnum(20), "gitlab-token"),
                SecretCase.of("routable glpat- with dots", "PRIVATE-TOKEN: {}",
                        "glpat-" + fake.base64url(27) + ".01.1" + fake.alnum(8), "gitlab-token"),
                SecretCase.of("gldt- deploy token", "deploy_token={}", "gldt-" + fake.alnum(20), "gitlab-token"),
                SecretCase.of("glrt- runner token", "  token = \"{}\"", "glrt-t1_" + fake.alnum(27), "gitlab-token"),
                SecretCase.of("GR1348941 runner registration token",
                        "gitlab-runner register --registration-token {}", "GR1348941" + fake.alnum(20),
                        "gitlab-token"),
                SecretCase.of("glcbt- CI job token", "Using CI_JOB_TOKEN {}", "glcbt-64_" + fake.alnum(20),
                        "gitlab-token"),
                SecretCase.of("glptt- trigger token", "curl -F token={} -F ref=main https://gitlab.com/api/v4",
                        "glptt-" + fake.hex(40), "gitlab-token"),
                // Slack
                SecretCase.of("xoxb- bot token", "SLACK_BOT_TOKEN={}",
                        "xoxb-" + 1000000000 + "-" + 2000000000 + "-" + fake.alnum(24), "slack-token"),
                SecretCase.of("xoxp- user token", "token: {}",
                        "xoxp-" + 1000000001 + "-" + 2000000001 + "-" + "3000000001" + "-" + fake.hex(32),
                        "slack-token"),
                SecretCase.of("xoxa-2 app token", "Slack said invalid_auth for {}", "xoxa-2-" + fake.alnum(40),
                        "slack-token"),
                SecretCase.of("xoxe.xoxp- rotating token", "\"refresh\": \"{}\"", "xoxe.xoxp-1-" + fake.alnum(60),
                        "slack-token"),
                SecretCase.of("xapp- app-level token", "SLACK_APP_TOKEN={}", "xapp-1-A0" + fake.upperAlnum(9)
                        + "-" + 4000000000L + "-" + fake.hex(64), "slack-token"),
                SecretCase.of("Slack webhook path", "curl -X POST -d @msg.json https://hooks.slack.com/services/{}",
                        "T0" + fake.upperAlnum(8) + "/B0" + fake.upperAlnum(8) + "/" + fake.alnum(24),
                        "slack-webhook"),
                // AWS
                SecretCase.of("AKIA access key id", "AWS_ACCESS_KEY_ID={}", "AKIA" + fake.upperAlnum(16),
                        "aws-access-key-id"),
                SecretCase.of("ASIA session key id in JSON", "\"AccessKeyId\": \"{}\",", "ASIA" + fake.upperAlnum(16),
                        "aws-access-key-id"),
                SecretCase.of("aws_secret_access_key in a credentials file", "aws_secret_access_key = {}",
                        fake.base64(40), "secret"),
                SecretCase.of("SecretAccessKey in sts JSON", "        \"SecretAccessKey\": \"{}\",", fake.base64(40),
                        "secret"),
                SecretCase.of("AWS_SESSION_TOKEN", "AWS_SESSION_TOKEN={}", "IQoJb3JpZ2luX2Vj" + fake.base64(300),
                        "token"),
                // Azure
                SecretCase.of("storage AccountKey in a connection string",
                        "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={};EndpointSuffix=core.windows.net",
                        fake.base64(86) + "==", "key"),
                SecretCase.of("SAS sig= query parameter",
                        "Uploading to https://acme.blob.core.windows.net/logs/x.zip?sv=2022-11-02"
                                + "&se=2026-05-05T00%3A00Z&sr=b&sp=rw&sig={}",
                        fake.alnum(30) + "%2B" + fake.alnum(10) + "%3D", "url-signature"),
                SecretCase.of("Entra client secret value", "AZURE_CLIENT_SECRET={}",
                        fake.alnum(3) + "8Q~" + fake.alnum(34), "azure-client-secret"),
                SecretCase.of("client_secret in YAML", "  client_secret: {}", fake.alnum(32), "secret"),
                // Google
                SecretCase.of("AIza API key in a URL",
                        "GET https://maps.googleapis.com/maps/api/geocode/json?address=x&key={} 403",
                        "AIza" + fake.base64url(35), "google-api-key"),
                SecretCase.of("ya29. OAuth token", "Authorization: Bearer {}", "ya29." + fake.base64url(150),
                        "google-oauth-token"),
                SecretCase.of("GOCSPX- client secret", "--client-secret={}", "GOCSPX-" + fake.base64url(28),
                        "google-client-secret"),
                SecretCase.of("service-account private_key in JSON",
                        "  \"private_key\": \"-----BEGIN PRIVATE KEY-----{}-----END PRIVATE KEY-----\\n\",",
                        "\\nMIIEv" + fake.base64(60) + "\\n" + fake.base64(64) + "\\n" + fake.base64(20) + "==\\n",
                        "private-key"),
                // Package registries
                SecretCase.of("npm_ token in .npmrc", "//registry.npmjs.org/:_authToken={}", "npm_" + fake.alnum(36),
                        "npm-token"),
                SecretCase.of("pypi- token", "TWINE_PASSWORD={}",
                        "pypi-AgEIcHlwaS5vcmc" + fake.base64url(70), "pypi-token"),
                SecretCase.of("dckr_pat_ token", "echo {} | docker login -u acme --password-stdin",
                        "dckr_pat_" + fake.base64url(27), "docker-token"),
                // JWT, URLs, headers
                SecretCase.of("JWT bearer token", "Authorization: Bearer {}", fake.jwt(3), "jwt"),
                SecretCase.of("JWT inside a log message", "auth failed for token {} (expired)", fake.jwt(2), "jwt"),
                SecretCase.of("password in an https URL",
                        TS + "Downloading https://deploy:{}@artifactory.acme.io/libs-release/a.jar", "hunter2Secret",
                        "url-credential"),
                SecretCase.of("password in a proxy URL", "HTTPS_PROXY=http://user:{}@127.0.0.1:8888", "password123",
                        "url-credential"),
                SecretCase.of("password in a database URL mid-line",
                        "Connecting to postgres://app:{}@db.internal:5432/app?sslmode=require ... failed",
                        fake.alnum(16), "url-credential"),
                SecretCase.of("token-only userinfo", "fatal: could not read from https://{}@github.com/acme/api.git",
                        fake.hex(40), "url-credential"),
                SecretCase.of("private_token query parameter",
                        "GET https://gitlab.acme.io/api/v4/projects?private_token={}&page=2", fake.alnum(20), "token"),
                SecretCase.of("access_token query parameter", "redirect to /callback#access_token={}&state=x",
                        fake.alnum(32), "token"),
                SecretCase.of("Authorization Basic", "-H 'Authorization: Basic {}'",
                        Base64.getEncoder().encodeToString(("ci:" + fake.alnum(12)).getBytes(StandardCharsets.UTF_8)),
                        "authorization"),
                SecretCase.of("Proxy-Authorization Basic", "Proxy-Authorization: Basic {}", fake.base64(24) + "==",
                        "authorization"),
                SecretCase.of("presigned S3 URL signature",
                        "GET https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature={}&x=1",
                        fake.hex(64), "url-signature"),
                SecretCase.of("opaque Authorization Bearer", "Authorization: Bearer {}", fake.alnum(40),
                        "authorization"),
                SecretCase.of("bearer token in prose", "retrying with bearer {}", fake.alnum(32), "bearer-token"),
                // Assignments
                SecretCase.of("password= unquoted", "password={}", fake.alnum(14), "password"),
                SecretCase.of("DB_PASSWORD in YAML, quoted", "  DB_PASSWORD: \"{}\"", fake.alnum(14), "password"),
                SecretCase.of("password in JSON", "{\"user\": \"ci\", \"password\": \"{}\"}", fake.alnum(14),
                        "password"),
                SecretCase.of("password in JSON with an escaped quote", "{\"password\": \"{}\"}",
                        "ab\\\"" + fake.alnum(10), "password"),
                SecretCase.of("passwd: in YAML", "passwd: {}", fake.alnum(14), "password"),
                SecretCase.of("password single-quoted", "password='{}'", "s3cr3t with spaces", "password"),
                SecretCase.of("--password flag", "mvn deploy --password {} --batch-mode", fake.alnum(14),
                        "password"),
                SecretCase.of("--password= flag", "helm repo add acme https://charts --password={}", fake.alnum(14),
                        "password"),
                SecretCase.of("-D system property", "mvn -B -Drepo.password={} deploy", fake.alnum(14), "password"),
                SecretCase.of("token= assignment", "token={}", fake.alnum(30), "token"),
                SecretCase.of("secret= assignment", "secret={}", fake.alnum(30), "secret"),
                SecretCase.of("api_key= assignment", "api_key={}", fake.alnum(30), "key"),
                SecretCase.of("X-API-Key header", "X-API-Key: {}", fake.alnum(30), "key"),
                SecretCase.of("docker config auth", "{\"auths\": {\"ghcr.io\": {\"auth\": \"{}\"}}}",
                        Base64.getEncoder().encodeToString(("ci:" + fake.alnum(20)).getBytes(StandardCharsets.UTF_8)),
                        "token"),
                SecretCase.of("npm _auth", "_auth={}", fake.base64(32) + "=", "token"),
                SecretCase.of("curl -u user:password", "curl -sf -u admin:{} https://jenkins.acme.io/job/x/build",
                        fake.alnum(14), "password"),
                SecretCase.of(".netrc line", "machine api.github.com login ci password {}", fake.alnum(20),
                        "password")));
        rows.addAll(formerLeaks(fake));
        return List.copyOf(rows);
    }

    /** Secrets that once slipped through: each row names the shape that did. */
    private static List<SecretCase> formerLeaks(FakeSecrets fake) {
        return List.of(
                // Authorization: whatever follows the scheme word, whatever the scheme
                SecretCase.of("Authorization with an unlisted Api-Token scheme", "Authorization: Api-Token {}",
                        "dt0c01." + fake.upperAlnum(24) + "." + fake.upperAlnum(64), "dynatrace-token"),
                SecretCase.of("Authorization with an unlisted scheme and an unknown token", "Authorization: Api-Token {}",
                        "zz9." + fake.upperAlnum(24) + "." + fake.upperAlnum(64), "authorization"),
                SecretCase.of("Authorization with the SSWS scheme in a quoted curl header",
                        "curl -H \"Authorization: SSWS {}\" https://acme.okta.com/api/v1/users",
                        "00" + fake.base64url(40), "authorization"),
                SecretCase.of("SigV4 Authorization hides credential, signed headers and signature",
                        "< authorization: AWS4-HMAC-SHA256 {}",
                        "Credential=AKIA" + fake.upperAlnum(16) + "/20260504/us-east-1/s3/aws4_request, "
                                + "SignedHeaders=host;x-amz-date, Signature=" + fake.hex(64), "authorization"),
                SecretCase.of("Digest Authorization with quoted parameters",
                        "Authorization: Digest {}",
                        "username=\"ci\", realm=\"api\", nonce=\"" + fake.hex(32) + "\", response=\""
                                + fake.hex(32) + "\"", "authorization"),
                // key and value separated by a space in a config command
                SecretCase.of("aws configure set with the secret as the next word",
                        "aws configure set aws_secret_access_key {}", fake.base64(40), "secret"),
                SecretCase.of("npm config set with an auth token as the next word",
                        "npm config set //npm.acme.io/:_authToken {}", fake.alnum(36), "token"),
                // URL userinfo runs to the last '@' before the host
                SecretCase.of("URL password with an unencoded @",
                        "Downloading https://deploy:{}@artifactory.acme.io/libs/a.jar", "p@ss" + fake.alnum(10),
                        "url-credential"),
                SecretCase.of("URL password with an unencoded /",
                        "Cloning into 'api'... https://ci:{}@git.acme.io/acme/api.git", "pa/ss" + fake.alnum(10),
                        "url-credential"),
                SecretCase.of("URL password starting with $", "HTTPS_PROXY=http://proxy:{}@10.0.0.1:3128",
                        "$uperS3cret" + fake.alnum(6), "url-credential"),
                // connection strings and command lines
                SecretCase.of("JDBC ;pwd= parameter",
                        "jdbc:sqlserver://db.acme.io:1433;databaseName=app;user=sa;pwd={};encrypt=true",
                        fake.alnum(16), "password"),
                SecretCase.of("curl -u with an empty user", "curl -sf -u \":{}\" https://api.acme.io/v1/items",
                        fake.alnum(16), "password"),
                SecretCase.of("curl --user with a single-quoted password",
                        "curl --user ci:'{}' https://jenkins.acme.io/job/x/build", fake.alnum(16), "password"),
                SecretCase.of("mysql -p with the password glued on", "mysql -h db -uroot -p{} app < schema.sql",
                        fake.alnum(16), "password"),
                // tokens glued to an escape
                SecretCase.of("ghp_ glued after an escaped newline in JSON",
                        "{\"output\": \"cloning\\n{}\\ndone\"}", "ghp_" + fake.alnum(36), "github-token"),
                SecretCase.of("ghp_ glued after a percent-encoded =",
                        "GET /login?next=%2Fcallback%3Ftoken%3D{} 302", "ghp_" + fake.alnum(36), "github-token"),
                SecretCase.of("password in a percent-encoded form body",
                        "body: user%3Dci%26password%3D{}%26grant_type%3Dpassword", fake.alnum(16), "password"),
                SecretCase.of("token after an escaped newline ends at the next escape",
                        "\"message\": \"ok\\ntoken={}\\nnext line\"", fake.alnum(24), "token"),
                // unquoted values holding punctuation
                SecretCase.of("unquoted password holding ) ; & and ,", "DB_PASSWORD={} ./migrate.sh",
                        fake.alnum(6) + ";" + fake.alnum(4) + "&" + fake.alnum(3) + ")" + fake.alnum(3) + ","
                                + fake.alnum(4), "password"),
                // keyword names as word parts
                SecretCase.of("keyword with a suffix", "password_super_secure={}", fake.alnum(16), "password"),
                SecretCase.of("db_pass with :=", "db_pass := \"{}\"", fake.alnum(16), "password"),
                SecretCase.of("keyword with a prefix and a suffix", "export MY_SECRET_VALUE={}", fake.alnum(24),
                        "secret"),
                SecretCase.of("a token named public is still a token", "$ export PUBLIC_GITHUB_TOKEN={}",
                        fake.hex(40), "token"),
                // bare Azure DevOps personal access tokens
                SecretCase.of("bare legacy Azure DevOps PAT",
                        "echo {} | az devops login --organization https://dev.azure.com/acme",
                        fake.base32Lower(52), "azure-devops-pat"),
                SecretCase.of("bare 84-character Azure DevOps PAT", "PAT is {} for build",
                        fake.alnum(52) + "JQQJ99" + "A" + "B" + fake.alnum(16) + "AZDO" + fake.alnum(4),
                        "azure-devops-pat"));
    }

    /** Lines that look a little like secrets and must come out unchanged. */
    static List<String> nearMisses() {
        return List.of(
                "HEAD is now at 3f5e2a9c1b7d4e8f0a6b2c9d1e3f5a7b9c0d2e4f Merge pull request #12 from acme/fix",
                TS + "[command]/usr/bin/git checkout --progress --force 3f5e2a9c1b7d4e8f0a6b2c9d1e3f5a7b9c0d2e4f",
                "Run id 123e4567-e89b-12d3-a456-426614174000 started",
                "Digest: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "docker pull ubuntu@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "[ERROR] testDecode[eyJhbGciOiJIUzI1NiJ9] Time elapsed: 0.01 s <<< FAILURE!",
                "Password must be 8 chars",
                "Error: password must be at least 8 characters",
                "Enter your password:",
                "token=",
                "token=\"\"",
                "curl https://api.acme.io/items?token=&page=2",
                "ghost_writer_enabled=true",
                "Using ghost_ mode for ghs_ prefixed tokens",
                "Fetching https://github.com/acme/api.git",
                "git@github.com:acme/api.git",
                "ssh://git@github.com/acme/api.git",
                "To github.com:acme/api.git",
                "https://user@example.com/path",
                "Downloading from central: https://repo.maven.apache.org/maven2/org/apache/maven/plugins/"
                        + "maven-surefire-plugin/3.2.5/maven-surefire-plugin-3.2.5.pom",
                "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile "
                        + "(default-compile) on project api",
                "com.fasterxml.jackson.core:jackson-databind:jar:2.17.0:compile",
                "/home/runner/work/api/api/src/main/java/com/acme/TokenService.java:42: error: cannot find symbol",
                "{\"id\": 12345, \"status\": \"completed\", \"conclusion\": \"failure\", \"name\": \"build\"}",
                "{\"token_type\": \"bearer\", \"expires_in\": 3600}",
                "echo \"${{ secrets.GITHUB_TOKEN }}\" | gh auth login --with-token",
                "password: ${DB_PASSWORD}",
                "docker login -u ci --password $REGISTRY_PASSWORD ghcr.io",
                "docker login -u ci --password-stdin ghcr.io",
                "docker run -u 1000:1000 --rm alpine true",
                "PWD=/home/runner/work/api/api",
                "OLDPWD=/home/runner",
                "token: ***",
                "password=[MASKED]",
                "Login Succeeded",
                "Authorization header missing",
                "max_tokens=4096 tokenizer=bert",
                "secrets: inherit",
                "The bearer of this message is trusted",
                "npm_config_cache=/home/runner/.npm",
                "AKIAEXAMPLE is not a key",
                "Tests: pass=120 fail=3 bypass=2",
                "if (password != null) {",
                "    String password = config.get(\"db.password\");",
                "aGVsbG8gd29ybGQgdGhpcyBpcyBub3QgYSBzZWNyZXQ=",
                TS + "##[group]Run actions/checkout@v4",
                "Cache restored from key: Linux-node-3f5e2a9c1b7d4e8f0a6b2c9d1e3f5a7b9c0d2e4f",
                "Found 2 problems: -----BEGIN CERTIFICATE----- is not a private key",
                "already [REDACTED:github-token] here",
                "git fetch https://gitlab-ci-token:[MASKED]@gitlab.com/acme/api.git",
                "proxy is http://user:***@proxy.acme.io:3128",
                "ssh-keygen -t ed25519 -f ~/.ssh/id -N ''",
                "AccessDenied: signature does not match",
                "GET /api/v4/jobs?per_page=100&scope=failed 200",
                // once masked by mistake
                "WARNING! Using --password via the CLI is insecure. Use --password-stdin.",
                "SyntaxError: Unexpected token: '}'",
                "ERROR in main.js from Terser: Unexpected token: punc ())",
                "Parse error: unexpected token: name (foo) [src/index.js:3,4]",
                "System.Web, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a",
                "password_min_length=12 token_url=https://auth.acme.io/oauth/token secret_name=db-creds",
                "GET http://localhost:8080/users/@me 404",
                "docker run -p3306:3306 -e MYSQL_ALLOW_EMPTY_PASSWORD=yes mysql:8",
                "mysql -h db -u root -p app < schema.sql",
                "nix: /nix/store/0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73-source",
                "export PATH=$HOME/bin:$PATH",
                // shapes that key names as word parts must not catch
                "Setting up libsecret-1-0:amd64 (0.16-0ubuntu1) ...",
                "Configure options: --with-password-timeout=15 --with-passprompt=[sudo] password for %p:",
                "[warning] <0.2446.0>@ejabberd_c2s:process_auth_result:272 Failed c2s PLAIN authentication",
                "rabbit_auth_backend_internal: 5 unresolved calls",
                "gpg --no-default-keyring --secret-keyring /tmp/tmp.x1Ab2/secring.gpg --keyring /etc/apt/trusted.gpg",
                // options and outputs that name a secret without holding one
                "docker buildx build --secret id=npmrc,src=$HOME/.npmrc -t app .",
                "  + password = (sensitive value)",
                "docker run --user 1000:1000 -v $PWD:/src alpine make && curl -sf https://acme.io/health",
                "gpg --batch --yes --passphrase-fd 0 --pinentry-mode loopback -d secrets.gpg");
    }
}
