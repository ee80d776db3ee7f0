package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.TENANT;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.ci.github.GitHubFakes;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.testing.Await;
import dev.pipelinetriage.testing.ClassServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code serve} with a teams section, end to end: real Jetty, real wiring and embedded store; WireMock plays the
 * Bot Framework login (OpenID metadata and keys, "Authentication with the Bot Connector API"), the Microsoft
 * identity platform token endpoint (same page, token example), the Bot Connector ("Send and receive messages with
 * the Bot Connector API": reply to activity, update activity), Microsoft Graph ("user: checkMemberGroups") and
 * GitHub's REST API (the documented run and job shapes, as in the CLI's end-to-end test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamsBotTest {
    static final Instant NOW = ServedTeams.NOW;
    static final String REPO = GitHubFakes.REPO;
    static final String LINK = GitHubFakes.LINK;
    static final String CONVERSATION = "19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.skype";
    static final String ONCALL = "0c1e7d6a-3b1f-4f4b-9a43-7d1e5f2a9b01";
    static final String DEVELOPER = "5a2b8c9d-1e2f-4a3b-8c4d-5e6f7a8b9c02";
    static final String ONCALL_GROUP = "a1b2c3d4-e5f6-4789-abcd-ef0123456789";
    static final String ACTIVITIES = "/v3/conversations/" + CONVERSATION + "/activities";

    /** Where the Bot Connector's retries wait, for the test to read. */
    static final List<Duration> TEAMS_WAITS = new CopyOnWriteArrayList<>();
    @RegisterExtension
    static final ClassServer<ServedTeams> TEAMS = ClassServer.of(() -> new ServedTeams(Files.createTempDirectory("teams-bot-"),
            ServedTeams.rerunByGroup(ONCALL_GROUP), TEAMS_WAITS::add), ServedTeams::reset, ServedTeams::close);

    /** One for the class (one instance serves every test): the bot keeps the signing keys it fetched first. */
    final BotFrameworkFakes fakes = new BotFrameworkFakes();
    final List<Duration> teamsWaits = TEAMS_WAITS;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final AtomicInteger ids = new AtomicInteger();
    ServedTeams teams;
    WireMockServer login;
    WireMockServer connector;
    WireMockServer github;
    ServeWiring.Served served;
    String serviceUrl;

    @BeforeEach
    void fakes() {
        teams = TEAMS.get();
        login = teams.login;
        connector = teams.connector;
        github = teams.github;
        served = teams.served;
        serviceUrl = teams.serviceUrl;
        teamsWaits.clear();
        fakes.serveMetadata(login);
        BotFrameworkFakes.serveTokens(login, TENANT);
        connector.stubFor(post(urlPathEqualTo(ACTIVITIES)).willReturn(okJson("{\"id\":\"typing-1\"}")));
        connector.stubFor(post(urlPathMatching(ACTIVITIES + "/[^/]+")).willReturn(okJson("{\"id\":\"card-1\"}")));
        connector.stubFor(put(urlPathMatching(ACTIVITIES + "/card-1")).willReturn(okJson("{\"id\":\"card-1\"}")));
        GitHubFakes.serveFailedRun(github);
        // After a rerun the run is on its second attempt (stubs added later win).
        github.stubFor(get(REPO + "/actions/runs/30433642").inScenario("rerun").whenScenarioStateIs(STARTED)
                .willReturn(okJson(fixture("github/failed-run/run.json"))));
        github.stubFor(get(REPO + "/actions/runs/30433642").inScenario("rerun").whenScenarioStateIs("rerun")
                .willReturn(okJson(fixture("github/failed-run/run-attempt-2.json"))));
    }

    private String id() {
        return "1481567603" + (1000 + ids.incrementAndGet());
    }

    private HttpResponse<String> send(JsonNode activity, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + "/api/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(activity.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token() {
        return fakes.valid(NOW, serviceUrl, c -> c);
    }

    /** A channel message the bot is not asked about and that has no link: authenticated, then nothing to do. */
    private ObjectNode quiet(String id) {
        ObjectNode activity = BotFrameworkFakes.message(id, serviceUrl, CONVERSATION, TENANT, DEVELOPER, "");
        activity.remove("entities");
        return activity.put("text", "good morning");
    }

    private ObjectNode pasted(String id) {
        return BotFrameworkFakes.message(id, serviceUrl, CONVERSATION, TENANT, DEVELOPER, "please look at " + LINK);
    }

    private List<LoggedRequest> cardsShown() {
        return BotFrameworkFakes.cardsShown(connector, ACTIVITIES);
    }

    private JsonNode card(LoggedRequest update) throws IOException {
        return json.readTree(update.getBodyAsString()).get("attachments").get(0).get("content");
    }

    /** Pastes the link and waits for the triage card; answers the card's id. */
    private String pasteAndWaitForCard() throws Exception {
        assertThat(send(pasted(id()), token()).statusCode()).isEqualTo(200);
        Await.until("the card", () -> !cardsShown().isEmpty());
        // A card posted as a new reply is saved once the connector has answered with its id.
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        JsonNode card = card(cardsShown().getLast());
        return card.findValues("data").stream().filter(d -> d.has("cardId")).findFirst().orElseThrow().get("cardId").asText();
    }

    @Test
    void aPastedLinkGetsTheAdaptiveCardAsAReplyInTheThread() throws Exception {
        String activityId = id();

        var response = send(pasted(activityId), token());

        assertThat(response.statusCode()).isEqualTo(200);
        Await.until("the card", () -> !cardsShown().isEmpty());
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        // The triage took less than the placeholder's wait, so the card is the one reply.
        LoggedRequest reply = connector.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES + "/" + activityId))).getFirst();
        assertThat(threadReplies()).hasSize(1);
        assertThat(reply.getHeader("Authorization")).isEqualTo("Bearer eyJhbGciOiJIUzI1Ni...");
        JsonNode posted = json.readTree(reply.getBodyAsString());
        assertThat(posted.get("type").asText()).isEqualTo("message");
        assertThat(posted.get("replyToId").asText()).isEqualTo(activityId);
        assertThat(posted.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = posted.at("/attachments/0/content");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        String text = card.toString();
        assertThat(text).contains("Job: test", "Verdict: ", "Expected: 42", "Monospace", "Next steps");
        assertThat(BotFrameworkFakes.verbs(card)).containsExactly("rerun", "notRight", "helpful");
        Await.until("typing", () -> !connector.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES))
                .withRequestBody(equalToJson("{\"type\":\"typing\"}"))).isEmpty());
        connector.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void aRunLinkOnAnotherHostPastedInPassingIsExplainedToItsPosterOnceNotAtEveryPaste() throws Exception {
        for (int i = 0; i < 2; i++) {
            ObjectNode activity = BotFrameworkFakes.message(id(), serviceUrl, CONVERSATION, TENANT, DEVELOPER, "");
            activity.remove("entities");
            activity.put("text", "see https://github.com.evil.example/octo-org/octo-repo/actions/runs/30433642");
            assertThat(send(activity, token()).statusCode()).isEqualTo(200);
        }

        Await.until("idle workers", () -> served.pendingTasks() == 0);
        assertThat(connector.findAll(postRequestedFor(urlPathMatching("/v3/conversations/.*")))
                .stream().filter(r -> r.getBodyAsString().contains("github.com.evil.example")).toList()).hasSize(1);
    }

    @Test
    void aSlowTriageGetsAPlaceholderReplyThenTheAdaptiveCardInItsPlace() throws Exception {
        slowGitHub();
        String activityId = id();

        assertThat(send(pasted(activityId), token()).statusCode()).isEqualTo(200);

        Await.until("the card", () -> !cardsShown().isEmpty());
        assertThat(threadReplies()).singleElement().satisfies(reply -> {
            JsonNode placeholder = json.readTree(reply.getBodyAsString());
            assertThat(placeholder.get("replyToId").asText()).isEqualTo(activityId);
            assertThat(placeholder.get("text").asText()).startsWith("Looking at octo-org/octo-repo");
        });
        JsonNode update = json.readTree(cardsShown().getFirst().getBodyAsString());
        assertThat(cardsShown().getFirst().getMethod().getName()).isEqualTo("PUT");
        assertThat(update.get("id").asText()).isEqualTo("card-1");
        assertThat(BotFrameworkFakes.verbs(update.at("/attachments/0/content"))).containsExactly("rerun", "notRight", "helpful");
    }

    /**
     * Issue 22: the connector stores a reply and still answers 500 (no id in the answer). Before, the bot posted
     * its placeholder again and put the card on the second copy, so the first stayed in the thread.
     */
    @Test
    void aConnectorThatStoresTheReplyButAnswers500IsNotAskedAgainAndTheThreadHoldsOnlyTheCard() throws Exception {
        pasteAndWaitForCard(); // a warm triage: done well within the placeholder's wait
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        connector.resetRequests();
        storesTheFirstReplyButAnswers500();
        String activityId = id();

        assertThat(send(pasted(activityId), token()).statusCode()).isEqualTo(200);

        Await.until("the card", () -> !cardsShown().isEmpty());
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        assertThat(threadReplies()).singleElement().satisfies(stored -> {
            assertThat(stored.getBodyAsString()).doesNotContain("Looking at");
            assertThat(BotFrameworkFakes.verbs(json.readTree(stored.getBodyAsString()).at("/attachments/0/content")))
                    .containsExactly("rerun", "notRight", "helpful");
        });
        connector.verify(0, putRequestedFor(anyUrl()));
    }

    /**
     * What is left when the triage is slow: the stored placeholder's id never came back, so it can be neither
     * replaced nor deleted. It is not sent again; the card follows it as a reply of its own.
     */
    @Test
    void aSlowTriageWhosePlaceholderWasStoredDespiteA500GetsItsCardAsTheNextReplyAndNoSecondPlaceholder() throws Exception {
        slowGitHub();
        storesTheFirstReplyButAnswers500();

        assertThat(send(pasted(id()), token()).statusCode()).isEqualTo(200);

        Await.until("the card", () -> !cardsShown().isEmpty());
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        assertThat(threadReplies()).hasSize(2);
        assertThat(threadReplies().getFirst().getBodyAsString()).contains("Looking at octo-org/octo-repo");
        assertThat(threadReplies().getLast().getBodyAsString()).contains("application/vnd.microsoft.card.adaptive");
        connector.verify(0, putRequestedFor(anyUrl()));
    }

    /** GitHub takes longer than the placeholder's wait to describe the run (its latest attempt is never cached). */
    private void slowGitHub() {
        github.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(fixture("github/failed-run/run.json"))
                .withFixedDelay((TeamsSurface.PLACEHOLDER_SECONDS + 1) * 1000)));
    }

    /**
     * Every reply the connector receives is stored; the first is answered 500 with an ErrorResponse (shape: the Bot
     * Connector API reference's ErrorResponse object) and so without its id, the rest 200 with one.
     */
    private void storesTheFirstReplyButAnswers500() {
        connector.stubFor(post(urlPathMatching(ACTIVITIES + "/[^/]+")).inScenario("stored").whenScenarioStateIs(STARTED)
                .willSetStateTo("up").willReturn(aResponse().withStatus(500)
                        .withBody("{\"error\":{\"code\":\"ServiceError\",\"message\":\"Unknown\"}}")));
        connector.stubFor(post(urlPathMatching(ACTIVITIES + "/[^/]+")).inScenario("stored").whenScenarioStateIs("up")
                .willReturn(okJson("{\"id\":\"card-2\"}")));
    }

    /** The messages the bot posted in the thread (the connector stores every one it receives). */
    private List<LoggedRequest> threadReplies() {
        return connector.findAll(postRequestedFor(urlPathMatching(ACTIVITIES + "/[^/]+")));
    }

    @Test
    void aRedeliveredActivityGetsOneCard() throws Exception {
        ObjectNode activity = pasted(id());

        assertThat(send(activity, token()).statusCode()).isEqualTo(200);
        assertThat(send(activity, token()).statusCode()).isEqualTo(200);

        Await.until("the card", () -> !cardsShown().isEmpty());
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        assertThat(threadReplies()).hasSize(1);
        assertThat(cardsShown()).hasSize(1);
    }

    Stream<Arguments> badTokens() {
        String other = "http://169.254.169.254/";
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("wrong issuer", fakes.valid(NOW, serviceUrl, c -> c.issuer("https://sts.windows.net/evil/"))),
                Arguments.of("wrong audience", fakes.valid(NOW, serviceUrl, c -> c.audience("00000000-0000-0000-0000-000000000000"))),
                Arguments.of("no audience", fakes.valid(NOW, serviceUrl, c -> c.audience((String) null))),
                Arguments.of("an empty audience", fakes.valid(NOW, serviceUrl, c -> c.audience(""))),
                Arguments.of("expired beyond the skew", fakes.valid(NOW, serviceUrl, c -> c.expirationTime(
                        java.util.Date.from(NOW.minus(Duration.ofMinutes(6)))))),
                Arguments.of("not valid for another 6 minutes", fakes.valid(NOW, serviceUrl, c -> c.notBeforeTime(
                        java.util.Date.from(NOW.plus(Duration.ofMinutes(6)))))),
                Arguments.of("HS256 with the public key", fakes.hs256WithPublicKey(NOW, serviceUrl)),
                Arguments.of("alg none", BotFrameworkFakes.unsigned(NOW, serviceUrl)),
                Arguments.of("serviceurl claim for the metadata address", fakes.valid(NOW, serviceUrl, c -> c.claim("serviceurl", other))),
                Arguments.of("no serviceurl claim", fakes.valid(NOW, serviceUrl, c -> c.claim("serviceurl", null))),
                Arguments.of("key not endorsed for msteams", fakes.sign(fakes.otherChannelKey,
                        BotFrameworkFakes.claims(NOW, serviceUrl).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenGets401AndNothingIsProcessedOrPosted(String why, String token) throws Exception {
        String activityId = id();

        var response = send(pasted(activityId), token);

        assertThat(response.statusCode()).as(why).isEqualTo(401);
        assertThat(served.stateStore().claimEvent("teams:" + CONVERSATION + "/" + activityId, NOW, Duration.ofHours(1)))
                .as("the activity was never claimed").isTrue();
        connector.verify(0, anyRequestedFor(anyUrl()));
        github.verify(0, anyRequestedFor(anyUrl()));
        login.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aServiceUrlOutsideTheTokenIsNeverCalledEvenWhenTheClaimMatchesIt() throws Exception {
        // Token and activity agree on a plain-http address that is not the configured test URL: still no call.
        String elsewhere = "http://127.0.0.1:" + github.port() + "/";
        ObjectNode activity = BotFrameworkFakes.message(id(), elsewhere, CONVERSATION, TENANT, DEVELOPER, "see " + LINK);

        assertThat(send(activity, fakes.valid(NOW, elsewhere, c -> c)).statusCode()).isEqualTo(200);

        Await.until("idle workers", () -> served.pendingTasks() == 0);
        assertThat(served.stateStore().claimEvent("teams:" + CONVERSATION + "/" + activity.get("id").asText(), NOW,
                Duration.ofHours(1))).as("the activity was processed").isFalse();
        github.verify(0, anyRequestedFor(urlPathMatching("/v3/.*")));
        connector.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTokenExpiredWithinTheSkewIsAccepted() throws Exception {
        String token = fakes.valid(NOW, serviceUrl, c -> c.expirationTime(java.util.Date.from(NOW.minus(Duration.ofMinutes(4)))));

        assertThat(send(quiet(id()), token).statusCode()).isEqualTo(200);
    }

    /** The refresh interval itself is pinned with a moving clock in {@link TeamsInboundAuthTest}. */
    @Test
    void anUnknownKeyRefreshesTheMetadataOnceThenGets401() throws Exception {
        assertThat(send(quiet(id()), token()).statusCode()).isEqualTo(200);
        login.resetRequests();
        String forged = fakes.sign(fakes.unpublishedKey, BotFrameworkFakes.claims(NOW, serviceUrl).build());

        assertThat(send(quiet(id()), forged).statusCode()).isEqualTo(401);
        assertThat(send(quiet(id()), forged).statusCode()).isEqualTo(401);

        login.verify(1, getRequestedFor(urlPathEqualTo(BotFrameworkFakes.KEYS_PATH)));
        connector.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void whenTheMetadataEndpointIsDownCachedKeysStillWork() throws Exception {
        assertThat(send(quiet(id()), token()).statusCode()).isEqualTo(200);
        fakes.metadataDown(login);

        assertThat(send(quiet(id()), token()).statusCode()).isEqualTo(200);
    }

    @Test
    void aTenantThatIsNotAllowedIsIgnoredAndAudited() throws Exception {
        String stranger = "11111111-2222-4333-8444-555555555555";
        ObjectNode activity = BotFrameworkFakes.message(id(), serviceUrl, CONVERSATION, stranger, DEVELOPER, "see " + LINK);

        assertThat(send(activity, token()).statusCode()).isEqualTo(200);

        assertThat(served.auditLog().latest(20)).anySatisfy(e -> {
            assertThat(e.workspace()).isEqualTo(stranger);
            assertThat(e.outcome()).isEqualTo("denied");
        });
        connector.verify(0, anyRequestedFor(anyUrl()));
        github.verify(0, anyRequestedFor(anyUrl()));
    }

    private void stubMember(String objectId, String role) {
        connector.stubFor(get(urlPathEqualTo("/v3/conversations/" + CONVERSATION + "/members/29:" + objectId))
                .willReturn(okJson("{\"id\":\"29:" + objectId + "\",\"name\":\"Jane Smith\",\"aadObjectId\":\"" + objectId
                        + "\",\"userRole\":\"" + role + "\",\"tenantId\":\"" + TENANT + "\"}")));
    }

    private void stubGroups(String objectId, String answer) {
        login.stubFor(post(urlPathEqualTo("/v1.0/users/" + objectId + "/checkMemberGroups"))
                .withRequestBody(equalToJson("{\"groupIds\":[\"" + ONCALL_GROUP + "\"]}"))
                .willReturn(okJson(answer)));
    }

    private JsonNode press(String user, String verb, Map<String, String> data) throws Exception {
        var response = send(BotFrameworkFakes.invoke(id(), serviceUrl, CONVERSATION, TENANT, user, "card-1", verb, data), token());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void anAuthorizedRerunIsConfirmedThenStartedAtTheCiAndTheCardIsUpdatedInPlace() throws Exception {
        String cardId = pasteAndWaitForCard();
        stubMember(ONCALL, "user");
        stubGroups(ONCALL, "{\"value\":[\"" + ONCALL_GROUP + "\"]}");
        github.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs").inScenario("rerun").whenScenarioStateIs(STARTED)
                .willSetStateTo("rerun").willReturn(aResponse().withStatus(201).withBody("{}")));

        JsonNode confirmation = press(ONCALL, "rerun", Map.of("cardId", cardId));

        assertThat(confirmation.get("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(confirmation.get("value").toString()).contains("Rerun failed jobs?", "audit log");
        String token = confirmation.get("value").findValues("data").stream().filter(d -> d.has("token")).findFirst()
                .orElseThrow().get("token").asText();
        github.verify(0, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));

        JsonNode restored = press(ONCALL, "rerunConfirm", Map.of("cardId", cardId, "token", token));

        assertThat(BotFrameworkFakes.verbs(restored.get("value"))).containsExactly("rerun", "notRight", "helpful");
        Await.until("the updated card", () -> cardsShown().size() == 2);
        github.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));
        JsonNode updated = card(cardsShown().getLast());
        assertThat(BotFrameworkFakes.verbs(updated)).as("no second rerun from the same card").doesNotContain("rerun");
        assertThat(updated.toString()).contains("Rerun requested by <at>Jane Smith</at>",
                "https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/2");
        assertThat(updated.at("/msteams/entities/0/mentioned/id").asText()).isEqualTo("29:" + ONCALL);
        assertThat(served.auditLog().latest(50)).extracting(AuditEntry::user, AuditEntry::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple(ONCALL, "requested"), org.assertj.core.groups.Tuple.tuple(ONCALL, "started"));
    }

    @Test
    void anUnauthorizedRerunIsDeniedAuditedAndNeverReachesTheCi() throws Exception {
        String cardId = pasteAndWaitForCard();
        stubMember(DEVELOPER, "user");
        stubGroups(DEVELOPER, "{\"value\":[]}");

        JsonNode answer = press(DEVELOPER, "rerun", Map.of("cardId", cardId));

        assertThat(answer.get("type").asText()).isEqualTo("application/vnd.microsoft.activity.message");
        assertThat(answer.get("value").asText()).contains("Only on-call engineers");
        assertThat(served.auditLog().latest(50)).anySatisfy(e -> {
            assertThat(e.user()).isEqualTo(DEVELOPER);
            assertThat(e.action()).isEqualTo("rerun");
            assertThat(e.outcome()).isEqualTo("denied");
        });
        github.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aGroupLookupFailureDenies() throws Exception {
        String cardId = pasteAndWaitForCard();
        String someone = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
        stubMember(someone, "user");
        login.stubFor(post(urlPathEqualTo("/v1.0/users/" + someone + "/checkMemberGroups"))
                .willReturn(aResponse().withStatus(503)));

        JsonNode answer = press(someone, "rerun", Map.of("cardId", cardId));

        assertThat(answer.get("value").asText()).contains("could not check", "HTTP 503", "try again");
        github.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aGuestCannotRerunEvenAsAGroupMember() throws Exception {
        String cardId = pasteAndWaitForCard();
        stubMember(ONCALL, "guest");
        stubGroups(ONCALL, "{\"value\":[\"" + ONCALL_GROUP + "\"]}");

        JsonNode answer = press(ONCALL, "rerun", Map.of("cardId", cardId));

        assertThat(answer.get("value").asText()).contains("other organizations");
        github.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aCardIdFromAnotherConversationIsUnknownHere() throws Exception {
        String cardId = pasteAndWaitForCard();
        var response = send(BotFrameworkFakes.invoke(id(), serviceUrl, "19:other@thread.skype", TENANT, ONCALL, "card-1",
                "helpful", Map.of("cardId", cardId)), token());

        assertThat(json.readTree(response.body()).get("value").asText()).contains("no longer knows this card");
    }
}
