package dev.pipelinetriage.adapter.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.store.PostgresDatabases;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.boot.config.WebhooksConfigLoader;
import dev.pipelinetriage.testing.Await;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Learning from reruns, end to end, on two replicas of {@code serve} sharing one real PostgreSQL: GitHub's
 * {@code workflow_run} deliveries (the documented example in fixtures/webhooks, signed as "Validating webhook
 * deliveries" says) announce a failed attempt and then the later attempt that passed; WireMock plays GitHub's REST
 * API ("Workflow runs" and "Workflow jobs" shapes in fixtures/github/failed-run) and Slack's Web API
 * (chat.postMessage and chat.update answers from docs.slack.dev, fixtures/slack/documented).
 */
@ExtendWith(PostgresDatabases.Shared.class)
class RerunOutcomesEndToEndTest {
    private static final String SECRET = "gh-hook-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    /** A failure no knowledge-base entry names: the generic signs call it code. */
    private static final String UNEXPLAINED_LOG = """
            2026-11-26T09:00:01.0000000Z ##[group]Run ./scripts/integration.sh
            2026-11-26T09:00:02.0000000Z Starting widget service
            2026-11-26T09:00:05.0000000Z widget-sync: handshake with peer node-7 failed after 30 attempts
            2026-11-26T09:00:06.0000000Z ##[error]Process completed with exit code 3.
            """;
    private static final String PASSED = "reruns_outcomes_total{outcome=\"passed\"}";

    private static PostgresDatabases databases;

    private final HttpClient http = HttpClient.newHttpClient();
    private WireMockServer ci;
    private WireMockServer slack;
    private ServeWiring.Served replicaA;
    private ServeWiring.Served replicaB;

    @BeforeAll
    static void startServer(PostgresDatabases shared) {
        databases = shared;
    }

    @BeforeEach
    void startTwoReplicasOnOneDatabase() throws Exception {
        String url = databases.freshDatabase();
        ci = new WireMockServer(options().dynamicPort());
        ci.start();
        slack = new WireMockServer(options().dynamicPort());
        slack.start();
        slack.stubFor(post("/api/auth.test").willReturn(okJson("""
                {"ok":true,"url":"https://subarachnoid.slack.com/","team":"Subarachnoid Workspace","user":"triage",
                 "team_id":"T012AB3C4","user_id":"UBOT12345","bot_id":"B0BOT1234"}""")));
        slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(slackFixture("chat.postMessage.200.ok.json"))));
        slack.stubFor(post("/api/chat.update").willReturn(okJson(slackFixture("chat.update.200.ok.json"))));
        String repo = "/api/v3/repos/octo-org/[^/]+";
        ci.stubFor(get(urlPathMatching(repo + "/actions/runs/30433642/attempts/1"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/run.json"))));
        ci.stubFor(get(urlPathMatching(repo + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/jobs.json"))));
        ci.stubFor(get(urlPathMatching(repo + "/actions/jobs/\\d+/logs")).willReturn(aResponse().withBody(UNEXPLAINED_LOG)));
        String yaml = """
                ci:
                  instances:
                    - name: github
                      type: github
                      webUrl: https://github.com
                      apiUrl: http://localhost:%1$d/api/v3
                      token: {env: GITHUB_TOKEN}
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                  apiBaseUrl: http://localhost:%2$d/api/
                  postIntervalMillis: 0
                store:
                  type: postgres
                  url: %3$s
                  user: postgres
                  password: {env: STORE_PASSWORD}
                webhooks:
                  sources:
                    - instance: github
                      secret: {env: GITHUB_WEBHOOK_SECRET}
                  defaultChannel: slack:C0PLATFORM
                  rerunOutcomes:
                    flakyAfter: 2
                    windowDays: 14
                """.formatted(ci.port(), slack.port(), url);
        var config = ConfigLoader.parseForServe(yaml);
        var webhooks = WebhooksConfigLoader.parse(yaml, config.ci());
        var env = Map.of("GITHUB_TOKEN", "ghp_e2eGitHubTokenValue000000000000000000", "SLACK_SIGNING_SECRET",
                "e2e-signing-secret", "SLACK_BOT_TOKEN", "xoxb-1111-2222-e2eBotTokenValue", "GITHUB_WEBHOOK_SECRET",
                SECRET, "STORE_PASSWORD", "postgres");
        var setup = new ServeWiring.Setup(Clock.fixed(NOW, ZoneOffset.UTC), d -> { }, d -> { }, "127.0.0.1", 0, 4, 100);
        replicaA = ServeWiring.start(config, OpsSection.defaults(), webhooks, env, setup);
        replicaB = ServeWiring.start(config, OpsSection.defaults(), webhooks, env, setup);
    }

    @AfterEach
    void stop() throws Exception {
        replicaA.close();
        replicaB.close();
        ci.stop();
        slack.stop();
    }

    @Test
    void aRerunThatPassesUpdatesItsCardOnceAcrossReplicasAndTheThresholdMakesTheNextOccurrenceFlaky() throws Exception {
        // The first failure, and its rerun passing: announced to one replica, redelivered to the other.
        assertThat(deliver(replicaA, run("octo-org/widgets-1", 1, "failure")).statusCode()).isEqualTo(202);
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 1);
        assertThat(slackCalls("chat.postMessage").getFirst().get("blocks")).contains("Code: the failure comes from");
        byte[] passed = run("octo-org/widgets-1", 2, "success");
        String delivery = UUID.randomUUID().toString();
        assertThat(deliver(replicaB, passed, delivery).statusCode()).isEqualTo(202);
        assertThat(deliver(replicaA, passed, delivery).statusCode()).isEqualTo(202);
        awaitQuiet(() -> cardUpdates().size() == 1);

        assertThat(cardUpdates().getFirst().get("ts")).isEqualTo("1503435956.000247");
        assertThat(cardUpdates().getFirst().get("blocks")).contains("This run")
                .contains("https://github.com/octo-org/widgets-1/actions/runs/30433642/attempts/2|passed on rerun")
                .contains("likely flaky");
        assertThat(metric(replicaA, PASSED) + metric(replicaB, PASSED)).isEqualTo(1);

        // A second failure of the same signature passes on rerun too: the threshold (2 in 14 days) is reached.
        deliver(replicaB, run("octo-org/widgets-2", 1, "failure"));
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 2);
        deliver(replicaA, run("octo-org/widgets-2", 2, "success"));
        awaitQuiet(() -> cardUpdates().size() == 2);

        // The next occurrence is called flaky, with the history as its evidence.
        deliver(replicaA, run("octo-org/widgets-3", 1, "failure"));
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 3);
        String card = slackCalls("chat.postMessage").get(2).get("blocks");
        assertThat(card).contains("Flaky: the failure looks intermittent")
                .contains("passed on rerun 2 times since 2026-11-26");
        assertThat(metric(replicaA, PASSED) + metric(replicaB, PASSED)).isEqualTo(2);
    }

    @Test
    void aRerunThatFailsAgainIsCountedButLeavesTheCardAndTheVerdictAlone() throws Exception {
        deliver(replicaA, run("octo-org/broken-1", 1, "failure"));
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 1);

        // GitHub's second attempt failed as well: its own card follows, the first card says nothing of a pass.
        ci.stubFor(get(urlPathMatching("/api/v3/repos/octo-org/[^/]+/actions/runs/30433642/attempts/2"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/run.json"))));
        ci.stubFor(get(urlPathMatching("/api/v3/repos/octo-org/[^/]+/actions/runs/30433642/attempts/2/jobs"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/jobs.json"))));
        deliver(replicaB, run("octo-org/broken-1", 2, "failure"));
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 2
                && metric(replicaA, "reruns_outcomes_total{outcome=\"failed\"}")
                + metric(replicaB, "reruns_outcomes_total{outcome=\"failed\"}") == 1);

        assertThat(cardUpdates()).isEmpty();
        assertThat(slackCalls("chat.postMessage").get(1).get("blocks")).doesNotContain("Flaky");
    }

    // ---- deliveries as GitHub sends them ----

    /** The documented workflow_run example as attempt {@code attempt} of run 30433642 in {@code repository}. */
    private static byte[] run(String repository, int attempt, String conclusion) {
        ObjectNode payload = DeliveriesTest.fixture("github-workflow_run.completed.json");
        ((ObjectNode) payload.get("workflow_run")).put("conclusion", conclusion).put("id", 30433642)
                .put("run_attempt", attempt);
        ((ObjectNode) payload.get("repository")).put("full_name", repository).put("html_url", "https://github.com/" + repository);
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> deliver(ServeWiring.Served replica, byte[] body) throws Exception {
        return deliver(replica, body, UUID.randomUUID().toString());
    }

    private HttpResponse<String> deliver(ServeWiring.Served replica, byte[] body, String delivery) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + "/webhooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    // ---- what the fakes saw ----

    private static String slackFixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/fixtures/slack/documented", name));
    }

    /** chat.update calls that say the run passed on rerun. */
    private List<Map<String, String>> cardUpdates() {
        return slackCalls("chat.update").stream().filter(c -> c.getOrDefault("blocks", "").contains("passed on rerun"))
                .toList();
    }

    private List<Map<String, String>> slackCalls(String method) {
        List<Map<String, String>> calls = new ArrayList<>();
        for (LoggedRequest request : slack.findAll(postRequestedFor(urlPathEqualTo("/api/" + method)))) {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : request.getBodyAsString().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            calls.add(form);
        }
        return calls;
    }

    private void awaitQuiet(java.util.function.BooleanSupplier condition) {
        Await.until("the expected chat calls, and no task left on either replica", () -> condition.getAsBoolean()
                && replicaA.pendingTasks() == 0 && replicaB.pendingTasks() == 0);
    }

    private double metric(ServeWiring.Served replica, String series) {
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return text.lines().filter(line -> line.startsWith(series + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the metrics of a replica", e);
        }
    }
}
