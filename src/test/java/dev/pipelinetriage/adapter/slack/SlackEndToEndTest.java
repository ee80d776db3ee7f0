package dev.pipelinetriage.adapter.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.testing.ClassServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real Bolt app behind the real Jetty server, signed requests as Slack signs them (docs.slack.dev "Verifying
 * requests from Slack"), event envelopes as "Using the Events API" shows them, interactivity payloads as "Handling
 * user interaction" shows them; WireMock plays Slack's Web API (reference pages' example answers) and the CI
 * (GitHub "Workflow runs"/"Workflow jobs" and GitLab "Jobs API"/"Pipelines API" shapes from the fixtures).
 */
class SlackEndToEndTest {
    private static final String SECRET = "e2e-signing-secret-0123456789abcdef";
    private static final String BOT_TOKEN = "xoxb-1111-2222-e2eBotTokenValue";
    private static final String GITHUB_TOKEN = "ghp_e2eGitHubTokenValue000000000000000000";
    private static final String REPO = "/api/v3/repos/octo-org/octo-repo";
    private static final String RUN_LINK = "https://github.com/octo-org/octo-repo/actions/runs/30433642";
    private static final String GITLAB_PROJECT = "/api/v4/projects/group%2Fsub%2Fproject";
    private static final String CHANNEL = "C0G9QF9GZ";
    private static final String MESSAGE_TS = "1525215129.000001";
    /** chat.postMessage's documented answer: the placeholder's ts, which the card update must target. */
    private static final String PLACEHOLDER_TS = "1503435956.000247";
    private static final String ONCALL = "U0ONCALL1";

    @RegisterExtension
    static final ClassServer<ServedSlack> BOT = ClassServer.of(() -> new ServedSlack("""
              runbookBaseUrl: https://git.example.com/acme/pipeline-triage/blob/main
              rerun:
                users: [%s]
                userGroups: [S0614TZR7]
              maxLinksPerMessage: 3
            """.formatted(ONCALL), Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "GITLAB_TOKEN", "glpat-e2eGitLabToken0000",
            "SLACK_SIGNING_SECRET", SECRET, "SLACK_BOT_TOKEN", BOT_TOKEN)), ServedSlack::reset, ServedSlack::close);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private List<Duration> slackWaits;
    private SlackFakes slack;
    private WireMockServer ci;
    private ServeWiring.Served served;

    @BeforeEach
    void shareTheBot() {
        slack = BOT.get().slack;
        ci = BOT.get().ci;
        served = BOT.get().served;
        slackWaits = BOT.get().slackWaits;
    }

    /** Waits until the bot has finished the work this test gave it. */
    private void settle() {
        BOT.get().settle();
    }

    private void stubGitHubRun() {
        stubGitHubRun(CiTestKit.fixture("github/failed-run/jobs.json"), CiTestKit.fixture("github/failed-run/job-log.txt"));
    }

    private void stubGitHubRun(String jobsJson, String log) {
        ci.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(CiTestKit.fixture("github/failed-run/run.json"))));
        ci.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/attempts/1/jobs")).willReturn(okJson(jobsJson)));
        ci.stubFor(get(urlPathMatching(REPO + "/actions/jobs/\\d+/logs")).willReturn(aResponse().withBody(log)));
        ci.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs").willReturn(aResponse().withStatus(201)));
    }

    /**
     * The documented run as run {@code 5043364n} with jobs {@code 5994444n6} and {@code 5994444n7}, for a test that
     * serves its own jobs or logs: the shared bot keeps the finished runs and logs it fetched for earlier tests.
     *
     * @return the run's link
     */
    private String stubOtherGitHubRun(int n, String jobsJson, String log) {
        String run = "5043364" + n;
        UnaryOperator<String> renumbered = text -> text.replace("30433642", run).replace("39944449", "5994444" + n);
        ci.stubFor(get(REPO + "/actions/runs/" + run).willReturn(okJson(renumbered.apply(
                CiTestKit.fixture("github/failed-run/run.json")))));
        ci.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/" + run + "/attempts/1/jobs"))
                .willReturn(okJson(renumbered.apply(jobsJson))));
        ci.stubFor(get(urlPathMatching(REPO + "/actions/jobs/\\d+/logs")).willReturn(aResponse().withBody(log)));
        return RUN_LINK.replace("30433642", run);
    }

    // ---- requests as Slack sends them ----

    private HttpResponse<String> signed(String body, String contentType, long timestamp, String secret, String... headers)
            throws IOException, InterruptedException {
        String ts = Long.toString(timestamp);
        String signature = new SlackSignature(secret, Clock.systemUTC()).sign(ts, body.getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + "/slack/events"))
                .header("Content-Type", contentType).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String body, String contentType, String... headers) throws IOException, InterruptedException {
        return signed(body, contentType, Clock.systemUTC().instant().getEpochSecond(), SECRET, headers);
    }

    private HttpResponse<String> event(String eventId, String eventJson, String... headers) throws Exception {
        String envelope = """
                {"token":"XXYYZZ","team_id":"T012AB3C4","api_app_id":"AXXXXXXXXX","event":%s,"type":"event_callback",
                 "authed_teams":[],"event_id":"%s","event_time":1525215129}""".formatted(eventJson, eventId);
        return send(envelope, "application/json", headers);
    }

    private static String message(String user, String text) {
        return """
                {"type":"message","user":"%s","text":"%s","ts":"%s","channel":"%s","event_ts":"%s","channel_type":"channel"}"""
                .formatted(user, text, MESSAGE_TS, CHANNEL, MESSAGE_TS);
    }

    private HttpResponse<String> interactive(String payload) throws Exception {
        return send("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    private HttpResponse<String> click(String actionId, String user, String cardId) throws Exception {
        return click(actionId, user, "T012AB3C4", cardId);
    }

    /** @param userTeam the clicking user's home team: another organization's in a Slack Connect channel */
    private HttpResponse<String> click(String actionId, String user, String userTeam, String cardId) throws Exception {
        return interactive("""
                {"type":"block_actions","team":{"id":"T012AB3C4","domain":"example"},
                 "user":{"id":"%s","username":"someone","team_id":"%s"},"api_app_id":"AXXXXXXXXX","token":"XXYYZZ",
                 "trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
                 "container":{"type":"message","message_ts":"%s","channel_id":"%s","is_ephemeral":false},
                 "channel":{"id":"%s","name":"ci-help"},"message":{"type":"message","ts":"%s","thread_ts":"%s","text":"card"},
                 "actions":[{"type":"button","action_id":"%s","block_id":"card_actions","value":"%s","action_ts":"1548426417.840180"}]}"""
                .formatted(user, userTeam, PLACEHOLDER_TS, CHANNEL, CHANNEL, PLACEHOLDER_TS, MESSAGE_TS, actionId, cardId));
    }

    private HttpResponse<String> submit(String callbackId, String user, String privateMetadata, String stateValues) throws Exception {
        return interactive("""
                {"type":"view_submission","team":{"id":"T012AB3C4","domain":"example"},
                 "user":{"id":"%s","username":"someone","name":"someone","team_id":"T012AB3C4"},"api_app_id":"AXXXXXXXXX",
                 "token":"XXYYZZ","trigger_id":"12466734323.1395872398.1223",
                 "view":{"id":"VMHU10V25","team_id":"T012AB3C4","type":"modal","callback_id":"%s","private_metadata":"%s",
                         "state":{"values":%s},"hash":"156772938.1827394"}}"""
                .formatted(user, callbackId, privateMetadata, stateValues));
    }

    private JsonNode blocks(Map<String, String> call) throws IOException {
        return json.readTree(call.get("blocks"));
    }

    /** Every text of a Block Kit message, decoded from its JSON (the SDK writes <, > and & as \\u escapes). */
    private String texts(Map<String, String> call) throws IOException {
        StringBuilder sb = new StringBuilder();
        collect(blocks(call), sb);
        return sb.toString();
    }

    private static void collect(JsonNode node, StringBuilder sb) {
        if (node.isObject() && node.path("text").isTextual()) {
            sb.append(node.path("text").asText()).append('\n');
        }
        node.forEach(child -> collect(child, sb));
    }

    private String cardId(Map<String, String> update) throws IOException {
        for (JsonNode block : blocks(update)) {
            for (JsonNode element : block.path("elements")) {
                if ("rerun_failed_jobs".equals(element.path("action_id").asText())) {
                    return element.path("value").asText();
                }
            }
        }
        throw new AssertionError("the card has no Rerun button: " + update.get("blocks"));
    }

    /** A card posted from a pasted GitHub run link; returns its id. */
    private String pastedCard() throws Exception {
        stubGitHubRun();
        event("Ev0PASTED", message("U061F7AUR", "<" + RUN_LINK + ">"));
        return cardId(slack.await("chat.update", 1).getFirst());
    }

    // ---- the tests ----

    @Test
    void aPastedGitHubLinkGetsAPlaceholderInTheThreadThenTheCard() throws Exception {
        stubGitHubRun();

        var ack = event("Ev0001", message("U061F7AUR", "CI is red: <" + RUN_LINK + ">"));

        assertThat(ack.statusCode()).isEqualTo(200);
        var placeholder = slack.await("chat.postMessage", 1).getFirst();
        assertThat(placeholder).containsEntry("channel", CHANNEL).containsEntry("thread_ts", MESSAGE_TS)
                .containsEntry("text", "Looking at octo-org/octo-repo · run 30433642...")
                .containsEntry("unfurl_links", "0").containsEntry("unfurl_media", "0")
                .containsEntry("_authorization", "Bearer " + BOT_TOKEN);
        var update = slack.await("chat.update", 1).getFirst();
        assertThat(update).containsEntry("channel", CHANNEL).containsEntry("ts", PLACEHOLDER_TS);
        String blocks = texts(update);
        assertThat(blocks).contains("octo-org/octo-repo · run 30433642, attempt 1", "https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/1",
                "*Verdict:*", "*Job:* test", "*Excerpt*", "```", "*Next steps*", "Rerun failed jobs", "Not right", "Helpful");
        assertThat(update.get("blocks")).contains("\"action_id\":\"rerun_failed_jobs\"", "\"action_id\":\"not_right\"",
                "\"action_id\":\"helpful\"");
        assertThat(blocks + placeholder).doesNotContain(GITHUB_TOKEN);
    }

    /**
     * The last green run of the same job as GitHub documents it ("List workflow runs for a workflow" of workflow 159038
     * on main, "List jobs for a workflow run attempt", "Download job logs"): fixtures/github/green-run.
     */
    @Test
    void theCardMarksTheLinesNewSinceTheLastGreenRunAndLinksIt() throws Exception {
        String link = stubOtherGitHubRun(4, CiTestKit.fixture("github/failed-run/jobs.json"),
                CiTestKit.fixture("github/green-run/failing-job-log.txt"));
        ci.stubFor(get(urlPathEqualTo(REPO + "/actions/workflows/159038/runs"))
                .willReturn(okJson(CiTestKit.fixture("github/green-run/workflow-runs.json"))));
        ci.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433600/attempts/1/jobs"))
                .willReturn(okJson(CiTestKit.fixture("github/green-run/jobs.json"))));
        ci.stubFor(get(REPO + "/actions/jobs/399444401/logs").willReturn(aResponse().withBody(
                CiTestKit.fixture("github/green-run/job-log.txt"))));

        event("Ev0GREEN", message("U061F7AUR", "<" + link + ">"));

        String blocks = texts(slack.await("chat.update", 1).getFirst());
        assertThat(blocks).contains("Lines marked ● are new since the "
                + "<https://github.com/octo-org/octo-repo/actions/runs/30433600/attempts/1|last green run>");
        assertThat(blocks.lines().filter(l -> l.startsWith("●"))).anyMatch(l -> l.endsWith("Expected: 42"))
                .anyMatch(l -> l.endsWith("Actual: 41"));
        // the test summary reads as the green run's once its numbers are masked: shown between new lines, unmarked
        assertThat(blocks.lines().filter(l -> l.contains("10 runs, 11 assertions, 1 failures"))).singleElement()
                .satisfies(l -> assertThat(l).doesNotContain("●"));
        assertThat(blocks).doesNotContain("WARN -- : Connection to cache failed");
        assertThat(blocks).doesNotContain(GITHUB_TOKEN);
        ci.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(REPO + "/actions/workflows/159038/runs")).withQueryParam("branch",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("main")));
    }

    @Test
    void aGitLabJobLinkIsTriaged() throws Exception {
        ci.stubFor(get(GITLAB_PROJECT + "/jobs/7").willReturn(okJson(CiTestKit.fixture("gitlab/documented/get-job.200.json")
                .replace("\"id\": 8", "\"id\": 7"))));
        ci.stubFor(get(GITLAB_PROJECT + "/pipelines/6").willReturn(okJson(CiTestKit.fixture("gitlab/documented/get-pipeline.200.json")
                .replace("\"status\": \"success\"", "\"status\": \"failed\""))));
        ci.stubFor(get(urlPathEqualTo(GITLAB_PROJECT + "/pipelines/6/jobs"))
                .willReturn(okJson(CiTestKit.fixture("gitlab/documented/list-pipeline-jobs.200.json"))));
        ci.stubFor(get(GITLAB_PROJECT + "/jobs/7/trace").willReturn(aResponse().withBody(
                CiTestKit.fixture("gitlab/documented/trace-truncated-by-runner.txt"))));

        event("Ev0002", message("U061F7AUR", "<https://gitlab.example.com/group/sub/project/-/jobs/7>"));

        assertThat(slack.await("chat.postMessage", 1).getFirst())
                .containsEntry("text", "Looking at group/sub/project · job 7...");
        assertThat(texts(slack.await("chat.update", 1).getFirst()))
                .contains("group/sub/project · run 6", "*Job:* teaspoon", "the log was cut before analysis");
    }

    @Test
    void aRunWithTwoFailedJobsGetsOneCardListingEach() throws Exception {
        String link = stubOtherGitHubRun(1, CiTestKit.fixture("github/failed-run/jobs.json").replaceFirst(
                "\"conclusion\": \"success\"", "\"conclusion\": \"failure\""), CiTestKit.fixture("github/failed-run/job-log.txt"));

        event("Ev0003", message("U061F7AUR", "<" + link + ">"));

        String blocks = texts(slack.await("chat.update", 1).getFirst());
        assertThat(blocks).contains("*2 failed jobs*", "• *build*", "• *test*", "*Excerpt from build*");
        ci.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(REPO + "/actions/jobs/599444416/logs")));
        ci.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(REPO + "/actions/jobs/599444417/logs")));
    }

    @Test
    void anExpiredLogGetsAClearMessageInsteadOfSilence() throws Exception {
        String link = stubOtherGitHubRun(2, CiTestKit.fixture("github/failed-run/jobs.json"),
                CiTestKit.fixture("github/failed-run/job-log.txt"));
        ci.stubFor(get(REPO + "/actions/jobs/599444427/logs").willReturn(aResponse().withStatus(410)
                .withBody("{\"message\":\"Server Error\",\"status\":\"410\"}")));

        event("Ev0004", message("U061F7AUR", "<" + link + ">"));

        assertThat(texts(slack.await("chat.update", 1).getFirst()))
                .contains("The log is no longer available", "(410)", "90 days");
    }

    @Test
    void theSlashCommandAcksAtOnceAndPostsTheCardInTheChannel() throws Exception {
        stubGitHubRun();
        String form = SlackFakes.fixture("slash-command.request.form.txt").strip()
                .replace("command=weather", "command=%2Ftriage").replace("text=94070", "text=" + URLEncoder.encode(RUN_LINK, StandardCharsets.UTF_8))
                .replace("channel_id=C2147483705", "channel_id=" + CHANNEL);

        var ack = send(form, "application/x-www-form-urlencoded");

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("Triaging 1 link");
        var placeholder = slack.await("chat.postMessage", 1).getFirst();
        assertThat(placeholder).containsEntry("channel", CHANNEL).doesNotContainKey("thread_ts");
        assertThat(slack.await("chat.update", 1).getFirst()).containsEntry("ts", PLACEHOLDER_TS);
    }

    @Test
    void theTriageThisShortcutAnswersInTheMessagesThread() throws Exception {
        stubGitHubRun();

        var ack = interactive("""
                {"type":"message_action","callback_id":"triage_this","trigger_id":"13345224609.738474920.8088930838d88f008e0",
                 "team":{"id":"T012AB3C4","domain":"example"},"user":{"id":"U061F7AUR","team_id":"T012AB3C4"},
                 "channel":{"id":"%s","name":"ci-help"},"message_ts":"%s","action_ts":"1548426417.840180",
                 "message":{"type":"message","user":"U0OTHER","ts":"%s","text":"failed again <%s>"}}"""
                .formatted(CHANNEL, MESSAGE_TS, MESSAGE_TS, RUN_LINK));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(slack.await("chat.postMessage", 1).getFirst()).containsEntry("thread_ts", MESSAGE_TS);
        slack.await("chat.update", 1);
    }

    @Test
    void aRetriedEventProducesOneCard() throws Exception {
        stubGitHubRun();

        var first = event("Ev0RETRY", message("U061F7AUR", "<" + RUN_LINK + ">"));
        var retry = event("Ev0RETRY", message("U061F7AUR", "<" + RUN_LINK + ">"), "X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout");
        slack.await("chat.update", 1);
        settle();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(slack.count("chat.postMessage")).isEqualTo(1);
        assertThat(slack.count("chat.update")).isEqualTo(1);
    }

    @Test
    void aBadSignatureGets401AndNothingIsPosted() throws Exception {
        stubGitHubRun();
        String envelope = """
                {"token":"XXYYZZ","team_id":"T012AB3C4","event":%s,"type":"event_callback","event_id":"Ev0BAD","event_time":1}"""
                .formatted(message("U061F7AUR", "<" + RUN_LINK + ">"));

        var response = signed(envelope, "application/json", Clock.systemUTC().instant().getEpochSecond(), "not-the-secret");
        settle();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(slack.methods).isEmpty();
        assertThat(ci.getAllServeEvents()).isEmpty();
    }

    @Test
    void staleAndFutureTimestampsGet401() throws Exception {
        stubGitHubRun();
        long now = Clock.systemUTC().instant().getEpochSecond();
        String envelope = """
                {"token":"XXYYZZ","team_id":"T012AB3C4","event":%s,"type":"event_callback","event_id":"Ev0OLD","event_time":1}"""
                .formatted(message("U061F7AUR", "<" + RUN_LINK + ">"));

        var stale = signed(envelope, "application/json", now - 600, SECRET);
        var future = signed(envelope, "application/json", now + 600, SECRET);
        settle();

        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(future.statusCode()).isEqualTo(401);
        assertThat(slack.methods).isEmpty();
    }

    @Test
    void theBotsOwnMessagesAndEditsAreIgnored() throws Exception {
        stubGitHubRun();

        var own = event("Ev0OWN", """
                {"type":"message","subtype":"bot_message","bot_id":"B0BOT1234","text":"<%s>","ts":"%s","channel":"%s",
                 "event_ts":"%s","channel_type":"channel"}""".formatted(RUN_LINK, MESSAGE_TS, CHANNEL, MESSAGE_TS));
        var edit = event("Ev0EDIT", """
                {"type":"message","subtype":"message_changed","channel":"%s","ts":"%s","event_ts":"%s","hidden":true,
                 "message":{"type":"message","user":"U061F7AUR","text":"<%s>","ts":"%s"}}"""
                .formatted(CHANNEL, MESSAGE_TS, MESSAGE_TS, RUN_LINK, MESSAGE_TS));
        settle();

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(slack.methods).isEmpty();
    }

    @Test
    void aRerunGoesThroughConfirmationThenTheCardShowsTheNewAttemptAndWhoAsked() throws Exception {
        String cardId = pastedCard();

        click("rerun_failed_jobs", ONCALL, cardId);
        var open = slack.await("views.open", 1).getFirst();
        JsonNode view = json.readTree(open.get("view"));
        assertThat(view.path("callback_id").asText()).isEqualTo("rerun_confirm");
        assertThat(view.toString()).contains("This reruns the failed jobs of octo-org/octo-repo · run 30433642, attempt 1 (test)");
        ci.verify(0, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));

        var submitted = submit("rerun_confirm", ONCALL, view.path("private_metadata").asText(), "{}");

        assertThat(submitted.statusCode()).isEqualTo(200);
        var redrawn = slack.await("chat.update", 1).getFirst();
        ci.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{}")));
        assertThat(redrawn).containsEntry("ts", PLACEHOLDER_TS);
        assertThat(redrawn.get("blocks")).doesNotContain("rerun_failed_jobs");
        assertThat(texts(redrawn)).contains("Rerun requested by <@" + ONCALL + ">",
                "<https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/2|new attempt>");
        assertThat(served.auditLog().latest(10)).extracting(AuditEntry::outcome).containsExactly("requested", "started");
    }

    @Test
    void anUnauthorizedRerunIsDeniedToldAuditedAndNeverReachesTheCi() throws Exception {
        String cardId = pastedCard();

        click("rerun_failed_jobs", "U0DEVELOP", cardId);

        var told = slack.await("chat.postEphemeral", 1).getFirst();
        assertThat(told).containsEntry("user", "U0DEVELOP").containsEntry("channel", CHANNEL);
        assertThat(told.get("text")).contains("Only on-call engineers");
        settle();
        assertThat(slack.count("views.open")).isZero();
        ci.verify(0, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));
        assertThat(served.auditLog().latest(10)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("denied");
            assertThat(e.user()).isEqualTo("U0DEVELOP");
            assertThat(e.workspace()).isEqualTo("T012AB3C4");
            assertThat(e.channel()).isEqualTo(CHANNEL);
            assertThat(e.target()).isEqualTo("github:octo-org/octo-repo run 30433642 attempt 1");
        });
    }

    @Test
    void aUserOfAnotherOrganizationInASharedChannelIsDeniedTheRerunEvenWithAnOnCallUserId() throws Exception {
        String cardId = pastedCard();

        click("rerun_failed_jobs", ONCALL, "T0OTHERORG", cardId);

        assertThat(slack.await("chat.postEphemeral", 1).getFirst().get("text")).contains("other organizations");
        settle();
        assertThat(slack.count("views.open")).isZero();
        ci.verify(0, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));
        assertThat(served.auditLog().latest(10)).extracting(AuditEntry::outcome).containsExactly("denied");
    }

    @Test
    void anOnCallGroupMemberMayRerunButAGroupLookupFailureDenies() throws Exception {
        String cardId = pastedCard();
        slack.server.stubFor(post("/api/usergroups.users.list").willReturn(okJson(SlackFakes.fixture("usergroups.users.list.200.error.json"))));

        click("rerun_failed_jobs", "U060R4BJ4", cardId);

        assertThat(slack.await("usergroups.users.list", 1).getFirst()).containsEntry("usergroup", "S0614TZR7");
        assertThat(slack.await("chat.postEphemeral", 1).getFirst().get("text")).contains("could not check", "invalid_auth");
        settle();
        assertThat(slack.count("views.open")).isZero();
        assertThat(served.auditLog().latest(10)).extracting(AuditEntry::outcome).containsExactly("denied");
    }

    @Test
    void aDoubleClickedRerunRerunsOnce() throws Exception {
        String cardId = pastedCard();

        click("rerun_failed_jobs", ONCALL, cardId);
        click("rerun_failed_jobs", ONCALL, cardId);
        List<String> tokens = new ArrayList<>();
        for (var open : slack.await("views.open", 2)) {
            tokens.add(json.readTree(open.get("view")).path("private_metadata").asText());
        }
        submit("rerun_confirm", ONCALL, tokens.get(0), "{}");
        submit("rerun_confirm", ONCALL, tokens.get(1), "{}");

        slack.await("chat.update", 1);
        var told = slack.await("chat.postEphemeral", 1).getFirst();
        settle();
        ci.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));
        assertThat(told.get("text")).contains("already requested by <@" + ONCALL + ">");
        assertThat(slack.count("chat.update")).isEqualTo(2);
    }

    @Test
    void aBurstOfPastesInOneChannelIsPostedWithoutTheBotPacingIt() throws Exception {
        stubGitHubRun();

        for (int i = 0; i < 10; i++) {
            event("EvBurst" + i, message("U061F7AUR", "<" + RUN_LINK + ">"));
        }

        assertThat(slack.await("chat.update", 10)).hasSize(10);
        assertThat(slackWaits).as("no post waited for a turn: Slack's 429 alone paces").isEmpty();
    }

    @Test
    void aRateLimitedPostIsRetriedAfterRetryAfter() throws Exception {
        stubGitHubRun();
        slack.stubRateLimitedOnce("chat.postMessage", 7);

        event("Ev0429", message("U061F7AUR", "<" + RUN_LINK + ">"));

        var attempts = slack.await("chat.postMessage", 2);
        assertThat(attempts).extracting(a -> a.get("text")).containsOnly("Looking at octo-org/octo-repo · run 30433642...");
        assertThat(slackWaits).contains(Duration.ofSeconds(7));
        assertThat(slack.await("chat.update", 1).getFirst()).containsEntry("ts", PLACEHOLDER_TS);
    }

    @Test
    void aLogLineTryingToPingTheChannelIsEscaped() throws Exception {
        String link = stubOtherGitHubRun(3, CiTestKit.fixture("github/failed-run/jobs.json"), """
                2026-11-26T09:00:00.0000000Z ##[group]Run ./deploy.sh
                2026-11-26T09:00:01.0000000Z <!channel> deploy failed, ask <@U0BOSS> at <https://evil.example|https://github.com/login>
                2026-11-26T09:00:01.0000000Z ```
                2026-11-26T09:00:02.0000000Z ##[error]Process completed with exit code 1.
                """);

        event("Ev0PING", message("U061F7AUR", "<" + link + ">"));

        String blocks = texts(slack.await("chat.update", 1).getFirst());
        assertThat(blocks).contains("&lt;!channel&gt; deploy failed", "&lt;@U0BOSS&gt;", "&lt;https://evil.example|")
                .doesNotContain("<!channel>", "<@U0BOSS>", "<https://evil.example");
    }

    @Test
    void aBurstOfOneHundredLinksIsAllAckedAndEveryCardPosted() throws Exception {
        stubGitHubRun();
        List<Integer> statuses = new ArrayList<>();

        for (int i = 0; i < 100; i++) {
            statuses.add(event("Ev0BURST" + i, message("U061F7AUR", "<" + RUN_LINK + ">")).statusCode());
        }

        assertThat(statuses).hasSize(100).containsOnly(200);
        assertThat(slack.await("chat.update", 100)).hasSize(100);
        settle();
        assertThat(slack.count("chat.postMessage")).isEqualTo(100);
    }

    @Test
    void feedbackButtonsAreStoredAndCounted() throws Exception {
        String cardId = pastedCard();

        click("helpful", "U061F7AUR", cardId);
        assertThat(slack.await("chat.postEphemeral", 1).getFirst().get("text")).contains("Thanks");
        click("not_right", "U061F7AUR", cardId);
        JsonNode view = json.readTree(slack.await("views.open", 1).getFirst().get("view"));
        assertThat(view.path("callback_id").asText()).isEqualTo("not_right_feedback");
        submit("not_right_feedback", "U061F7AUR", view.path("private_metadata").asText(), """
                {"verdict":{"verdict":{"type":"static_select","selected_option":{"value":"flaky"}}},
                 "note":{"note":{"type":"plain_text_input","value":"It was the DNS again"}}}""");

        assertThat(slack.await("chat.postEphemeral", 1).getFirst().get("text")).contains("correction (flaky)");
        assertThat(served.stateStore().feedbackCounts()).containsEntry("helpful", 1L).containsEntry("not_right:flaky", 1L);
    }
}
