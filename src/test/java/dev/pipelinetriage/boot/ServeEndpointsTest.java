package dev.pipelinetriage.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelinetriage.TestKnowledgeBase;
import dev.pipelinetriage.app.KnowledgeBaseReload;
import dev.pipelinetriage.boot.config.ConfigException;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.net.Sleeper;
import dev.pipelinetriage.testing.ClassServer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The operations endpoints of the real server, started by the same wiring as {@code serve}. */
class ServeEndpointsTest {
    private static final Map<String, String> ENV = Map.of("GITHUB_TOKEN", "ghp_test", "SLACK_SIGNING_SECRET", "s3cr3t",
            "SLACK_BOT_TOKEN", "xoxb-test");

    /** The bot with the {@code ops:} defaults, which the tests that only read share. */
    @RegisterExtension
    static final ClassServer<ServeWiring.Served> DEFAULTS = ClassServer.of(
            () -> start(Files.createTempDirectory("serve-endpoints-"), OpsSection.defaults()), served -> { },
            ServeWiring.Served::close);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private ServeWiring.Served served;
    private ServeWiring.Served own;

    @BeforeEach
    void shareTheDefaults() {
        served = DEFAULTS.get();
    }

    @AfterEach
    void stop() {
        if (own != null) {
            own.close();
        }
    }

    private static ServeWiring.Served start(Path data, OpsSection ops) {
        return start(data, ops, OptionalInt.of(0));
    }

    private static ServeWiring.Served start(Path data, OpsSection ops, OptionalInt managementPort) {
        var config = ConfigLoader.parseForServe("""
                ci:
                  instances:
                    - name: github
                      type: github
                      token: {env: GITHUB_TOKEN}
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                  apiBaseUrl: http://127.0.0.1:9/api
                store:
                  directory: %s
                """.formatted(data.resolve("data")));
        return ServeWiring.start(config, ops, ENV, new ServeWiring.Setup(Clock.systemUTC(), Sleeper.threadSleeper(),
                Sleeper.threadSleeper(), Sleeper.threadSleeper(), "127.0.0.1", 0, 2, 50, managementPort));
    }

    /** A GET on the management port, where health and metrics are. */
    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(served.managementPort(), path);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortAndNotOnThePublicOne() throws Exception {
        assertThat(served.managementPort()).isNotEqualTo(served.port());
        for (String path : List.of("/metrics", "/readyz", "/healthz")) {
            assertThat(get(served.managementPort(), path).statusCode()).as("management " + path).isEqualTo(200);
            assertThat(get(served.port(), path).statusCode()).as("public " + path).isEqualTo(404);
        }
    }

    @Test
    void theChatEndpointsAreOnThePublicPortAndNotOnTheManagementOne() throws Exception {
        // Unsigned: the public port answers with the signature check's 401, the management port knows no such path.
        assertThat(post(served.port(), "/slack/events").statusCode()).isEqualTo(401);
        assertThat(post(served.managementPort(), "/slack/events").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutAManagementPortHealthAndMetricsShareThePublicPort() throws Exception {
        Path kb = TestKnowledgeBase.copyEntriesInto(dir, "connection-reset");
        served = own = start(dir, new OpsSection(kb, false, Duration.ofSeconds(5), null), OptionalInt.empty());

        assertThat(served.managementPort()).isEqualTo(served.port());
        for (String path : List.of("/metrics", "/readyz", "/healthz")) {
            assertThat(get(served.port(), path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void neitherPortNamesTheServerOrItsVersionInAHeaderOrAnErrorPage() throws Exception {
        for (int port : List.of(served.port(), served.managementPort())) {
            for (HttpResponse<String> response : List.of(get(port, "/no-such-page"), get(port, "/slack/events"),
                    post(port, "/metrics"))) {
                assertThat(response.statusCode()).as(response.uri() + " is an error").isGreaterThanOrEqualTo(400);
                assertThat(response.headers().firstValue("Server")).as(response.uri() + " Server header").isEmpty();
                assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
                assertThat(response.body()).as(response.uri() + " body").doesNotContainIgnoringCase("jetty")
                        .doesNotContain("12.").doesNotContain("at org.").doesNotContain("Caused by");
            }
            String malformed = raw(port, "GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(malformed).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("jetty")
                    .doesNotContainPattern("(?im)^Server:");
        }
    }

    /** What the server answers to bytes no HTTP client would send. */
    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void healthzIsLiveAndReadyzNamesEveryCheck() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode checks = new ObjectMapper().readTree(ready.body()).get("checks");
        assertThat(checks.fieldNames()).toIterable().containsExactly("knowledgeBase", "store", "chat", "shutdown");
        assertThat(checks.findValuesAsText("status")).containsOnly("up");
        assertThat(checks.get("knowledgeBase").get("detail").asText()).contains("known errors").contains("from the jar");
        assertThat(checks.get("chat").get("detail").asText()).isEqualTo("slack over HTTP events");
    }

    @Test
    void aDigestToAPlatformServeDoesNotRunStopsStartUpNamingThePlatformsItRuns() {
        OpsSection teamsDigest = new OpsSection(null, false, Duration.ofSeconds(5),
                new OpsSection.Digest("teams", "tenant", "19:ops@thread.tacv2", DayOfWeek.MONDAY, LocalTime.of(9, 0)));

        assertThatThrownBy(() -> start(dir, teamsDigest)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ops.digest.platform")
                .hasMessageContaining("posts to teams, but serve runs no teams platform (configured: slack)");
    }

    @Test
    void aPathNoEndpointServesIsNotFoundWhateverTheMethod() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port()
                + "/hooks/github")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> webhooks = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port()
                + "/webhooks/github")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).as("POST to an unknown path (it once got 405)").isEqualTo(404);
        assertThat(post.body()).isEqualTo("{\"error\":\"no endpoint at this path\"}");
        assertThat(webhooks.statusCode()).as("no webhooks are configured here").isEqualTo(404);
        assertThat(get("/no/such/page").statusCode()).isEqualTo(404);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() throws Exception {
        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(metrics.body())
                .contains("triage_verdicts_total{verdict=\"platform\"} 0.0")
                .contains("triage_stage_seconds_count{stage=\"fetch\"} 0")
                .contains("reruns_total{outcome=\"started\"} 0.0")
                .contains("chat_events_deduplicated_total 0.0")
                .containsPattern("executor_queue_depth \\d")
                .containsPattern("knowledge_base_entries [1-9]\\d*");
    }

    @Test
    void aBrokenKnowledgeBaseIsRefusedAndReportedWhileTheOldOneKeepsServing() throws Exception {
        Path kb = TestKnowledgeBase.copyEntriesInto(dir, "address-already-in-use", "connection-reset",
                "go-test-failure");
        served = own = start(dir, new OpsSection(kb, false, Duration.ofSeconds(5), null));
        int entries = served.knowledgeBase().serving().knownErrors().size();
        Files.writeString(kb.resolve("broken-entry.yaml"), "id: broken-entry\ntitle: [unclosed\n");

        var outcome = served.knowledgeBase().reload();

        assertThat(outcome).isInstanceOf(KnowledgeBaseReload.Refused.class);
        assertThat(served.knowledgeBase().serving().knownErrors()).hasSize(entries);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("last reload refused").contains("broken-entry.yaml");
        assertThat(get("/metrics").body())
                .contains("knowledge_base_reloads_total{outcome=\"refused\"} 1.0")
                .contains("knowledge_base_last_reload_refused 1.0");
    }
}
