package dev.pipelinetriage.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.testing.ClassServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signed bodies (signed as "Verifying requests from Slack" describes) that break the shape of their kind get 400
 * with the reason, and nothing is sent to Slack; the same bodies whole are handled. The whole bodies follow Slack's
 * documented shapes: the Events API envelope and {@code message}/{@code app_mention} events ("Using the Events API";
 * fields as in api-samples/slack/sdk-shapes), the slash command's form (fixtures/slack/documented), and the
 * {@code message_action} and {@code block_actions} payloads ("Handling user interaction"). Each case changes one
 * field.
 */
class SlackMalformedBodiesTest {
    private static final String SECRET = "malformed-signing-secret-0123456789";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    @RegisterExtension
    static final ClassServer<ServedSlack> BOT = ClassServer.of(() -> new ServedSlack("", Map.of("GITHUB_TOKEN",
            "ghp_malformedTestToken000000000000000000", "GITLAB_TOKEN", "glpat-malformedTestToken", "SLACK_SIGNING_SECRET",
            SECRET, "SLACK_BOT_TOKEN", "xoxb-5555-6666-malformedBotToken")), ServedSlack::reset, ServedSlack::close);

    private final HttpClient http = HttpClient.newHttpClient();

    // ---- whole bodies ----

    private static String envelope(String event) {
        return """
                {"token":"XXYYZZ","team_id":"T012AB3C4","api_app_id":"AXXXXXXXXX","event":%s,"type":"event_callback",
                 "authed_teams":[],"event_id":"Ev0MALFORM1","event_time":1525215129}""".formatted(event);
    }

    private static final String MESSAGE = envelope("""
            {"type":"message","user":"U061F7AUR","text":"nothing to see","ts":"1525215129.000001","channel":"C0G9QF9GZ",
             "event_ts":"1525215129.000001","channel_type":"channel"}""");

    private static final String MENTION = envelope("""
            {"type":"app_mention","user":"U061F7AUR","text":"<@UBOT12345> hello","ts":"1525215129.000002",
             "channel":"C0G9QF9GZ","event_ts":"1525215129.000002"}""");

    private static final String COMMAND = SlackFakes.fixture("slash-command.request.form.txt").strip()
            .replace("command=weather", "command=%2Ftriage").replace("text=94070", "text=help");

    private static final String SHORTCUT = """
            {"type":"message_action","callback_id":"triage_this","trigger_id":"13345224609.738474920.8088930838d88f008e0",
             "team":{"id":"T012AB3C4","domain":"example"},"user":{"id":"U061F7AUR","team_id":"T012AB3C4"},
             "channel":{"id":"C0G9QF9GZ","name":"ci-help"},"message_ts":"1525215129.000001",
             "action_ts":"1548426417.840180","message":{"type":"message","user":"U0OTHER","ts":"1525215129.000001",
             "text":"no links"}}""";

    private static final String CLICK = """
            {"type":"block_actions","team":{"id":"T012AB3C4","domain":"example"},
             "user":{"id":"U061F7AUR","username":"someone","team_id":"T012AB3C4"},"api_app_id":"AXXXXXXXXX",
             "token":"XXYYZZ","trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
             "container":{"type":"message","message_ts":"1503435956.000247","channel_id":"C0G9QF9GZ","is_ephemeral":false},
             "channel":{"id":"C0G9QF9GZ","name":"ci-help"},"message":{"type":"message","ts":"1503435956.000247",
             "text":"card"},"actions":[{"type":"button","action_id":"helpful","block_id":"card_actions",
             "value":"no-such-card","action_ts":"1548426417.840180"}]}""";

    private static String interaction(String payload) {
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code json} with one field changed: {@code edit} gets the parsed tree's node at {@code path}'s parent. */
    private static String edited(String json, String path, UnaryOperator<ObjectNode> edit) {
        try {
            var root = (ObjectNode) MAPPER.readTree(json);
            var node = path.isEmpty() ? root : (ObjectNode) root.at(path);
            edit.apply(node);
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String without(String json, String path, String field) {
        return edited(json, path, node -> {
            node.remove(field);
            return node;
        });
    }

    // ---- the cases ----

    record Case(String what, String contentType, byte[] body, String reason) {
        Case(String what, String contentType, String body, String reason) {
            this(what, contentType, body.getBytes(StandardCharsets.UTF_8), reason);
        }

        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Case> malformed() {
        return Stream.of(
                new Case("a slash command without channel_id", FORM, COMMAND.replace("channel_id=C2147483705&", ""),
                        "slash command without channel_id"),
                new Case("a slash command without user_id", FORM, COMMAND.replace("user_id=U2147483697&", ""),
                        "slash command without user_id"),
                new Case("a slash command without team_id", FORM, COMMAND.replace("team_id=T0001&", ""),
                        "slash command without team_id"),
                new Case("a shortcut without channel", FORM, interaction(without(SHORTCUT, "", "channel")),
                        "payload.channel.id is missing"),
                new Case("a shortcut without team", FORM, interaction(without(SHORTCUT, "", "team")),
                        "payload.team.id is missing"),
                new Case("a block action without channel", FORM, interaction(without(CLICK, "", "channel")),
                        "payload.channel.id is missing"),
                new Case("a block action without team", FORM, interaction(without(CLICK, "", "team")),
                        "payload.team.id is missing"),
                new Case("an app_mention without channel", JSON, without(MENTION, "/event", "channel"),
                        "event.channel is missing"),
                new Case("event_id as an object", JSON, edited(MESSAGE, "", n -> n.set("event_id",
                        MAPPER.createObjectNode().put("id", "Ev1"))), "event_id must be a string, not an object"),
                new Case("a message without channel", JSON, without(MESSAGE, "/event", "channel"),
                        "event.channel is missing"),
                new Case("a message without user", JSON, without(MESSAGE, "/event", "user"), "event.user is missing"),
                new Case("a message without ts", JSON, without(MESSAGE, "/event", "ts"), "event.ts is missing"),
                new Case("a message whose text is a number", JSON, edited(MESSAGE, "/event", n -> n.put("text", 42)),
                        "event.text must be a string, not a number"),
                new Case("JSON sent as text/plain", "text/plain", MESSAGE, "content type 'text/plain'"),
                new Case("a JSON body that is not UTF-8", JSON, notUtf8(MESSAGE), "the body is not valid UTF-8"),
                new Case("a form whose decoded text is not UTF-8", FORM, COMMAND.replace("text=help", "text=%C3%28"),
                        "a form field is not valid percent-encoded UTF-8"),
                new Case("truncated JSON", JSON, MESSAGE.substring(0, 40), "the body is not one JSON object"),
                new Case("an interaction payload that is not JSON", FORM, interaction("{\"type\":\"block_actions\","),
                        "payload is not one JSON object"),
                new Case("an envelope of an unknown type", JSON, edited(MESSAGE, "", n -> n.put("type", "surprise")),
                        "type 'surprise' is not a type of the Events API"));
    }

    /** The message with {@code 0xC3 0x28} (a lead byte without its continuation) in its text. */
    private static byte[] notUtf8(String json) {
        String[] parts = json.split("nothing to see", 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xC3, 0x28});
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpResponse<String> signed(String contentType, byte[] body) throws Exception {
        String ts = Long.toString(Clock.systemUTC().instant().getEpochSecond());
        String signature = new SlackSignature(SECRET, Clock.systemUTC()).sign(ts, body);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + BOT.get().served.port() + "/slack/events"))
                .header("Content-Type", contentType).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBodyAnnouncedOverTheLimitGets413BeforeAByteOfItIsSent() throws Exception {
        // A raw request: the headers announce 2 MiB and no body follows, so only an answer before reading can come back.
        try (var socket = new java.net.Socket("127.0.0.1", BOT.get().served.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + JSON
                    + "\r\nX-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: v0=00\r\nContent-Length: " + 2 * 1024 * 1024
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        assertThat(BOT.get().slack.methods).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitWithoutALengthGets413Too() throws Exception {
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        String ts = Long.toString(Clock.systemUTC().instant().getEpochSecond());

        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + BOT.get().served.port() + "/slack/events"))
                .header("Content-Type", JSON).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", new SlackSignature(SECRET, Clock.systemUTC()).sign(ts, huge))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(BOT.get().slack.methods).isEmpty();
    }

    @ParameterizedTest(name = "{0} gets 400 with its reason")
    @MethodSource("malformed")
    void aSignedBodyThatBreaksItsKindsShapeGets400WithTheReasonAndNothingIsSent(Case c) throws Exception {
        var response = signed(c.contentType(), c.body());
        BOT.get().settle();

        assertThat(response.statusCode()).isEqualTo(400);
        var answer = MAPPER.readTree(response.body());
        assertThat(answer.path("error").asText()).isEqualTo("malformed request");
        assertThat(answer.path("reason").asText()).contains(c.reason());
        assertThat(BOT.get().slack.methods).isEmpty();
    }

    static Stream<Case> whole() {
        return Stream.of(new Case("a message", JSON, MESSAGE, ""), new Case("an app_mention", JSON, MENTION, ""),
                new Case("a slash command", FORM, COMMAND, ""), new Case("a shortcut", FORM, interaction(SHORTCUT), ""),
                new Case("a block action", FORM, interaction(CLICK), ""),
                new Case("a message with a charset in its content type", JSON + "; charset=utf-8", MESSAGE.replace(
                        "Ev0MALFORM1", "Ev0MALFORM2"), ""),
                new Case("a bot's message without user", JSON, edited(without(MESSAGE, "/event", "user"), "/event",
                        n -> n.put("bot_id", "B0OTHER01")).replace("Ev0MALFORM1", "Ev0MALFORM3"), ""),
                new Case("an edit without user", JSON, envelope("""
                        {"type":"message","subtype":"message_changed","hidden":true,"channel":"C0G9QF9GZ",
                         "ts":"1358878755.000001","event_ts":"1358878755.000001","channel_type":"channel",
                         "message":{"type":"message","user":"U061F7AUR","text":"edited","ts":"1358877455.000010"}}""")
                        .replace("Ev0MALFORM1", "Ev0MALFORM4"), ""),
                new Case("Slack's SSL check", FORM, "ssl_check=1&token=XXYYZZ", ""));
    }

    @ParameterizedTest(name = "{0} is handled")
    @MethodSource("whole")
    void theSameBodiesWholeAreHandled(Case c) throws Exception {
        var response = signed(c.contentType(), c.body());

        assertThat(response.statusCode()).as(c + ": " + response.body()).isEqualTo(200);
    }

    @Test
    void theUrlVerificationChallengeIsAnswered() throws Exception {
        var response = signed(JSON, """
                {"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                 "type":"url_verification"}""".getBytes(StandardCharsets.UTF_8));
        var missing = signed(JSON, "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"type\":\"url_verification\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("challenge is missing");
    }

    private HttpResponse<String> withHeaders(byte[] body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + BOT.get().served.port() + "/slack/events"))
                .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedEventOfAKindTheBotDoesNotHandleGets200AndNothingHappens() throws Exception {
        var response = signed(JSON, envelope("""
                {"type":"reaction_added","user":"U061F7AUR","reaction":"thumbsup","item_user":"U0G9QF9C6",
                 "item":{"type":"message","channel":"C0G9QF9GZ","ts":"1360782400.498405"},"event_ts":"1360782804.083113"}""")
                .replace("Ev0MALFORM1", "Ev0UNHANDLED1").getBytes(StandardCharsets.UTF_8));
        BOT.get().settle();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BOT.get().slack.methods).isEmpty();
    }

    @Test
    void slacksSslCheckGets200AndNothingHappens() throws Exception {
        var response = signed(FORM, "ssl_check=1&token=XXYYZZ".getBytes(StandardCharsets.UTF_8));
        BOT.get().settle();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BOT.get().slack.methods).isEmpty();
    }

    @Test
    void anUnsignedUrlVerificationIsRefusedAndItsChallengeNotEchoed() throws Exception {
        var response = withHeaders("""
                {"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"unsignedChallenge0123456789","type":"url_verification"}"""
                .getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("unsignedChallenge0123456789");
    }

    static Stream<Arguments> badSignatureHeaders() {
        String now = Long.toString(Clock.systemUTC().instant().getEpochSecond());
        return Stream.of(
                Arguments.of("no timestamp", new String[] {"X-Slack-Signature", "v0=" + "0".repeat(64)}),
                Arguments.of("an empty timestamp", new String[] {"X-Slack-Request-Timestamp", "", "X-Slack-Signature", "v0=00"}),
                Arguments.of("a non-numeric timestamp", new String[] {"X-Slack-Request-Timestamp", "yesterday",
                        "X-Slack-Signature", "v0=00"}),
                Arguments.of("two timestamps", new String[] {"X-Slack-Request-Timestamp", now, "X-Slack-Request-Timestamp",
                        now, "X-Slack-Signature", "v0=00"}),
                Arguments.of("a signature without v0=", new String[] {"X-Slack-Request-Timestamp", now,
                        "X-Slack-Signature", "0".repeat(64)}),
                Arguments.of("a v1= signature", new String[] {"X-Slack-Request-Timestamp", now, "X-Slack-Signature",
                        "v1=" + "0".repeat(64)}),
                Arguments.of("a non-hex signature", new String[] {"X-Slack-Request-Timestamp", now, "X-Slack-Signature",
                        "v0=" + "zz".repeat(32)}),
                Arguments.of("a 7 KB signature", new String[] {"X-Slack-Request-Timestamp", now, "X-Slack-Signature",
                        "v0=" + "a".repeat(7_000)}));
    }

    @ParameterizedTest(name = "{0} gets 401")
    @MethodSource("badSignatureHeaders")
    void malformedSignatureHeadersGet401NeverA5xxAndNothingRuns(String what, String[] headers) throws Exception {
        var response = withHeaders(MESSAGE.getBytes(StandardCharsets.UTF_8), headers);
        BOT.get().settle();

        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(BOT.get().slack.methods).isEmpty();
    }

    @Test
    void aHeaderOverTheServersLimitGets431NeverA5xx() throws Exception {
        String now = Long.toString(Clock.systemUTC().instant().getEpochSecond());

        var response = withHeaders(MESSAGE.getBytes(StandardCharsets.UTF_8), "X-Slack-Request-Timestamp", now,
                "X-Slack-Signature", "v0=" + "a".repeat(10_000));

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(BOT.get().slack.methods).isEmpty();
    }

    @Test
    void headerNamesInAnyCaseAreAccepted() throws Exception {
        byte[] body = MESSAGE.replace("Ev0MALFORM1", "Ev0MALFORMCASE").getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Clock.systemUTC().instant().getEpochSecond());

        var response = withHeaders(body, "x-slack-request-timestamp", ts, "X-SLACK-SIGNATURE",
                new SlackSignature(SECRET, Clock.systemUTC()).sign(ts, body));

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
