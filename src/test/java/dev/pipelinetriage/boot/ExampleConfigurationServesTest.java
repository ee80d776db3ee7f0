package dev.pipelinetriage.boot;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.store.PostgresDatabases;
import dev.pipelinetriage.boot.config.AppConfig;
import dev.pipelinetriage.boot.config.Config;
import dev.pipelinetriage.net.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does with the shipped example: set the variables it names, point it at the database, and serve.
 * A real PostgreSQL stands in for the database and WireMock for Slack's API.
 */
@ExtendWith(PostgresDatabases.Shared.class)
class ExampleConfigurationServesTest {

    private static final Pattern ENV = Pattern.compile("\\{env: ([A-Z0-9_]+)}");
    private static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @Test
    void theExampleWithItsVariablesSetPassesConfigCheckAndServesOnPostgres(@TempDir Path dir, PostgresDatabases postgres)
            throws Exception {
        String example = Files.readString(Path.of("docs/pipeline-triage.example.yaml"));
        Path jenkinsToken = Files.writeString(dir.resolve("jenkins-api-token"), "jenkins-token-for-tests");
        var slack = new WireMockServer(options().dynamicPort());
        // Slack's documented auth.test answer (docs.slack.dev/reference/methods/auth.test), which Bolt asks first.
        slack.stubFor(post("/api/auth.test").willReturn(okJson("""
                {"ok":true,"url":"https://subarachnoid.slack.com/","team":"Subarachnoid Workspace","user":"triage",
                 "team_id":"T012AB3C4","user_id":"UBOT12345","bot_id":"B0BOT1234"}""")));
        slack.start();
        try {
            String database = postgres.freshDatabaseOwnedBy("triage", "db-password-for-tests");
            String yaml = example
                    .replace("jdbc:postgresql://db.internal:5432/triage", database)
                    .replace("/run/secrets/jenkins-api-token", jenkinsToken.toString())
                    .replace("  botToken: {env: SLACK_BOT_TOKEN}\n", "  botToken: {env: SLACK_BOT_TOKEN}\n  apiBaseUrl: "
                            + slack.baseUrl() + "/api\n");
            Map<String, String> env = variablesOf(yaml);
            env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
            env.put("PIPELINE_TRIAGE_DB_PASSWORD", "db-password-for-tests");

            var checked = Config.check(yaml, env);
            assertThat(checked.problems()).isEmpty();
            AppConfig config = checked.config().orElseThrow();

            try (var served = ServeWiring.start(config, env, new ServeWiring.Setup(Clock.systemUTC(),
                    Sleeper.threadSleeper(), Sleeper.threadSleeper(), Sleeper.threadSleeper(), "127.0.0.1", 0, 2, 50,
                    OptionalInt.of(0)))) {
                var http = HttpClient.newHttpClient();
                var ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.managementPort()
                        + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).contains("\"store\"");

                String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}";
                var verified = http.send(signed(served.port(), body), HttpResponse.BodyHandlers.ofString());
                assertThat(verified.statusCode()).isEqualTo(200);
                assertThat(verified.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
            }
        } finally {
            slack.stop();
        }
    }

    /** Every variable the file names, set to a placeholder value: the example must need nothing else. */
    private static Map<String, String> variablesOf(String yaml) {
        Map<String, String> env = new HashMap<>();
        Matcher m = ENV.matcher(yaml);
        while (m.find()) {
            env.put(m.group(1), "value-of-" + m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return env;
    }

    /** Signed as Slack signs requests (v0 HMAC-SHA256 of "v0:timestamp:body"; Slack's "Verifying requests" page). */
    private static HttpRequest signed(int port, String body) throws Exception {
        String ts = Long.toString(Clock.systemUTC().instant().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
