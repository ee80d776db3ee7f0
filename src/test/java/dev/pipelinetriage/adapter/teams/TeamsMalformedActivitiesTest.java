package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.TENANT;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.adapter.ci.github.GitHubFakes;
import dev.pipelinetriage.testing.Await;
import dev.pipelinetriage.testing.ClassServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 22: what {@code POST /api/messages} answers for bodies no Bot Connector sends -- never a 5xx, which the
 * connector would retry. Unauthenticated ones get 401 before they are read; signed ones that are not one activity
 * object, or lack what the Activity schema requires, get 400; complete activities the bot has no use for get 200
 * and are ignored. Bodies are the documented shapes, mutated: the Teams docs' message activity with a mention, the
 * Universal Actions {@code adaptiveCard/action} invoke snippet and the "channel created" conversationUpdate. One
 * server for the class; Bot Framework login, connector and GitHub are WireMock fakes ({@link ServedTeams}).
 */
@Isolated("reads what the Teams endpoint logs, which Teams suites running beside it would log too")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamsMalformedActivitiesTest {
    static final Instant NOW = ServedTeams.NOW;
    static final String CONVERSATION = "19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.skype";
    static final String ACTIVITIES = "/v3/conversations/" + CONVERSATION + "/activities";
    static final String DEVELOPER = "5a2b8c9d-1e2f-4a3b-8c4d-5e6f7a8b9c02";

    @RegisterExtension
    static final ClassServer<ServedTeams> TEAMS = ClassServer.of(() -> new ServedTeams(
            Files.createTempDirectory("teams-malformed-"), "", d -> { }), ServedTeams::reset, ServedTeams::close);

    final BotFrameworkFakes fakes = new BotFrameworkFakes();
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final AtomicInteger ids = new AtomicInteger();
    /** What the endpoint logs, from the start of each test. */
    final ListAppender<ILoggingEvent> endpointLog = new ListAppender<>();
    ServedTeams teams;

    @BeforeAll
    void listen() {
        endpointLog.start();
        ((Logger) LoggerFactory.getLogger(TeamsEndpoint.class)).addAppender(endpointLog);
    }

    @AfterAll
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(TeamsEndpoint.class)).detachAppender(endpointLog);
    }

    @BeforeEach
    void fakes() {
        teams = TEAMS.get();
        endpointLog.list.clear();
        fakes.serveMetadata(teams.login);
        BotFrameworkFakes.serveTokens(teams.login, TENANT);
        teams.connector.stubFor(post(urlPathMatching(ACTIVITIES + "(/[^/]+)?")).willReturn(okJson("{\"id\":\"card-1\"}")));
        teams.connector.stubFor(put(urlPathMatching(ACTIVITIES + "/[^/]+")).willReturn(okJson("{\"id\":\"card-1\"}")));
        GitHubFakes.serveFailedRun(teams.github);
    }

    private String id() {
        return "1481567605" + (1000 + ids.incrementAndGet());
    }

    private HttpResponse<String> send(byte[] body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + teams.served.port() + "/api/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int signed(byte[] body) throws IOException, InterruptedException {
        return send(body, "Bearer " + fakes.valid(NOW, teams.serviceUrl, c -> c)).statusCode();
    }

    private int signed(String body) throws IOException, InterruptedException {
        return signed(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The documented message activity, addressed to the bot in an allowed tenant, pasting a run link. */
    private ObjectNode message() {
        return BotFrameworkFakes.message(id(), teams.serviceUrl, CONVERSATION, TENANT, DEVELOPER, "please look at " + GitHubFakes.LINK);
    }

    /** The documented invoke of a card's button ("Helpful" on a card the bot does not know). */
    private ObjectNode invoke() {
        return BotFrameworkFakes.invoke(id(), teams.serviceUrl, CONVERSATION, TENANT, DEVELOPER, "card-1", "helpful",
                Map.of("cardId", "0b5e1c7e-0000-4000-8000-000000000000"));
    }

    /** The documented "channel created" conversationUpdate, delivered to this bot in an allowed tenant. */
    private ObjectNode conversationUpdate() {
        try {
            ObjectNode activity = (ObjectNode) json.readTree(fixture("teams/documented/conversationUpdate-channelCreated.json"));
            activity.put("serviceUrl", teams.serviceUrl).put("id", "f:" + id());
            ((ObjectNode) activity.get("channelData").get("tenant")).put("id", TENANT);
            return activity;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void nothingHappened() throws InterruptedException {
        Await.until("idle workers", () -> teams.served.pendingTasks() == 0);
        teams.connector.verify(0, anyRequestedFor(anyUrl()));
        teams.github.verify(0, anyRequestedFor(anyUrl()));
    }

    // ---- unauthenticated: 401 before the body is read -------------------------------------------------------------

    Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("the JSON null (issue 22: was 500 without a token)", "null"),
                Arguments.of("an array", "[]"),
                Arguments.of("a string", "\"message\""),
                Arguments.of("a number", "42"),
                Arguments.of("true", "true"),
                Arguments.of("nothing", ""),
                Arguments.of("truncated JSON", "{\"type\":\"message\",\"from\":{"),
                Arguments.of("not JSON", "type=message&text=hello"),
                Arguments.of("an object followed by more", "{\"type\":\"message\"} {\"type\":\"invoke\"}"),
                Arguments.of("a field twice", "{\"type\":\"message\",\"type\":\"invoke\"}"),
                Arguments.of("nesting 5000 deep", "[".repeat(5000) + "]".repeat(5000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void anUnreadableBodyWithoutATokenGets401(String what, String body) throws Exception {
        assertThat(send(body.getBytes(StandardCharsets.UTF_8), null).statusCode()).as(what).isEqualTo(401);
        assertThat(send(body.getBytes(StandardCharsets.UTF_8), "Bearer not-a-jwt").statusCode()).as(what).isEqualTo(401);
        nothingHappened();
    }

    @Test
    void aCompleteActivityWithoutATokenGets401() throws Exception {
        assertThat(send(message().toString().getBytes(StandardCharsets.UTF_8), null).statusCode()).isEqualTo(401);
        nothingHappened();
    }

    // ---- too large: 413 before the token or the body is read -----------------------------------------------------

    @Test
    void aBodyAnnouncedOverTheLimitGets413BeforeAByteOfItIsSent() throws Exception {
        // A raw request: the headers announce 1 MiB and no body follows, so only an answer before reading can come back.
        try (var socket = new java.net.Socket("127.0.0.1", teams.served.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + "application/json\r\nAuthorization: Bearer " + fakes.valid(NOW, teams.serviceUrl, c -> c)
                    + "\r\nContent-Length: " + 1024 * 1024 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        nothingHappened();
    }

    @Test
    void aSignedChunkedActivityOverTheLimitGets413() throws Exception {
        ObjectNode huge = message().put("text", "please look at " + GitHubFakes.LINK + " " + "x".repeat(512 * 1024));
        byte[] body = huge.toString().getBytes(StandardCharsets.UTF_8);

        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + teams.served.port() + "/api/messages"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + fakes.valid(NOW, teams.serviceUrl, c -> c))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        nothingHappened();
    }

    // ---- signed but not one activity object: 400 -----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void aSignedBodyThatIsNotOneActivityObjectGets400(String what, String body) throws Exception {
        assertThat(signed(body)).as(what).isEqualTo(400);
        nothingHappened();
    }

    @Test
    void aSignedBodyThatIsNotUtf8Gets400() throws Exception {
        byte[] body = message().toString().getBytes(StandardCharsets.UTF_8);
        int text = new String(body, StandardCharsets.UTF_8).indexOf("please");
        body[text] = (byte) 0xC3; // a lead byte whose next byte is no continuation
        body[text + 1] = '(';

        assertThat(signed(body)).isEqualTo(400);
        nothingHappened();
    }

    Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("from is a string", message(), edit(a -> a.put("from", "29:someone"))),
                Arguments.of("conversation is a number", message(), edit(a -> a.put("conversation", 19))),
                Arguments.of("recipient is an array", message(), edit(a -> a.putArray("recipient").add("28:bot"))),
                Arguments.of("entities is an object", message(), edit(a -> a.putObject("entities").put("type", "mention"))),
                Arguments.of("attachments is a string", message(), edit(a -> a.put("attachments", "image.png"))),
                Arguments.of("timestamp is not a date", message(), edit(a -> a.put("timestamp", "yesterday"))),
                Arguments.of("text is an object", message(), edit(a -> a.putObject("text").put("content", "hi"))));
    }

    // ---- signed but breaking the schema, or incomplete: 400 ------------------------------------------------------------------------------

    Stream<Arguments> incompleteActivities() {
        return Stream.of(
                Arguments.of("no type", message(), edit(a -> a.remove("type"))),
                Arguments.of("a blank type", message(), edit(a -> a.put("type", " "))),
                Arguments.of("no from", message(), edit(a -> a.remove("from"))),
                Arguments.of("from without id (issue 22: was 500)", message(), edit(a -> ((ObjectNode) a.get("from")).remove("id"))),
                Arguments.of("from with an empty id", message(), edit(a -> ((ObjectNode) a.get("from")).put("id", ""))),
                Arguments.of("from: null", message(), edit(a -> a.putNull("from"))),
                Arguments.of("no recipient", message(), edit(a -> a.remove("recipient"))),
                Arguments.of("recipient without id", message(), edit(a -> ((ObjectNode) a.get("recipient")).remove("id"))),
                Arguments.of("no conversation", message(), edit(a -> a.remove("conversation"))),
                Arguments.of("conversation without id (issue 22: was 500)", message(),
                        edit(a -> ((ObjectNode) a.get("conversation")).remove("id"))),
                Arguments.of("a message without id", message(), edit(a -> a.remove("id"))),
                Arguments.of("a message edit without id", message(), edit(a -> a.put("type", "messageUpdate").remove("id"))),
                Arguments.of("a card action without id", invoke(), edit(a -> a.remove("id"))),
                Arguments.of("a card action without value", invoke(), edit(a -> a.remove("value"))),
                Arguments.of("a card action whose value is a string", invoke(), edit(a -> a.put("value", "rerun"))),
                Arguments.of("a card action without value.action", invoke(), edit(a -> ((ObjectNode) a.get("value")).remove("action"))),
                Arguments.of("a conversationUpdate without conversation.id", conversationUpdate(),
                        edit(a -> ((ObjectNode) a.get("conversation")).remove("id"))));
    }

    /** A field of the wrong type (A2003) or one the schema requires missing (A2010, A2060, A2070, A2080). */
    @ParameterizedTest(name = "{0}")
    @MethodSource({"wrongTypes", "incompleteActivities"})
    void aSignedActivityThatBreaksTheSchemaOrLacksWhatItsKindNeedsGets400(String what, ObjectNode activity,
            Consumer<ObjectNode> change) throws Exception {
        change.accept(activity);

        assertThat(signed(activity.toString())).as(what).isEqualTo(400);
        nothingHappened();
    }

    // ---- signed, complete, bound to another connector or channel: 401 ------------------------------------------

    Stream<Arguments> unbound() {
        return Stream.of(
                Arguments.of("no serviceUrl", edit(a -> a.remove("serviceUrl"))),
                Arguments.of("serviceUrl: null", edit(a -> a.putNull("serviceUrl"))),
                Arguments.of("another serviceUrl", edit(a -> a.put("serviceUrl", "https://smba.trafficmanager.net/emea/"))),
                Arguments.of("no channelId", edit(a -> a.remove("channelId"))),
                Arguments.of("channelId webchat", edit(a -> a.put("channelId", "webchat"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unbound")
    void aSignedActivityTheTokenWasNotIssuedForGets401(String what, Consumer<ObjectNode> change) throws Exception {
        ObjectNode activity = message();
        change.accept(activity);

        assertThat(signed(activity.toString())).as(what).isEqualTo(401);
        nothingHappened();
    }

    // ---- signed, complete, of no use to the bot: 200, ignored ---------------------------------------------------

    Stream<Arguments> unusedKinds() {
        return Stream.of(
                Arguments.of("an unknown type", message(), edit(a -> a.put("type", "hologram"))),
                Arguments.of("a typing activity", message(), edit(a -> a.put("type", "typing").remove("text"))),
                Arguments.of("a messageReaction", message(), edit(a -> a.put("type", "messageReaction")
                        .putArray("reactionsAdded").addObject().put("type", "like"))),
                Arguments.of("an event", message(), edit(a -> a.put("type", "event").put("name", "application/vnd.microsoft.meetingStart"))),
                Arguments.of("an installationUpdate", message(), edit(a -> a.put("type", "installationUpdate").put("action", "add"))),
                Arguments.of("the documented conversationUpdate", conversationUpdate(), edit(a -> { })),
                Arguments.of("a conversationUpdate without id", conversationUpdate(), edit(a -> a.remove("id"))),
                Arguments.of("an invoke of another name", invoke(), edit(a -> a.put("name", "task/fetch"))),
                Arguments.of("an invoke without name", invoke(), edit(a -> a.remove("name"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusedKinds")
    void aSignedActivityOfAKindTheBotHasNoUseForGets200AndIsLoggedAsIgnored(String what, ObjectNode activity,
            Consumer<ObjectNode> change) throws Exception {
        change.accept(activity);

        assertThat(signed(activity.toString())).as(what).isEqualTo(200);
        assertThat(endpointLog.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("Teams activity ignored"));
        nothingHappened();
    }

    @Test
    void anIgnoredTypeIsLoggedOnOneLineWhateverItHolds() throws Exception {
        ObjectNode activity = message().put("type", "holo\ngram\r\u001b[31m");

        assertThat(signed(activity.toString())).isEqualTo(200);

        assertThat(endpointLog.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("Teams activity ignored, the bot has no use for an activity of type 'holo?gram??[31m'");
    }

    Stream<Arguments> nothingToDo() {
        return Stream.of(
                Arguments.of("a channel message without text", message(), edit(a -> a.remove(List.of("text", "entities")))),
                Arguments.of("a channel message whose text is null", message(), edit(a -> a.putNull("text").remove("entities"))),
                Arguments.of("a message from the bot itself", message(), edit(a -> a.set("from", a.get("recipient")))),
                Arguments.of("a tenant id that is a number (a tenant not allowed)", message(), edit(a -> {
                    ((ObjectNode) a.get("channelData").get("tenant")).put("id", 7);
                    ((ObjectNode) a.get("conversation")).remove("tenantId");
                })),
                Arguments.of("a card action with an unknown verb", invoke(), edit(a -> ((ObjectNode) a.at("/value/action"))
                        .put("verb", "launchMissiles"))),
                Arguments.of("a card action without data", invoke(), edit(a -> ((ObjectNode) a.at("/value/action")).remove("data"))),
                Arguments.of("a card action without replyToId", invoke(), edit(a -> a.remove("replyToId"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nothingToDo")
    void aSignedCompleteActivityWithNothingToDoGets200AndNothingHappens(String what, ObjectNode activity,
            Consumer<ObjectNode> change) throws Exception {
        change.accept(activity);

        assertThat(signed(activity.toString())).as(what).isEqualTo(200);
        nothingHappened();
    }

    Stream<Arguments> oddButUsable() {
        return Stream.of(
                Arguments.of("entities holding null", edit(a -> a.putArray("entities").addNull())),
                Arguments.of("a mention without mentioned", edit(a -> a.putArray("entities").addObject().put("type", "mention"))),
                Arguments.of("a mention whose mentioned is a string", edit(a -> a.putArray("entities").addObject()
                        .put("type", "mention").put("mentioned", "28:bot"))),
                Arguments.of("attachments holding null", edit(a -> a.putArray("attachments").addNull())),
                Arguments.of("channelData that is a string (the tenant comes from the conversation)",
                        edit(a -> a.put("channelData", "msteams"))),
                Arguments.of("from with an unknown role", edit(a -> ((ObjectNode) a.get("from")).put("role", "overlord"))),
                Arguments.of("fields the schema does not know", edit(a -> a.put("hologram", true).putObject("x").put("y", 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddButUsable")
    void aSignedCompleteMessageWithOddButHarmlessPartsGets200AndItsLinkIsTriaged(String what, Consumer<ObjectNode> change)
            throws Exception {
        ObjectNode activity = message();
        change.accept(activity);

        assertThat(signed(activity.toString())).as(what).isEqualTo(200);
        Await.until("the card", () -> !BotFrameworkFakes.cardsShown(teams.connector, ACTIVITIES).isEmpty());
    }

    private static Consumer<ObjectNode> edit(Consumer<ObjectNode> change) {
        return change;
    }

    // ---- fuzz: many mutations of the documented shapes, signed and not -------------------------------------------

    @Test
    void noMutationOfADocumentedActivitySignedOrNotGetsA5xx() throws Exception {
        ActivityFuzzer fuzzer = new ActivityFuzzer(22L);
        String token = "Bearer " + fakes.valid(NOW, teams.serviceUrl, c -> c);
        Map<Integer, Integer> answers = new java.util.TreeMap<>();
        for (int i = 0; i < 600; i++) {
            ObjectNode base = switch (i % 6) {
                case 0 -> message();
                case 3 -> message().put("text", "<at>Pipeline Triage</at> hello");
                case 1, 4 -> invoke();
                default -> conversationUpdate();
            };
            byte[] body = fuzzer.mutate(base);
            String authorization = i % 4 == 3 ? null : token;

            int status = send(body, authorization).statusCode();
            answers.merge(status, 1, Integer::sum);

            assertThat(status).as("%s answer to %s", authorization == null ? "unsigned" : "signed",
                    new String(body, StandardCharsets.UTF_8)).isIn(200, 400, 401);
            if (authorization == null) {
                assertThat(status).as("unsigned: %s", new String(body, StandardCharsets.UTF_8)).isEqualTo(401);
            }
        }
        Await.until("idle workers", () -> teams.served.pendingTasks() == 0);
        assertThat(answers).as("every answer a body can earn was reached").containsOnlyKeys(200, 400, 401)
                .allSatisfy((status, count) -> assertThat(count).as("answered %s", status).isGreaterThan(20));
        assertThat(signed(message().toString())).as("still serving").isEqualTo(200);
    }
}
