package dev.pipelinetriage.adapter.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.store.PostgresDatabases;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.boot.config.WebhooksConfigLoader;
import dev.pipelinetriage.testing.Await;
import dev.pipelinetriage.testing.HeldResponses;
import dev.pipelinetriage.testing.Ticks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas of {@code serve} with webhooks on one PostgreSQL, one of which "crashes" after acknowledging a
 * delivery: it stops sweeping (so its lease is never renewed) and is never closed (so nothing is given back), and
 * its triage hangs on the log download. The other replica's clock is moved past the lease. Deliveries are signed as
 * "Validating webhook deliveries" describes, from the documented workflow_run example (fixtures/webhooks); WireMock
 * plays GitHub's REST API ("Workflow runs" and "Workflow jobs" shapes in fixtures/github/failed-run) and Slack's
 * Web API (the chat.postMessage reference page's example answer).
 */
@ExtendWith(PostgresDatabases.Shared.class)
class DeliveryAcrossReplicasTest {
    private static final String SECRET = "gh-hook-secret-replicas-0123456789";
    private static final String CHANNEL = "C0PLATFORM";
    private static final String LOGS = "/api/v3/repos/octo-org/[^/]+/actions/jobs/\\d+/logs";

    private final HttpClient http = HttpClient.newHttpClient();
    /** The crashed replica's log download answers only when released: its triage is still running meanwhile. */
    private final HeldResponses hanging = new HeldResponses();
    private final WireMockServer ci = new WireMockServer(options().dynamicPort().extensions(hanging));
    private final WireMockServer slack = new WireMockServer(options().dynamicPort());
    private final List<ServeWiring.Served> replicas = new ArrayList<>();
    private static PostgresDatabases databases;
    private String url;


    @BeforeEach
    void start() throws Exception {
        ci.start();
        slack.start();
        slack.stubFor(post("/api/auth.test").willReturn(okJson("""
                {"ok":true,"url":"https://subarachnoid.slack.com/","team":"Subarachnoid Workspace","user":"triage",
                 "team_id":"T012AB3C4","user_id":"UBOT12345","bot_id":"B0BOT1234"}""")));
        slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(Files.readString(
                Path.of("src/test/resources/fixtures/slack/documented/chat.postMessage.200.ok.json")))));
        String repo = "/api/v3/repos/octo-org/[^/]+";
        ci.stubFor(get(urlPathMatching(repo + "/actions/runs/30433642/attempts/1"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/run.json"))));
        ci.stubFor(get(urlPathMatching(repo + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/jobs.json"))));
        String log = CiTestKit.fixture("github/failed-run/job-log.txt");
        ci.stubFor(get(urlPathMatching(LOGS)).inScenario("log").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("served").willReturn(aResponse().withBody(log).withTransformers(HeldResponses.NAME)));
        ci.stubFor(get(urlPathMatching(LOGS)).inScenario("log").whenScenarioStateIs("served")
                .willReturn(aResponse().withBody(log)));
        url = databases.freshDatabase();
    }

    @BeforeAll
    static void startDatabase(PostgresDatabases shared) {
        databases = shared;
    }

    @AfterEach
    void stop() throws Exception {
        hanging.release();
        replicas.forEach(ServeWiring.Served::close);
        ci.stop();
        slack.stop();
    }

    private ServeWiring.Served replica(Clock clock, Ticks sweeps) {
        String yaml = """
                ci:
                  instances:
                    - name: github
                      type: github
                      webUrl: https://github.com
                      apiUrl: http://localhost:%d/api/v3
                      token: {env: GITHUB_TOKEN}
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                  apiBaseUrl: http://localhost:%d/api/
                  postIntervalMillis: 0
                store:
                  type: postgres
                  url: '%s'
                  user: postgres
                  password: {env: PGPASSWORD}
                  maxConnections: 4
                webhooks:
                  sources:
                    - instance: github
                      secret: {env: GITHUB_WEBHOOK_SECRET}
                  routes:
                    - repository: "octo-org/*"
                      channel: slack:%s
                """.formatted(ci.port(), slack.port(), url, CHANNEL);
        var config = ConfigLoader.parseForServe(yaml);
        var env = Map.of("GITHUB_TOKEN", "ghp_replicaGitHubTokenValue00000000000000", "SLACK_SIGNING_SECRET",
                "replica-signing-secret", "SLACK_BOT_TOKEN", "xoxb-1111-2222-replicaBotTokenValue", "PGPASSWORD",
                "postgres", "GITHUB_WEBHOOK_SECRET", SECRET);
        ServeWiring.Served served = ServeWiring.start(config, new OpsSection(null, false, Duration.ofSeconds(1), null),
                WebhooksConfigLoader.parse(yaml, config.ci()), env,
                new ServeWiring.Setup(clock, d -> { }, d -> { }, "127.0.0.1", 0, 4, 100).withSweepSleeper(sweeps));
        replicas.add(served);
        return served;
    }

    /** The documented workflow_run example as a failure of run 30433642 attempt 1 in {@code repository}. */
    private static byte[] failedRun(String repository) {
        ObjectNode payload = DeliveriesTest.fixture("github-workflow_run.completed.json");
        ((ObjectNode) payload.get("workflow_run")).put("conclusion", "failure").put("id", 30433642).put("run_attempt", 1);
        ((ObjectNode) payload.get("repository")).put("full_name", repository)
                .put("html_url", "https://github.com/" + repository);
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> deliver(ServeWiring.Served replica, String delivery, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + "/webhooks/github"))
                .header("Content-Type", "application/json").header("User-Agent", "GitHub-Hookshot/044aadd")
                .header("X-GitHub-Event", "workflow_run").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int cards() {
        return slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).size();
    }

    /** Acknowledged by the crashing replica, whose triage then hangs on the log download. */
    private ServeWiring.Served acknowledgedThenCrashed(String delivery, byte[] body) throws Exception {
        ServeWiring.Served crashed = replica(Clock.systemUTC(), new Ticks());
        assertThat(deliver(crashed, delivery, body).statusCode()).isEqualTo(202);
        Await.until("the crashed replica to be downloading the log", () -> hanging.held() > 0);
        return crashed;
    }

    @Test
    void aDeliveryAcknowledgedByACrashedReplicaIsPostedOnceByTheOtherAfterTheLeaseRunsOut() throws Exception {
        ShiftedClock clock = new ShiftedClock();
        Ticks sweeps = new Ticks();
        ServeWiring.Served survivor = replica(clock, sweeps);
        ServeWiring.Served crashed = acknowledgedThenCrashed("d-crash-1", failedRun("octo-org/crashed"));

        sweeps.tick();
        Await.until("a sweep to pass", () -> sweeps.waiting());
        assertThat(survivor.pendingTasks()).as("nothing taken over while the lease runs").isZero();
        clock.shift(OpsSection.DEFAULT_WORK_LEASE.plusSeconds(1));
        sweeps.tick();

        Await.until("the card to be posted by the other replica", () -> cards() == 1);
        assertThat(crashed.pendingTasks()).as("the crashed replica's triage still hangs").isEqualTo(1);
        // When its download answers, the crashed replica's triage finds its lease gone and posts nothing.
        hanging.release();
        Await.until("the crashed replica's stuck triage to end", () -> crashed.pendingTasks() == 0);
        Await.until("the other replica to finish", () -> survivor.pendingTasks() == 0);
        assertThat(cards()).isEqualTo(1);
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).getFirst().getBodyAsString())
                .contains(CHANNEL).contains("octo-org%2Fcrashed");
    }

    @Test
    void aRedeliveryIsDroppedWhileTheLeaseRunsTriagedOnceItRanOutAndDroppedOnceTheCardIsPosted() throws Exception {
        byte[] body = failedRun("octo-org/redelivered");
        ShiftedClock clock = new ShiftedClock();
        ServeWiring.Served survivor = replica(clock, new Ticks());
        ServeWiring.Served crashed = acknowledgedThenCrashed("d-crash-2", body);

        HttpResponse<String> whileLeased = deliver(survivor, "d-crash-2", body);
        clock.shift(OpsSection.DEFAULT_WORK_LEASE.plusSeconds(1));
        HttpResponse<String> afterTheLease = deliver(survivor, "d-crash-2", body);
        Await.until("the card to be posted", () -> cards() == 1 && survivor.pendingTasks() == 0);
        assertThat(crashed.pendingTasks()).as("the crashed replica's triage still hangs").isEqualTo(1);
        HttpResponse<String> afterTheCard = deliver(survivor, "d-crash-2", body);
        hanging.release();
        Await.until("the crashed replica's stuck triage to end", () -> crashed.pendingTasks() == 0);

        assertThat(whileLeased.body()).isEqualTo("{\"ignored\":\"a redelivery: being triaged\"}");
        assertThat(afterTheLease.body()).isEqualTo("{\"status\":\"queued for triage\"}");
        assertThat(afterTheCard.body()).isEqualTo("{\"ignored\":\"a redelivery: already triaged\"}");
        assertThat(List.of(whileLeased, afterTheLease, afterTheCard)).allSatisfy(r -> assertThat(r.statusCode())
                .isEqualTo(202));
        assertThat(cards()).isEqualTo(1);
    }

    /** The system clock, moved ahead when the test says so (the webhook path checks no timestamps against it). */
    private static final class ShiftedClock extends Clock {
        private volatile Duration shift = Duration.ZERO;

        void shift(Duration by) {
            shift = shift.plus(by);
        }

        @Override
        public java.time.Instant instant() {
            return Clock.systemUTC().instant().plus(shift);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("tests use UTC");
        }
    }
}
