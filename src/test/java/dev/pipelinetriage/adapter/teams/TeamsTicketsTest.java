package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.TENANT;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recurrence and tickets in Teams, end to end: {@code serve} with a teams and a Jira Cloud tickets section, one
 * fresh store per test (a filed ticket changes every later card). WireMock plays the Bot Framework and Graph as in
 * {@link TeamsBotTest}, GitHub (the documented failed run) and Jira Cloud ("Create issue", documented 201 example).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamsTicketsTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final String REPO = "/api/v3/repos/octo-org/octo-repo";
    static final String LINK = "https://github.com/octo-org/octo-repo/actions/runs/30433642";
    static final String CONVERSATION = "19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.skype";
    static final String ONCALL = "0c1e7d6a-3b1f-4f4b-9a43-7d1e5f2a9b01";
    static final String DEVELOPER = "5a2b8c9d-1e2f-4a3b-8c4d-5e6f7a8b9c02";
    static final String ONCALL_GROUP = "a1b2c3d4-e5f6-4789-abcd-ef0123456789";
    static final String ACTIVITIES = "/v3/conversations/" + CONVERSATION + "/activities";
    static final String CREATE_ISSUE = "/rest/api/3/issue";

    @RegisterExtension
    static final ClassServer<ServedTeams> TEAMS = ClassServer.of(() -> new ServedTeams(
            Files.createTempDirectory("teams-tickets-"), ServedTeams.rerunByGroup(ONCALL_GROUP), tracker -> """
            tickets:
              tracker: jira-cloud
              baseUrl: %s
              project: ED
              issueType: Bug
              user: bot@example.com
              token: {env: JIRA_TOKEN}
            """.formatted(tracker), Map.of("JIRA_TOKEN", "jira-api-token-not-real"), d -> { }),
            ServedTeams::reset, ServedTeams::close);

    /** One for the class (one instance serves every test): the bot keeps the signing keys it fetched first. */
    final BotFrameworkFakes fakes = new BotFrameworkFakes();
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final AtomicInteger ids = new AtomicInteger();
    WireMockServer login;
    WireMockServer connector;
    WireMockServer github;
    WireMockServer jira;
    ServeWiring.Served served;
    String serviceUrl;

    @BeforeEach
    void stub() {
        login = TEAMS.get().login;
        connector = TEAMS.get().connector;
        github = TEAMS.get().github;
        jira = TEAMS.get().tracker;
        served = TEAMS.get().served;
        serviceUrl = TEAMS.get().serviceUrl;
        fakes.serveMetadata(login);
        BotFrameworkFakes.serveTokens(login, TENANT);
        connector.stubFor(post(urlPathEqualTo(ACTIVITIES)).willReturn(okJson("{\"id\":\"typing-1\"}")));
        connector.stubFor(post(urlPathMatching(ACTIVITIES + "/[^/]+")).willReturn(okJson("{\"id\":\"card-1\"}")));
        connector.stubFor(put(urlPathEqualTo(ACTIVITIES + "/card-1")).willReturn(okJson("{\"id\":\"card-1\"}")));
        GitHubFakes.serveFailedRun(github);
        jira.stubFor(post(CREATE_ISSUE).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(fixture("jira-cloud/documented/create-issue.201.json"))));
    }

    private String id() {
        return "1481567603" + (1000 + ids.incrementAndGet());
    }

    private HttpResponse<String> send(JsonNode activity) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + "/api/messages"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + fakes.valid(NOW, serviceUrl, c -> c))
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<LoggedRequest> cardsShown() {
        return BotFrameworkFakes.cardsShown(connector, ACTIVITIES);
    }

    private JsonNode card(LoggedRequest update) throws IOException {
        return json.readTree(update.getBodyAsString()).at("/attachments/0/content");
    }

    /** Pastes the link and waits for the triage card; answers the card. */
    private JsonNode pasteAndWaitForCard() throws Exception {
        send(BotFrameworkFakes.message(id(), serviceUrl, CONVERSATION, TENANT, DEVELOPER, "please look at " + LINK));
        Await.until("the card", () -> !cardsShown().isEmpty());
        // A card posted as a new reply is saved once the connector has answered with its id.
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        return card(cardsShown().getLast());
    }

    private static String cardId(JsonNode card) {
        return card.findValues("data").stream().filter(d -> d.has("cardId")).findFirst().orElseThrow().get("cardId").asText();
    }

    /** The user's Teams account (a member of this tenant) and their answer to Graph's checkMemberGroups. */
    private void stubPerson(String objectId, List<String> groups) {
        connector.stubFor(get(urlPathEqualTo("/v3/conversations/" + CONVERSATION + "/members/29:" + objectId))
                .willReturn(okJson("{\"id\":\"29:" + objectId + "\",\"name\":\"Jane Smith\",\"aadObjectId\":\"" + objectId
                        + "\",\"userRole\":\"user\",\"tenantId\":\"" + TENANT + "\"}")));
        String value = groups.stream().map(g -> "\"" + g + "\"").reduce((a, b) -> a + "," + b).orElse("");
        login.stubFor(post(urlPathEqualTo("/v1.0/users/" + objectId + "/checkMemberGroups"))
                .withRequestBody(equalToJson("{\"groupIds\":[\"" + ONCALL_GROUP + "\"]}"))
                .willReturn(okJson("{\"value\":[" + value + "]}")));
    }

    private JsonNode press(String user, String verb, Map<String, String> data) throws Exception {
        var response = send(BotFrameworkFakes.invoke(id(), serviceUrl, CONVERSATION, TENANT, user, "card-1", verb, data));
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void theCardSaysHowOftenTheFailureWasSeenAndOffersFileTicket() throws Exception {
        JsonNode card = pasteAndWaitForCard();

        assertThat(card.toString()).contains("Seen once in 7 days");
        assertThat(BotFrameworkFakes.verbs(card)).containsExactly("rerun", "fileTicket", "notRight", "helpful");
    }

    @Test
    void anAuthorizedFileTicketIsConfirmedThenFiledOnceAndTheCardShowsTheTicket() throws Exception {
        String cardId = cardId(pasteAndWaitForCard());
        stubPerson(ONCALL, List.of(ONCALL_GROUP));

        JsonNode confirmation = press(ONCALL, "fileTicket", Map.of("cardId", cardId));

        assertThat(confirmation.get("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(confirmation.get("value").toString()).contains("File a ticket?", "audit log");
        String token = confirmation.get("value").findValues("data").stream().filter(d -> d.has("token")).findFirst()
                .orElseThrow().get("token").asText();
        jira.verify(0, postRequestedFor(anyUrl()));

        press(ONCALL, "fileTicketConfirm", Map.of("cardId", cardId, "token", token));

        Await.until("the card with the ticket", () -> cardsShown().size() == 2);
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        jira.verify(1, postRequestedFor(urlPathEqualTo(CREATE_ISSUE))
                .withRequestBody(matchingJsonPath("$.fields.project.key", equalTo("ED")))
                .withRequestBody(matchingJsonPath("$.fields.description.type", equalTo("doc"))));
        jira.verify(1, postRequestedFor(anyUrl()));
        JsonNode updated = card(cardsShown().getLast());
        assertThat(updated.toString()).contains("Seen once in 7 days -- ticket ED-24");
        assertThat(updated.findValues("url").stream().map(JsonNode::asText)).contains(jira.baseUrl() + "/browse/ED-24");
        assertThat(BotFrameworkFakes.verbs(updated)).containsExactly("rerun", "notRight", "helpful");
        assertThat(served.auditLog().latest(50)).extracting(AuditEntry::user, AuditEntry::action, AuditEntry::outcome)
                .contains(tuple(ONCALL, "ticket", "requested"), tuple(ONCALL, "ticket", "filed"));
    }

    @Test
    void anUnauthorizedFileTicketIsDeniedAuditedAndNeverReachesTheTracker() throws Exception {
        String cardId = cardId(pasteAndWaitForCard());
        stubPerson(DEVELOPER, List.of());

        JsonNode answer = press(DEVELOPER, "fileTicket", Map.of("cardId", cardId));

        assertThat(answer.get("type").asText()).isEqualTo("application/vnd.microsoft.activity.message");
        assertThat(answer.get("value").asText()).contains("Only on-call engineers may file tickets for");
        assertThat(served.auditLog().latest(50)).anySatisfy(e -> {
            assertThat(e.user()).isEqualTo(DEVELOPER);
            assertThat(e.action()).isEqualTo("ticket");
            assertThat(e.outcome()).isEqualTo("denied");
        });
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        jira.verify(0, postRequestedFor(anyUrl()));
        assertThat(cardsShown()).hasSize(1);
    }

    @Test
    void aConfirmationTokenFromSomeoneElseFilesNothing() throws Exception {
        String cardId = cardId(pasteAndWaitForCard());
        stubPerson(ONCALL, List.of(ONCALL_GROUP));
        stubPerson(DEVELOPER, List.of());
        String token = press(ONCALL, "fileTicket", Map.of("cardId", cardId)).get("value").findValues("data").stream()
                .filter(d -> d.has("token")).findFirst().orElseThrow().get("token").asText();

        press(DEVELOPER, "fileTicketConfirm", Map.of("cardId", cardId, "token", token));

        Await.until("idle workers", () -> served.pendingTasks() == 0);
        jira.verify(0, postRequestedFor(anyUrl()));
        assertThat(served.auditLog().latest(50)).extracting(AuditEntry::user, AuditEntry::outcome)
                .contains(tuple(DEVELOPER, "denied"));
    }

    @Test
    void topInAChannelMentionAnswersWithThisWeeksRecurringFailures() throws Exception {
        pasteAndWaitForCard();
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        String activityId = id();

        send(BotFrameworkFakes.message(activityId, serviceUrl, CONVERSATION, TENANT, DEVELOPER, "top"));

        Await.until("the answer", () -> !connector.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES + "/" + activityId))).isEmpty());
        JsonNode reply = json.readTree(connector.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES + "/" + activityId)))
                .getFirst().getBodyAsString());
        assertThat(reply.get("textFormat").asText()).isEqualTo("xml");
        assertThat(reply.get("text").asText()).contains("Top recurring failures in the last 7 days:<br>1. ",
                "once in 1 repository");
        github.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void topInAPersonalChatNeedsNoMention() throws Exception {
        String activityId = id();
        ObjectNode personal = BotFrameworkFakes.message(activityId, serviceUrl, CONVERSATION, TENANT, DEVELOPER, "");
        personal.put("text", "top").remove("entities");
        ((ObjectNode) personal.get("conversation")).put("conversationType", "personal").put("isGroup", false);

        send(personal);

        Await.until("the answer", () -> !connector.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES + "/" + activityId))).isEmpty());
        assertThat(connector.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES + "/" + activityId))).getFirst()
                .getBodyAsString()).contains("No recurring failures this week");
    }

    @Test
    void aOneWordMessageThatIsNoCommandStillGetsTheNoLinkHint() throws Exception {
        String activityId = id();

        send(BotFrameworkFakes.message(activityId, serviceUrl, CONVERSATION, TENANT, DEVELOPER, "hello"));

        Await.until("the answer", () -> !connector.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES + "/" + activityId))).isEmpty());
        assertThat(connector.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES + "/" + activityId))).getFirst()
                .getBodyAsString()).contains("No link to a configured CI instance found");
    }
}
