package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.APP_ID;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.TENANT;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.boot.config.WebhooksConfigLoader;
import dev.pipelinetriage.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI webhook cards routed to a Teams conversation, through the same surface the Teams bot answers with; the
 * fakes are TeamsBotTest's (Bot Framework login, token endpoint, Bot Connector) and GitHub's documented shapes.
 */
class TeamsWebhookCardsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String CONVERSATION = "19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.skype";
    private static final String ACTIVITIES = "/v3/conversations/" + CONVERSATION + "/activities";
    private static final String HOOK_SECRET = "teams-route-hook-secret";
    private static final String REPO = "/api/v3/repos/octo-org/octo-repo";

    @TempDir
    Path dir;
    private final BotFrameworkFakes fakes = new BotFrameworkFakes();
    private final WireMockServer login = new WireMockServer(options().dynamicPort());
    private final WireMockServer connector = new WireMockServer(options().dynamicPort());
    private final WireMockServer github = new WireMockServer(options().dynamicPort());
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private ServeWiring.Served served;

    @AfterEach
    void stop() {
        if (served != null) {
            served.close();
        }
        login.stop();
        connector.stop();
        github.stop();
    }

    private void start() {
        start(false);
    }

    /** @param proactive whether the teams section names a proactive Bot Connector (here: the fake connector) */
    private void start(boolean proactive) {
        login.start();
        connector.start();
        github.start();
        fakes.serveMetadata(login);
        BotFrameworkFakes.serveTokens(login, TENANT);
        connector.stubFor(post(urlPathEqualTo(ACTIVITIES)).willReturn(okJson("{\"id\":\"card-1\"}")));
        github.stubFor(get(urlPathMatching(REPO + "/actions/runs/30433642/attempts/\\d+"))
                .willReturn(okJson(fixture("github/failed-run/run.json"))));
        github.stubFor(get(urlPathMatching(REPO + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(fixture("github/failed-run/jobs.json"))));
        github.stubFor(get(urlPathMatching(REPO + "/actions/jobs/\\d+/logs")).willReturn(aResponse()
                .withBody(fixture("github/failed-run/job-log.txt"))));
        String yaml = BotFrameworkFakes.serveConfig(github.baseUrl(), dir.resolve("data"), login.baseUrl(), connector.baseUrl(),
                proactive ? "  proactiveServiceUrl: " + connector.baseUrl() + "/\n" : "", """
                webhooks:
                  sources:
                    - instance: github
                      secret: {env: GITHUB_WEBHOOK_SECRET}
                  defaultChannel: teams:%s:%s
                """.formatted(TENANT, CONVERSATION));
        var config = ConfigLoader.parseForServe(yaml);
        served = ServeWiring.start(config, OpsSection.defaults(), WebhooksConfigLoader.parse(yaml, config.ci()),
                Map.of("GITHUB_TOKEN", "ghp_teamsWebhookToken", "TEAMS_APP_PASSWORD", "teams-app-password-value",
                        "GITHUB_WEBHOOK_SECRET", HOOK_SECRET),
                new ServeWiring.Setup(Clock.fixed(NOW, ZoneOffset.UTC), d -> { }, d -> { }, d -> { }, "127.0.0.1", 0, 2, 100));
    }

    private int deliverFailedRun(int attempt) throws Exception {
        ObjectNode payload = (ObjectNode) json.readTree(Files.readString(
                Path.of("src/test/resources/fixtures/webhooks/github-workflow_run.completed.json")));
        ((ObjectNode) payload.get("workflow_run")).put("conclusion", "failure").put("id", 30433642)
                .put("run_attempt", attempt);
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + "/webhooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", "delivery-" + attempt)
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Sends {@code activity} to the bot as the Bot Connector would, with a token for the fake connector. */
    private int sendSigned(JsonNode activity) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + "/api/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + fakes.valid(NOW, connector.baseUrl() + "/", c -> c))
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString())).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private List<LoggedRequest> posted() {
        return connector.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES)));
    }

    @Test
    void aWebhookCardReachesATeamsConversationOnceTheBotKnowsWhereItsConnectorIs() throws Exception {
        start();

        // No verified activity from the conversation yet: nothing tells the bot where to post.
        assertThat(deliverFailedRun(1)).isEqualTo(202);
        Await.until("idle workers", () -> served.pendingTasks() == 0);
        assertThat(posted()).isEmpty();

        ObjectNode hello = BotFrameworkFakes.message("1481567603001", connector.baseUrl() + "/", CONVERSATION, TENANT,
                "5a2b8c9d-1e2f-4a3b-8c4d-5e6f7a8b9c02", "");
        hello.remove("entities");
        hello.put("text", "good morning");
        assertThat(sendSigned(hello)).isEqualTo(200);

        assertThat(deliverFailedRun(2)).isEqualTo(202);
        Await.until("the card", () -> !posted().isEmpty());
        JsonNode activity = json.readTree(posted().getFirst().getBodyAsString());
        assertThat(activity.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(activity.at("/attachments/0/content").toString()).contains("octo-org/octo-repo").contains("Expected: 42");
    }

    @Test
    void theConversationUpdateOfTheBotJoiningAChannelIsEnoughForItsCardsToReachIt() throws Exception {
        start();
        // Shape: the Teams docs' "channel created" conversationUpdate, in the conversation the cards are routed to.
        ObjectNode joined = (ObjectNode) json.readTree(fixture("teams/documented/conversationUpdate-channelCreated.json"));
        joined.put("serviceUrl", connector.baseUrl() + "/");
        ((ObjectNode) joined.get("conversation")).put("id", CONVERSATION);
        ((ObjectNode) joined.at("/channelData/tenant")).put("id", TENANT);
        assertThat(sendSigned(joined)).isEqualTo(200);

        assertThat(deliverFailedRun(1)).isEqualTo(202);

        Await.until("the card", () -> !posted().isEmpty());
        assertThat(posted().getFirst().getBodyAsString()).contains("application/vnd.microsoft.card.adaptive");
    }

    @Test
    @DisplayName("with Microsoft's proactive Bot Connector configured, a card reaches a conversation the bot has not heard from")
    void aConfiguredProactiveConnectorCarriesTheFirstCardAfterARestart() throws Exception {
        start(true);

        assertThat(deliverFailedRun(1)).isEqualTo(202);

        Await.until("the card", () -> !posted().isEmpty());
        JsonNode activity = json.readTree(posted().getFirst().getBodyAsString());
        assertThat(activity.at("/attachments/0/content").toString()).contains("octo-org/octo-repo");
        assertThat(posted().getFirst().getHeader("Authorization")).startsWith("Bearer ");
    }
}
