package dev.pipelinetriage.adapter.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.testing.ClassServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One real bot (Bolt behind Jetty) for the whole class, signed as Slack signs ("Verifying requests from Slack"):
 * CI notifier messages in the shapes of the Events API reference (the {@code bot_message} and
 * {@code message_changed} examples, attachments as "Secondary message attachments" documents them, a section
 * block's mrkdwn link), the slash command's documented form, Web API answers from the reference pages (and their
 * documented {@code ok:false} error shape), counters read from {@code GET /metrics}. The CI is GitHub's documented
 * run and jobs shapes (fixtures).
 */
class SlackNotifiersAndRefusalsTest {
    private static final String SECRET = "notifier-signing-secret-0123456789";
    private static final String REPO = "/api/v3/repos/octo-org/octo-repo";
    private static final String RUN_LINK = "https://github.com/octo-org/octo-repo/actions/runs/30433642";
    /** The documented bot_message example's bot (its "username" is github). */
    private static final String GITHUB_BOT = "BB12033";
    private static final String JENKINS_APP = "A0JENKINS1";
    /** The bot's own ids, as the fake's auth.test answers them. */
    private static final String OWN_BOT = "B0BOT1234";

    @RegisterExtension
    static final ClassServer<ServedSlack> BOT = ClassServer.of(() -> new ServedSlack("""
              notifiers:
                channels: [C0BUILDS1, C0BUILDS2, C0BUILDS3]
                bots: [%s, %s, %s]
            """.formatted(GITHUB_BOT, JENKINS_APP, OWN_BOT), Map.of("GITHUB_TOKEN", "ghp_notifierTestToken00000000000000000000",
            "GITLAB_TOKEN", "glpat-notifierTestToken0", "SLACK_SIGNING_SECRET", SECRET, "SLACK_BOT_TOKEN",
            "xoxb-3333-4444-notifierBotToken")), ServedSlack::reset, ServedSlack::close);

    private final HttpClient http = HttpClient.newHttpClient();
    private SlackFakes slack;
    private WireMockServer ci;
    private ServeWiring.Served served;

    @BeforeEach
    void stubTheRun() {
        slack = BOT.get().slack;
        ci = BOT.get().ci;
        served = BOT.get().served;
        ci.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(CiTestKit.fixture("github/failed-run/run.json"))));
        ci.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/jobs.json"))));
        ci.stubFor(get(urlPathMatching(REPO + "/actions/jobs/\\d+/logs"))
                .willReturn(aResponse().withBody(CiTestKit.fixture("github/failed-run/job-log.txt"))));
    }

    /** Waits until the bot has no chat work left. */
    private void settle() {
        BOT.get().settle();
    }

    private HttpResponse<String> send(String body, String contentType, boolean signed) throws Exception {
        String ts = Long.toString(Clock.systemUTC().instant().getEpochSecond());
        String signature = new SlackSignature(signed ? SECRET : "some-other-secret-000000000000", Clock.systemUTC())
                .sign(ts, body.getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + "/slack/events"))
                .header("Content-Type", contentType).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The envelope of the Events API reference's bot_message example, around {@code event}. */
    private HttpResponse<String> event(String eventId, String event) throws Exception {
        return send("""
                {"token":"XXYYZZ","team_id":"T123ABC456","api_app_id":"A123ABC456","event":%s,"type":"event_callback",
                 "authorizations":[{"team_id":"T123ABC456","is_bot":false,"is_enterprise_install":false}],
                 "event_id":"%s","event_time":123456789}""".formatted(event, eventId), "application/json", true);
    }

    /** The reference's bot_message event, with a failed-build attachment as the GitHub integration posts one. */
    private static String botMessage(String botId, String channel, String ts) {
        return """
                {"type":"message","subtype":"bot_message","ts":"%s","text":"","bot_id":"%s","username":"github",
                 "icons":{},"channel":"%s","event_ts":"%s","channel_type":"channel",
                 "attachments":[{"fallback":"Workflow CI failed","color":"#D00000","pretext":"octo-org/octo-repo",
                   "author_name":"github","title":"CI #30433642 failed","title_link":"%s",
                   "text":"Run tests failed on main","fields":[{"title":"Branch","value":"main","short":true}],
                   "footer":"GitHub Actions","ts":123456789}]}""".formatted(ts, botId, channel, ts, RUN_LINK);
    }

    private long metric(String series) throws Exception {
        String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.managementPort() + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.]+)$").matcher(scrape);
        assertThat(m.find()).as(series + " in the scrape").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    @Test
    void aFailureAnnouncedByAListedNotifierGetsOneCardInItsThreadEvenAfterTheNotifierEditsIt() throws Exception {
        var first = event("Ev0NOTIFY1", botMessage(GITHUB_BOT, "C0BUILDS1", "1358877455.000010"));
        var card = slack.await("chat.postMessage", 1).getFirst();
        var edit = event("Ev0NOTIFY2", """
                {"type":"message","subtype":"message_changed","hidden":true,"channel":"C0BUILDS1",
                 "ts":"1358878755.000001","event_ts":"1358878755.000001","channel_type":"channel",
                 "message":%s,"previous_message":{"type":"message","bot_id":"%s","text":"running","ts":"1358877455.000010"}}"""
                .formatted(botMessage(GITHUB_BOT, "C0BUILDS1", "1358877455.000010"), GITHUB_BOT));
        settle();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(card).containsEntry("channel", "C0BUILDS1").containsEntry("thread_ts", "1358877455.000010");
        assertThat(card.get("blocks")).contains("\"action_id\":\"rerun_failed_jobs\"");
        assertThat(card.get("text")).doesNotStartWith("Looking at");
        assertThat(slack.count("chat.postMessage")).isEqualTo(1);
        assertThat(slack.count("chat.update")).isZero();
    }

    @Test
    void anAppsMessageWithTheLinkInASectionBlockIsReadByItsAppId() throws Exception {
        event("Ev0BLOCKS1", """
                {"type":"message","bot_id":"B0JENKINS9","app_id":"%s","text":"Build failed","ts":"1700000001.000100",
                 "channel":"C0BUILDS2","event_ts":"1700000001.000100","channel_type":"channel",
                 "bot_profile":{"id":"B0JENKINS9","app_id":"%s","name":"Jenkins"},
                 "blocks":[{"type":"section","block_id":"b1","text":{"type":"mrkdwn","text":"*Failed:* <%s|octo-repo #30433642>"}}]}"""
                .formatted(JENKINS_APP, JENKINS_APP, RUN_LINK));

        assertThat(slack.await("chat.postMessage", 1).getFirst()).containsEntry("channel", "C0BUILDS2")
                .containsEntry("thread_ts", "1700000001.000100");
    }

    @Test
    void theBotsOwnMessagesAndUnlistedBotsAreNeverAnswered() throws Exception {
        var own = event("Ev0OWNBOT1", botMessage(OWN_BOT, "C0BUILDS3", "1700000002.000100"));
        var stranger = event("Ev0STRANGER", botMessage("B0STRANGER", "C0BUILDS3", "1700000003.000100"));
        var elsewhere = event("Ev0ELSEWHERE", botMessage(GITHUB_BOT, "C0RANDOM1", "1700000004.000100"));
        settle();

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(stranger.statusCode()).isEqualTo(200);
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        assertThat(slack.methods).isEmpty();
    }

    @Test
    void signedBodiesThatCannotBeReadGet400NotA500() throws Exception {
        var truncated = send("{\"token\":\"XXYYZZ\",\"type\":\"event_callback\",\"event\":{\"type\":\"message\"",
                "application/json", true);
        var notJson = send("payload=" + URLEncoder.encode("{\"type\":\"block_actions\",", StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", true);

        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).isEqualTo("{\"error\":\"malformed request\",\"reason\":\"the body is not one JSON object\"}");
    }

    @Test
    void requestsReceivedAndSignaturesRejectedAreCounted() throws Exception {
        long received = metric("chat_events_received_total{platform=\"slack\"}");
        long rejected = metric("chat_signature_rejections_total{platform=\"slack\"}");

        event("Ev0COUNTED1", """
                {"type":"message","user":"U061F7AUR","text":"no links here","ts":"1700000005.000100","channel":"C0HELP001",
                 "event_ts":"1700000005.000100","channel_type":"channel"}""");
        var forged = send("{\"type\":\"event_callback\"}", "application/json", false);

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(metric("chat_events_received_total{platform=\"slack\"}")).isEqualTo(received + 1);
        assertThat(metric("chat_signature_rejections_total{platform=\"slack\"}")).isEqualTo(rejected + 1);
    }

    @Test
    void aBrokenRunLinkPastedInPassingIsToldToThePosterOnly() throws Exception {
        event("Ev0BROKEN1", """
                {"type":"message","user":"U061F7AUR","text":"CI is red <https://github.com/octo-org/octo-repo/actions/runs/3043x>",
                 "ts":"1700000006.000100","channel":"C0HELP001","event_ts":"1700000006.000100","channel_type":"channel"}""");

        var told = slack.await("chat.postEphemeral", 1).getFirst();
        assertThat(told).containsEntry("user", "U061F7AUR").containsEntry("channel", "C0HELP001");
        assertThat(told.get("text")).contains("Link refused");
        assertThat(slack.count("chat.postMessage")).isZero();
    }

    @Test
    void theSlashCommandInAChannelTheBotHasNotJoinedAnswersThroughTheResponseUrl() throws Exception {
        slack.server.stubFor(post("/api/chat.postMessage").withRequestBody(containing("channel=C0NOTJOIN"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"not_in_channel\"}")));
        slack.server.stubFor(post("/commands/1234/5678").willReturn(aResponse().withStatus(200).withBody("ok")));
        String form = SlackFakes.fixture("slash-command.request.form.txt").strip()
                .replace("command=weather", "command=%2Ftriage")
                .replace("text=94070", "text=" + URLEncoder.encode(RUN_LINK, StandardCharsets.UTF_8))
                .replace("channel_id=C2147483705", "channel_id=C0NOTJOIN")
                .replace("response_url=https://hooks.slack.com/commands/1234/5678", "response_url="
                        + URLEncoder.encode("http://localhost:" + slack.server.port() + "/commands/1234/5678",
                                StandardCharsets.UTF_8));

        var ack = send(form, "application/x-www-form-urlencoded", true);
        settle();

        assertThat(ack.statusCode()).isEqualTo(200);
        var answers = slack.server.findAll(postRequestedFor(urlPathEqualTo("/commands/1234/5678")));
        assertThat(answers).isNotEmpty();
        assertThat(answers.getFirst().getBodyAsString()).contains("\"response_type\":\"ephemeral\"",
                "not a member of this channel", "/invite");
        assertThat(answers.stream().map(r -> r.getBodyAsString())).anySatisfy(body ->
                assertThat(body).contains("rerun_failed_jobs"));
    }

    @Test
    void aPlaceholderWhoseAnswerWasLostIsFoundAndReplacedInsteadOfPostedTwice() throws Exception {
        // Slack took the post but the connection broke before its answer; reading the thread back (the reference's
        // conversations.replies answer shape) shows the bot's own message.
        slack.server.stubFor(post("/api/chat.postMessage").withRequestBody(containing("channel=C0LOST001"))
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        slack.server.stubFor(post("/api/conversations.replies").willReturn(okJson("""
                {"ok":true,"messages":[
                  {"type":"message","user":"U061F7AUR","text":"CI is red","ts":"1700000007.000100","thread_ts":"1700000007.000100"},
                  {"type":"message","subtype":"bot_message","bot_id":"B0BOT1234","text":"Looking at octo-org/octo-repo · run 30433642...",
                   "ts":"1700000008.000200","thread_ts":"1700000007.000100"}],"has_more":false}""")));

        event("Ev0LOST001", """
                {"type":"message","user":"U061F7AUR","text":"CI is red <%s>","ts":"1700000007.000100","channel":"C0LOST001",
                 "event_ts":"1700000007.000100","channel_type":"channel"}""".formatted(RUN_LINK));

        var update = slack.await("chat.update", 1).getFirst();
        settle();
        assertThat(update).containsEntry("channel", "C0LOST001").containsEntry("ts", "1700000008.000200");
        assertThat(slack.count("chat.postMessage")).isEqualTo(1);
        assertThat(slack.await("conversations.replies", 1).getFirst()).containsEntry("ts", "1700000007.000100");
    }

    /** A message in passing as the Events API delivers it, from {@code user}, with {@code text}. */
    private HttpResponse<String> pasted(String eventId, String user, String ts, String text) throws Exception {
        return event(eventId, """
                {"type":"message","user":"%s","text":"%s","ts":"%s","channel":"C0HELP002","event_ts":"%s",
                 "channel_type":"channel"}""".formatted(user, text, ts, ts));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            another host                              | https://ghe.example.org/octo-org/octo-repo/actions/runs/30433642      | 'ghe.example.org'
            the configured host on another port       | https://github.com:8443/octo-org/octo-repo/actions/runs/30433642      | 'github.com:8443'
            a look-alike of the configured host       | https://github.com.evil.com/octo-org/octo-repo/actions/runs/30433642  | 'github.com.evil.com'
            a GitLab job on the GitLab host's other port | https://gitlab.example.com:8080/group/project/-/jobs/8             | 'gitlab.example.com:8080'
            """)
    void aRunLinkToAHostNoInstanceServesPastedInPassingIsToldToThePosterAndNeverRequested(String what, String link,
            String host) throws Exception {
        String user = "U0" + Integer.toHexString(link.hashCode()).toUpperCase(Locale.ROOT);
        var ack = pasted("Ev0" + Integer.toHexString(link.hashCode()), user, "1700000010.000100", "failed again <" + link + ">");

        var told = slack.await("chat.postEphemeral", 1).getFirst();
        settle();
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(told).containsEntry("user", user).containsEntry("channel", "C0HELP002");
        assertThat(told.get("text")).contains("Unknown CI host " + host, "not one of the configured instances (github, gitlab)");
        assertThat(slack.methods).containsExactly("chat.postEphemeral");
        assertThat(ci.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aPosterIsToldAboutOneRefusedLinkOnceWhileOthersStillHearAboutIt() throws Exception {
        String link = "https://github.com.evil.com/octo-org/octo-repo/actions/runs/1111";
        pasted("Ev0ONCE0001", "U0ONCE0001", "1700000011.000100", "<" + link + ">");
        slack.await("chat.postEphemeral", 1);
        pasted("Ev0ONCE0002", "U0ONCE0001", "1700000012.000100", "again <" + link + ">");
        pasted("Ev0ONCE0003", "U0ONCE0001", "1700000013.000100", "and <" + link + "> in another channel");
        var other = pasted("Ev0ONCE0004", "U0ONCE0002", "1700000014.000100", "me too <" + link + ">");

        assertThat(slack.await("chat.postEphemeral", 1).getFirst()).containsEntry("user", "U0ONCE0002");
        settle();
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(slack.count("chat.postEphemeral")).isEqualTo(2);
    }

    @Test
    void linksThatAreNoCiLinksPassWithoutAWord() throws Exception {
        pasted("Ev0NOCI0001", "U0NOCI0001", "1700000015.000100",
                "see <https://docs.example.com/guide/getting-started> and <https://evil.example/o/r>");
        settle();

        assertThat(slack.methods).isEmpty();
    }
}
