package dev.pipelinetriage.adapter.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.store.EmbeddedStores;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.boot.config.WebhooksConfigLoader;
import dev.pipelinetriage.testing.Await;
import dev.pipelinetriage.testing.ClassServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code serve} with a webhooks section, end to end: deliveries signed as GitHub signs them ("Validating webhook
 * deliveries": HMAC-SHA256 of the raw body, hex, {@code sha256=}) and GitLab's token header, bodies from the
 * providers' documented examples (fixtures/webhooks/README.md); WireMock plays GitHub's REST API (the "Workflow
 * runs" and "Workflow jobs" shapes in fixtures/github/failed-run) and Slack's Web API (chat.postMessage and
 * chat.update answers from their reference pages).
 */
class CiWebhooksEndToEndTest {
    private static final String GITHUB_SECRET = "gh-hook-secret-0123456789";
    private static final String GITLAB_SECRET = "gl-hook-secret-0123456789";
    private static final String JENKINS_SECRET = "jk-hook-secret-0123456789";
    private static final String CHANNEL = "C0PLATFORM";
    /** What docs.slack.dev's chat.postMessage example answers: every message gets this ts here. */
    private static final String MESSAGE_TS = "1503435956.000247";
    /** A platform failure the knowledge base knows (registry-server-error). */
    private static final String REGISTRY_503_LOG = """
            2026-11-26T09:00:01.0000000Z ##[group]Run curl -fsSL https://downloads.example.com/tool.tar.gz -o tool.tar.gz
            2026-11-26T09:00:02.0000000Z curl: (22) The requested URL returned error: 503
            2026-11-26T09:00:02.0000000Z ##[error]Process completed with exit code 22.
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DUPLICATES = "webhook_deliveries_total{outcome=\"duplicate\",source=\"github\"}";
    private static final String POSTS_TIMED = "triage_stage_seconds_count{stage=\"post\"}";
    private static final String UNDELIVERED_POSTS = "chat_posts_undelivered_total{platform=\"slack\"}";
    private static final String UNAUTHORIZED = "webhook_deliveries_total{outcome=\"unauthorized\",source=\"github\"}";

    @RegisterExtension
    static final ClassServer<Bot> BOT = ClassServer.of(Bot::start, Bot::reset, Bot::close);

    private final HttpClient http = HttpClient.newHttpClient();
    private WireMockServer ci;
    private WireMockServer slack;
    private ServeWiring.Served served;

    /** The bot with its webhooks; GitHub, GitLab and Jenkins played by {@code ci}, Slack's Web API by {@code slack}. */
    private record Bot(WireMockServer ci, WireMockServer slack, ServeWiring.Served served, Path data)
            implements AutoCloseable {
        static Bot start() throws IOException {
            WireMockServer ci = new WireMockServer(options().dynamicPort());
            ci.start();
            WireMockServer slack = new WireMockServer(options().dynamicPort());
            slack.start();
            Path data = Files.createTempDirectory("webhooks-");
            String yaml = """
                    ci:
                      instances:
                        - name: github
                          type: github
                          webUrl: https://github.com
                          apiUrl: http://localhost:%1$d/api/v3
                          token: {env: GITHUB_TOKEN}
                        - name: gitlab
                          type: gitlab
                          webUrl: http://192.168.64.1:3005
                          apiUrl: http://localhost:%1$d/api/v4
                          token: {env: GITLAB_TOKEN}
                        - name: jenkins
                          type: jenkins
                          webUrl: http://localhost:%1$d/jenkins
                          username: triage-bot
                          token: {env: JENKINS_TOKEN}
                    slack:
                      signingSecret: {env: SLACK_SIGNING_SECRET}
                      botToken: {env: SLACK_BOT_TOKEN}
                      apiBaseUrl: http://localhost:%2$d/api/
                      postIntervalMillis: 0
                    store:
                      directory: %3$s
                    webhooks:
                      sources:
                        - instance: github
                          secret: {env: GITHUB_WEBHOOK_SECRET}
                        - instance: gitlab
                          secret: {env: GITLAB_WEBHOOK_TOKEN}
                        - instance: jenkins
                          secret: {env: JENKINS_WEBHOOK_SECRET}
                      routes:
                        - repository: "octo-org/*"
                          channel: slack:%4$s
                        - repository: "gitlab-org/*"
                          branch: "release/*"
                          channel: slack:C0GITLAB
                        - repository: "team/**"
                          branch: main
                          channel: slack:C0JENKINS
                      outage:
                        threshold: 3
                        windowMinutes: 10
                    """.formatted(ci.port(), slack.port(), data, CHANNEL);
            var config = ConfigLoader.parseForServe(yaml);
            var webhooks = WebhooksConfigLoader.parse(yaml, config.ci());
            var env = Map.of("GITHUB_TOKEN", "ghp_e2eGitHubTokenValue000000000000000000", "GITLAB_TOKEN",
                    "glpat-e2e0000000000", "SLACK_SIGNING_SECRET", "e2e-signing-secret", "SLACK_BOT_TOKEN",
                    "xoxb-1111-2222-e2eBotTokenValue", "GITHUB_WEBHOOK_SECRET", GITHUB_SECRET, "GITLAB_WEBHOOK_TOKEN",
                    GITLAB_SECRET, "JENKINS_TOKEN", "jenkins-api-token-0000", "JENKINS_WEBHOOK_SECRET", JENKINS_SECRET);
            return new Bot(ci, slack, ServeWiring.start(config, OpsSection.defaults(), webhooks, env,
                    new ServeWiring.Setup(Clock.systemUTC(), d -> { }, d -> { }, "127.0.0.1", 0, 4, 100)), data);
        }

        /** Once no chat task is left: the fakes forget stubs and requests, the store its rows. */
        void reset() throws SQLException {
            Await.until("the bot's chat tasks to finish", () -> served.pendingTasks() == 0);
            ci.resetAll();
            slack.resetAll();
            EmbeddedStores.empty(data);
        }

        @Override
        public void close() {
            served.close();
            ci.stop();
            slack.stop();
        }
    }

    @BeforeEach
    void shareTheBot() throws IOException {
        ci = BOT.get().ci();
        slack = BOT.get().slack();
        served = BOT.get().served();
        slack.stubFor(post("/api/auth.test").willReturn(okJson("""
                {"ok":true,"url":"https://subarachnoid.slack.com/","team":"Subarachnoid Workspace","user":"triage",
                 "team_id":"T012AB3C4","user_id":"UBOT12345","bot_id":"B0BOT1234"}""")));
        slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(slackFixture("chat.postMessage.200.ok.json"))));
        slack.stubFor(post("/api/chat.update").willReturn(okJson(slackFixture("chat.update.200.ok.json"))));
        stubGitHub(REGISTRY_503_LOG);
    }

    private static String slackFixture(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/fixtures/slack/documented", name));
    }

    /** Any octo-org repository: run 30433642, attempt 1, whose "test" job failed with {@code log}. */
    private void stubGitHub(String log) {
        String repo = "/api/v3/repos/octo-org/[^/]+";
        ci.stubFor(get(urlPathMatching(repo + "/actions/runs/30433642/attempts/1"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/run.json"))));
        ci.stubFor(get(urlPathMatching(repo + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/jobs.json"))));
        ci.stubFor(get(urlPathMatching(repo + "/actions/jobs/\\d+/logs")).willReturn(aResponse().withBody(log)));
    }

    // ---- deliveries as the providers send them ----

    /** The documented workflow_run example as a failure of run 30433642 attempt 1 in {@code repository}. */
    private static byte[] failedRun(String repository) {
        ObjectNode payload = DeliveriesTest.fixture("github-workflow_run.completed.json");
        ((ObjectNode) payload.get("workflow_run")).put("conclusion", "failure").put("id", 30433642).put("run_attempt", 1);
        ((ObjectNode) payload.get("repository")).put("full_name", repository).put("html_url", "https://github.com/" + repository);
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private HttpResponse<String> deliver(String path, byte[] body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + path))
                .header("Content-Type", "application/json").header("User-Agent", "GitHub-Hookshot/044aadd");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> deliverGitHub(String event, String delivery, byte[] body) throws Exception {
        return deliver("/webhooks/github", body, "X-GitHub-Event", event, "X-GitHub-Delivery", delivery,
                "X-Hub-Signature-256", hmac(GITHUB_SECRET, body));
    }

    private List<Map<String, String>> slackCalls(String method) {
        List<Map<String, String>> calls = new ArrayList<>();
        for (LoggedRequest request : slack.findAll(postRequestedFor(urlPathEqualTo("/api/" + method)))) {
            Map<String, String> form = new java.util.LinkedHashMap<>();
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

    /** Waits until {@code condition} holds and no chat task is left. */
    private void awaitQuiet(BooleanSupplier condition) {
        Await.until("the expected chat calls, and no chat task left",
                () -> condition.getAsBoolean() && served.pendingTasks() == 0);
    }

    // ---- GitHub ----

    @Test
    void aSignedFailedWorkflowRunIsTriagedFromTheConfiguredHostAndItsCardPostedInTheRoutedChannel() throws Exception {
        double posts = metric(POSTS_TIMED);
        // A repository no other test uses: the shared bot keeps the finished runs it fetched, and this test counts.
        HttpResponse<String> response = deliverGitHub("workflow_run", UUID.randomUUID().toString(), failedRun("octo-org/routed"));

        assertThat(response.statusCode()).isEqualTo(202);
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 1);
        Map<String, String> card = slackCalls("chat.postMessage").getFirst();
        assertThat(card.get("channel")).isEqualTo(CHANNEL);
        assertThat(card.get("text")).contains("octo-org/routed · run 30433642, attempt 1");
        assertThat(card.get("blocks")).contains("curl: (22) The requested URL returned error: 503");
        ci.verify(getRequestedFor(urlPathEqualTo("/api/v3/repos/octo-org/routed/actions/runs/30433642/attempts/1")));
        assertThat(metric(POSTS_TIMED)).as("the webhook card's post is timed like a pasted link's").isEqualTo(posts + 1);
        assertThat(served.auditLog().latest(10)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("webhook-route");
            assertThat(entry.outcome()).isEqualTo("routed");
            assertThat(entry.channel()).isEqualTo("slack:" + CHANNEL);
            assertThat(entry.reason()).isEqualTo("rule 0 (octo-org/* @ **)");
        });
    }

    @Test
    void aWebhookCardSlackDoesNotTakeIsCountedLikeAnyUndeliveredPost() throws Exception {
        slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(slackFixture("chat.postMessage.200.error.json"))));
        double undelivered = metric(UNDELIVERED_POSTS);

        deliverGitHub("workflow_run", UUID.randomUUID().toString(), failedRun("octo-org/undelivered"));

        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 1);
        assertThat(metric(UNDELIVERED_POSTS)).isEqualTo(undelivered + 1);
    }

    @Test
    void aRedeliveryAndASecondHookForTheSameRunAttemptProduceOneCard() throws Exception {
        byte[] body = failedRun("octo-org/repo-1");
        String delivery = UUID.randomUUID().toString();
        double duplicates = metric(DUPLICATES);

        assertThat(deliverGitHub("workflow_run", delivery, body).statusCode()).isEqualTo(202);
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 1);
        assertThat(deliverGitHub("workflow_run", delivery, body).statusCode()).isEqualTo(202);
        assertThat(deliverGitHub("workflow_run", UUID.randomUUID().toString(), body).statusCode()).isEqualTo(202);
        awaitQuiet(() -> true);

        assertThat(slackCalls("chat.postMessage")).hasSize(1);
        assertThat(metric(DUPLICATES)).isEqualTo(duplicates + 2);
    }

    @Test
    void aWrongOrMissingSignatureIsRefusedWith401AndNothingIsFetched() throws Exception {
        byte[] body = failedRun("octo-org/repo-1");
        double unauthorized = metric(UNAUTHORIZED);

        HttpResponse<String> wrong = deliver("/webhooks/github", body, "X-GitHub-Event", "workflow_run",
                "X-GitHub-Delivery", "d-1", "X-Hub-Signature-256", hmac("not-the-secret", body));
        HttpResponse<String> missing = deliver("/webhooks/github", body, "X-GitHub-Event", "workflow_run");
        byte[] tampered = failedRun("octo-org/repo-2");
        HttpResponse<String> replayedSignature = deliver("/webhooks/github", tampered, "X-GitHub-Event", "workflow_run",
                "X-Hub-Signature-256", hmac(GITHUB_SECRET, body));

        assertThat(List.of(wrong.statusCode(), missing.statusCode(), replayedSignature.statusCode())).containsOnly(401);
        assertThat(wrong.body()).contains("X-Hub-Signature-256").doesNotContain(GITHUB_SECRET);
        awaitQuiet(() -> true);
        assertThat(ci.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(slackCalls("chat.postMessage")).isEmpty();
        assertThat(metric(UNAUTHORIZED)).isEqualTo(unauthorized + 3);
    }

    @Test
    void pingIsAnsweredOtherEventsAreIgnoredAndUnknownHooksAreNotFound() throws Exception {
        byte[] ping = Files.readAllBytes(Path.of("src/test/resources/fixtures/webhooks/github-ping.json"));

        assertThat(deliverGitHub("ping", "p-1", ping).statusCode()).isEqualTo(200);
        HttpResponse<String> push = deliverGitHub("push", "p-2", ping);
        assertThat(push.statusCode()).isEqualTo(202);
        assertThat(push.body()).contains("is not used");
        assertThat(deliver("/webhooks/no-such-instance", ping).statusCode()).isEqualTo(404);
    }

    @Test
    void aRunOnAHostThatIsNotTheInstancesIsRefusedWithoutAnyRequest() throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(failedRun("octo-org/repo-1"));
        ((ObjectNode) payload.get("repository")).put("html_url", "https://ghe.internal.example/octo-org/repo-1");
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);

        ObjectNode otherPort = (ObjectNode) JSON.readTree(failedRun("octo-org/repo-1"));
        ((ObjectNode) otherPort.get("workflow_run")).put("logs_url",
                "https://api.github.com:8443/repos/octo-org/repo-1/actions/runs/30433642/logs");

        HttpResponse<String> response = deliverGitHub("workflow_run", "h-1", body);
        HttpResponse<String> port = deliverGitHub("workflow_run", "h-2", otherPort.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("repository.html_url is on https://ghe.internal.example, not on instance 'github'");
        assertThat(port.statusCode()).isEqualTo(422);
        assertThat(port.body()).contains("workflow_run.logs_url is on https://api.github.com:8443");
        assertThat(ci.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void manyJobsHittingTheSamePlatformFailureGetOneBannerThatCountsThemInsteadOfMoreCards() throws Exception {
        // Threshold 3: two cards, then the banner, then two updates of it.
        int[] expectedPosts = {1, 2, 3, 3, 3};
        int[] expectedUpdates = {0, 0, 0, 1, 2};
        double banners = metric("webhook_outage_banners_total");
        double grouped = metric("webhook_cards_grouped_total");
        for (int i = 0; i < 5; i++) {
            deliverGitHub("workflow_run", UUID.randomUUID().toString(), failedRun("octo-org/repo-" + i));
            int posts = expectedPosts[i];
            int updates = expectedUpdates[i];
            awaitQuiet(() -> slackCalls("chat.postMessage").size() == posts && slackCalls("chat.update").size() == updates);
        }

        List<Map<String, String>> posts = slackCalls("chat.postMessage");
        assertThat(posts.subList(0, 2)).allSatisfy(card -> assertThat(card.get("text")).startsWith("Triage of octo-org/repo-"));
        assertThat(blocks(posts.get(2))).contains(
                "3 jobs hit 'Package registry or remote answered with a 5xx server error' since");
        // The banner's notification text says what it is (it once read "Triage of Possible platform outage").
        assertThat(posts.get(2).get("text")).startsWith("Possible platform outage: 3 jobs hit 'Package registry or remote "
                + "answered with a 5xx server error' since");
        List<Map<String, String>> updates = slackCalls("chat.update");
        assertThat(updates).allSatisfy(update -> assertThat(update.get("ts")).isEqualTo(MESSAGE_TS));
        assertThat(blocks(updates.get(1))).contains(
                "5 jobs hit 'Package registry or remote answered with a 5xx server error' since");
        assertThat(metric("webhook_outage_banners_total")).isEqualTo(banners + 1);
        assertThat(metric("webhook_cards_grouped_total")).isEqualTo(grouped + 3);
    }

    @Test
    void codeFailuresKeepTheirCardsHoweverMany() throws Exception {
        ci.resetAll();
        stubGitHub(CiTestKit.fixture("github/failed-run/job-log.txt"));
        // Repositories no other test uses: the shared bot keeps the finished logs it fetched, by repository and job.
        for (int i = 0; i < 4; i++) {
            deliverGitHub("workflow_run", UUID.randomUUID().toString(), failedRun("octo-org/code-" + i));
        }
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 4);

        assertThat(slackCalls("chat.postMessage")).allSatisfy(card -> assertThat(card.get("text")).contains(": code"));
        assertThat(slackCalls("chat.update")).isEmpty();
    }

    // ---- GitLab ----

    @Test
    void gitLabDeliveriesNeedTheTokenAndAFailedPipelineWithoutARouteIsDroppedAndAudited() throws Exception {
        ObjectNode payload = DeliveriesTest.fixture("gitlab-pipeline-hook.json");
        byte[] succeeded = payload.toString().getBytes(StandardCharsets.UTF_8);
        ((ObjectNode) payload.get("object_attributes")).put("status", "failed");
        byte[] failed = payload.toString().getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> wrongToken = deliver("/webhooks/gitlab", failed, "X-Gitlab-Event", "Pipeline Hook",
                "X-Gitlab-Token", "nope");
        HttpResponse<String> success = deliver("/webhooks/gitlab", succeeded, "X-Gitlab-Event", "Pipeline Hook",
                "X-Gitlab-Token", GITLAB_SECRET);
        HttpResponse<String> unrouted = deliver("/webhooks/gitlab", failed, "X-Gitlab-Event", "Pipeline Hook",
                "X-Gitlab-Token", GITLAB_SECRET);

        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(success.statusCode()).isEqualTo(202);
        // A passed pipeline may be the rerun of a triaged failure: it is queued as a rerun outcome (none here).
        assertThat(success.body()).contains("queued as a rerun outcome");
        assertThat(unrouted.statusCode()).isEqualTo(202);
        assertThat(unrouted.body()).contains("no rule matches and no default channel");
        awaitQuiet(() -> true);
        assertThat(ci.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        List<AuditEntry> audit = served.auditLog().latest(10);
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.outcome()).isEqualTo("dropped");
            assertThat(entry.target()).contains("gitlab:gitlab-org/gitlab-test:run:31:0").contains("branch master");
        });
    }

    /** The Block Kit blocks of a call, as Jackson writes them (Slack's SDK escapes apostrophes). */
    private static String blocks(Map<String, String> call) throws IOException {
        return JSON.readTree(call.get("blocks")).toString();
    }

    @Test
    void aFailedGitLabPipelineOnARoutedBranchGetsOneCardListingItsFailedJobs() throws Exception {
        // GitLab "Pipelines API" and "Jobs API" documented answers (fixtures/gitlab/documented), pipeline failed.
        String project = "/api/v4/projects/gitlab-org%2Fgitlab-test";
        ci.stubFor(get(project + "/pipelines/31").willReturn(okJson(CiTestKit.fixture("gitlab/documented/get-pipeline.200.json")
                .replace("\"status\": \"success\"", "\"status\": \"failed\""))));
        ci.stubFor(get(urlPathEqualTo(project + "/pipelines/31/jobs"))
                .willReturn(okJson(CiTestKit.fixture("gitlab/documented/list-pipeline-jobs.200.json"))));
        ci.stubFor(get(urlPathMatching(project + "/jobs/[67]/trace")).willReturn(aResponse().withBody(
                CiTestKit.fixture("gitlab/documented/trace-truncated-by-runner.txt"))));
        ObjectNode payload = DeliveriesTest.fixture("gitlab-pipeline-hook.json");
        ((ObjectNode) payload.get("object_attributes")).put("status", "failed").put("ref", "release/1.0");
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> first = deliver("/webhooks/gitlab", body, "X-Gitlab-Event", "Pipeline Hook",
                "X-Gitlab-Token", GITLAB_SECRET, "Idempotency-Key", "f0a5d8b2-3c1e-4b7a-9e2d-6c8f1a0b3d4e");
        HttpResponse<String> retried = deliver("/webhooks/gitlab", body, "X-Gitlab-Event", "Pipeline Hook",
                "X-Gitlab-Token", GITLAB_SECRET, "Idempotency-Key", "f0a5d8b2-3c1e-4b7a-9e2d-6c8f1a0b3d4e");

        assertThat(List.of(first.statusCode(), retried.statusCode())).containsOnly(202);
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 1);
        Map<String, String> card = slackCalls("chat.postMessage").getFirst();
        assertThat(card.get("channel")).isEqualTo("C0GITLAB");
        assertThat(card.get("text")).contains("gitlab-org/gitlab-test · run 31");
        assertThat(card.get("blocks")).contains("rspec:other").contains("teaspoon");
    }

    // ---- the generic hook (Jenkins) ----

    @Test
    void theGenericHookTriagesARunUrlOfItsInstanceAndRefusesAnyOtherHostOrAWrongProof() throws Exception {
        // Bodies of the cdancy/jenkins-rest fixtures (api-samples): build api/json with the result a failure.
        ci.stubFor(get(urlPathEqualTo("/jenkins/job/team/job/fish/10/api/json")).willReturn(okJson(
                CiTestKit.fixture("jenkins/documented/build-api-json.200.json").replace("\"SUCCESS\"", "\"FAILURE\""))));
        ci.stubFor(get("/jenkins/job/team/job/fish/10/consoleText").willReturn(aResponse().withBody(REGISTRY_503_LOG)));
        byte[] ours = ("{\"runUrl\": \"http://localhost:" + ci.port() + "/jenkins/job/team/job/fish/10/\", "
                + "\"branch\": \"main\", \"status\": \"FAILURE\"}").getBytes(StandardCharsets.UTF_8);
        byte[] foreign = "{\"runUrl\": \"https://jenkins.elsewhere.example/job/team/job/fish/10/\"}"
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> wrongBearer = deliver("/webhooks/jenkins", ours, "Authorization", "Bearer not-it");
        HttpResponse<String> otherHost = deliver("/webhooks/jenkins", foreign, "Authorization", "Bearer " + JENKINS_SECRET);
        HttpResponse<String> accepted = deliver("/webhooks/jenkins", ours, "X-Triage-Signature-256", hmac(JENKINS_SECRET, ours));

        assertThat(wrongBearer.statusCode()).isEqualTo(401);
        assertThat(otherHost.statusCode()).isEqualTo(422);
        assertThat(otherHost.body()).contains("Unknown CI host 'jenkins.elsewhere.example'");
        assertThat(accepted.statusCode()).isEqualTo(202);
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 1);
        Map<String, String> card = slackCalls("chat.postMessage").getFirst();
        assertThat(card.get("channel")).isEqualTo("C0JENKINS");
        assertThat(card.get("text")).contains("team/fish · run 10");
        // Only the named build, and the same job's last successful build to compare with: never the payload's URL.
        assertThat(ci.findAll(anyRequestedFor(anyUrl()))).allSatisfy(request -> assertThat(request.getUrl())
                .matches("/jenkins/job/team/job/fish/(10/|lastSuccessfulBuild/api/json\\?).*"));
    }

    /**
     * One series' value on {@code /metrics}, 0 before it is first counted. The bot is shared by the tests, so a test
     * compares it with the value before it acted.
     */
    private double metric(String series) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.managementPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
    }
}
