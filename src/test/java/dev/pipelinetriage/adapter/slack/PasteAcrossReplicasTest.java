package dev.pipelinetriage.adapter.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.store.PostgresDatabases;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.testing.Await;
import dev.pipelinetriage.testing.HeldResponses;
import dev.pipelinetriage.testing.Ticks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code serve} on PostgreSQL, as wired in production. Two replicas: a paste acknowledged by one replica that is
 * stopped mid-triage is finished by the other, whose card replaces the first replica's placeholder, once. One replica
 * through a database outage: a paste during it is answered with a 5xx, so Slack delivers it again, and the
 * redelivery after it is triaged once.
 * Slack's Web API is {@link SlackFakes} (the reference pages' example answers), events are signed as "Verifying
 * requests from Slack" describes and shaped as "Using the Events API" shows; the CI is WireMock serving GitHub's
 * "Workflow runs" and "Workflow jobs" shapes (fixtures/github/failed-run), whose first log download hangs.
 */
@ExtendWith(PostgresDatabases.Shared.class)
class PasteAcrossReplicasTest {
    private static final String SECRET = "replica-signing-secret-0123456789";
    private static final String REPO = "/api/v3/repos/octo-org/octo-repo";
    private static final String RUN_LINK = "https://github.com/octo-org/octo-repo/actions/runs/30433642";
    private static final String CHANNEL = "C0G9QF9GZ";
    /** chat.postMessage's documented answer: the placeholder's ts. */
    private static final String PLACEHOLDER_TS = "1503435956.000247";

    private final HttpClient http = HttpClient.newHttpClient();
    private final SlackFakes slack = new SlackFakes();
    /** The first replica's log download answers only when released: it is stopped while the download hangs. */
    private final HeldResponses hanging = new HeldResponses();
    private final WireMockServer ci = new WireMockServer(options().dynamicPort().extensions(hanging));
    private PostgresDatabases databases;
    private String url;
    private ServeWiring.Served first;
    private ServeWiring.Served second;


    @BeforeEach
    void start(PostgresDatabases shared) {
        ci.start();
        databases = shared;
        url = databases.freshDatabase();
    }

    @AfterEach
    void stop() throws Exception {
        hanging.release();
        for (ServeWiring.Served served : new ServeWiring.Served[] {first, second}) {
            if (served != null) {
                served.close();
            }
        }
        slack.close();
        ci.stop();
    }

    private ServeWiring.Served replica(Ticks sweeps) {
        var config = ConfigLoader.parseForServe("""
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
                  apiBaseUrl: %s
                  postIntervalMillis: 0
                store:
                  type: postgres
                  url: '%s'
                  user: postgres
                  password: {env: PGPASSWORD}
                  maxConnections: 4
                """.formatted(ci.port(), slack.baseUrl(), url));
        var env = Map.of("GITHUB_TOKEN", "ghp_replicaGitHubTokenValue00000000000000", "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_BOT_TOKEN", "xoxb-1111-2222-replicaBotTokenValue", "PGPASSWORD", "postgres");
        // a one-second grace period: the first replica's triage is still running when it ends
        return ServeWiring.start(config, new OpsSection(null, false, Duration.ofSeconds(1), null), env,
                new ServeWiring.Setup(Clock.systemUTC(), d -> { }, d -> { }, "127.0.0.1", 0, 4, 100)
                        .withSweepSleeper(sweeps));
    }

    private void stubGitHubWithAHangingFirstLogDownload() {
        ci.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(CiTestKit.fixture("github/failed-run/run.json"))));
        ci.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/jobs.json"))));
        ci.stubFor(get(urlPathMatching(REPO + "/actions/jobs/\\d+/logs")).inScenario("log")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
                .willReturn(aResponse().withBody(CiTestKit.fixture("github/failed-run/job-log.txt")).withTransformers(HeldResponses.NAME)));
        ci.stubFor(get(urlPathMatching(REPO + "/actions/jobs/\\d+/logs")).inScenario("log").whenScenarioStateIs("served")
                .willReturn(aResponse().withBody(CiTestKit.fixture("github/failed-run/job-log.txt"))));
    }

    private HttpResponse<String> paste(ServeWiring.Served replica, String eventId) throws Exception {
        return paste(replica, eventId, 0);
    }

    /** @param retry Slack's X-Slack-Retry-Num of a redelivery, 0 for the first delivery */
    private HttpResponse<String> paste(ServeWiring.Served replica, String eventId, int retry) throws Exception {
        String body = """
                {"token":"XXYYZZ","team_id":"T012AB3C4","api_app_id":"AXXXXXXXXX","event":{"type":"message",
                 "user":"U061F7AUR","text":"CI is red: <%s>","ts":"1525215129.000001","channel":"%s",
                 "event_ts":"1525215129.000001","channel_type":"channel"},"type":"event_callback","authed_teams":[],
                 "event_id":"%s","event_time":1525215129}""".formatted(RUN_LINK, CHANNEL, eventId);
        String ts = Long.toString(Clock.systemUTC().instant().getEpochSecond());
        String signature = new SlackSignature(SECRET, Clock.systemUTC()).sign(ts, body.getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + "/slack/events"))
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body));
        if (retry > 0) {
            request.header("X-Slack-Retry-Num", Integer.toString(retry)).header("X-Slack-Retry-Reason", "http_error");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean answers(ServeWiring.Served replica) {
        try {
            replica.stateStore().claimEvent("probe:" + java.util.UUID.randomUUID(), java.time.Instant.now(), Duration.ofMinutes(1));
            return true;
        } catch (RuntimeException stillDown) {
            return false;
        }
    }

    @Test
    void aPasteDuringADatabaseOutageGetsA5xxSoSlackRedeliversItAndTheRedeliveryIsTriagedOnce() throws Exception {
        ci.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(CiTestKit.fixture("github/failed-run/run.json"))));
        ci.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/jobs.json"))));
        ci.stubFor(get(urlPathMatching(REPO + "/actions/jobs/\\d+/logs"))
                .willReturn(aResponse().withBody(CiTestKit.fixture("github/failed-run/job-log.txt"))));
        first = replica(new Ticks());

        try (var outage = databases.outage(url)) {
            var during = paste(first, "Ev0OUTAGE1");

            assertThat(during.statusCode()).as(during.body()).isGreaterThanOrEqualTo(500);
            assertThat(during.headers().firstValue("X-Slack-No-Retry")).as("Slack is not told to give up").isEmpty();
            assertThat(slack.count("chat.postMessage")).as("nothing posted during the outage").isZero();
        }

        // Slack's next delivery comes a minute later; by then the pool has replaced the connections the outage ended.
        Await.until("the store to answer again", () -> answers(first));
        assertThat(paste(first, "Ev0OUTAGE1", 1).statusCode()).isEqualTo(200);
        Await.until("the card", () -> slack.count("chat.update") == 1);
        assertThat(paste(first, "Ev0OUTAGE1", 2).statusCode()).isEqualTo(200);
        Await.until("the replica to finish", () -> first.pendingTasks() == 0);
        assertThat(slack.count("chat.postMessage")).as("one placeholder").isEqualTo(1);
        assertThat(slack.count("chat.update")).as("one card").isEqualTo(1);
        ci.verify(1, getRequestedFor(urlPathMatching(REPO + "/actions/jobs/\\d+/logs")));
    }

    @Test
    void aPasteWhoseReplicaStopsMidTriageIsFinishedByTheOtherReplicaInPlaceOfItsPlaceholderOnce() throws Exception {
        stubGitHubWithAHangingFirstLogDownload();
        Ticks firstSweeps = new Ticks();
        Ticks secondSweeps = new Ticks();
        first = replica(firstSweeps);
        second = replica(secondSweeps);

        assertThat(paste(first, "Ev0REPLICA1").statusCode()).isEqualTo(200);
        assertThat(slack.await("chat.postMessage", 1).getFirst()).containsEntry("channel", CHANNEL)
                .containsEntry("text", "Looking at octo-org/octo-repo · run 30433642...");
        Await.until("the first replica to be downloading the log", () -> hanging.held() > 0);
        first.close(); // SIGTERM: the grace period runs out while the log download hangs
        first = null;
        assertThat(slack.count("chat.update")).as("the stopped replica shows no card and no notice").isZero();

        secondSweeps.tick();

        var update = slack.await("chat.update", 1).getFirst();
        assertThat(update).containsEntry("channel", CHANNEL).containsEntry("ts", PLACEHOLDER_TS);
        assertThat(update.get("blocks")).contains("rerun_failed_jobs").doesNotContain("restarted");
        Await.until("the second replica to finish", () -> second.pendingTasks() == 0);
        secondSweeps.tick();
        Await.until("another sweep to pass", () -> secondSweeps.waiting());
        assertThat(slack.count("chat.postMessage")).as("no second placeholder, no notice").isEqualTo(1);
        assertThat(slack.count("chat.update")).as("the card, once").isEqualTo(1);
    }
}
