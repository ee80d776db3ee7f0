package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.ci.github.GitHubFakes;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CI notifier posts in a Teams channel, as the Bot Framework delivers them to a bot with channel-message consent:
 * a message activity from another bot (role "bot") carrying an Adaptive Card attachment (adaptivecards.io 1.4:
 * TextBlock, FactSet, Action.OpenUrl), and its later {@code messageUpdate}. Activity envelope: the Teams docs'
 * message example; channelData with {@code channel.id} and {@code tenant.id} as in the conversationUpdate example.
 * One server for the class; Bot Framework login, connector and GitHub are WireMock fakes as in TeamsBotTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamsNotifierTest {
    static final Instant NOW = ServedTeams.NOW;
    static final String LINK = GitHubFakes.LINK;
    static final String BUILDS = "19:6d97d816470f481dbcda38244b98689a@thread.tacv2";
    static final String WORKFLOWS_BOT = "28:f5d48856-5b42-41a0-8c3a-c5f944b679b0";
    static final String ACTIVITIES = "/v3/conversations/" + BUILDS + "/activities";

    @RegisterExtension
    static final ClassServer<ServedTeams> TEAMS = ClassServer.of(() -> new ServedTeams(
            Files.createTempDirectory("teams-notifier-"), """
              notifiers:
                channels: ["%s"]
                bots: ["%s"]
            """.formatted(BUILDS, WORKFLOWS_BOT), d -> { }), ServedTeams::reset, ServedTeams::close);

    final BotFrameworkFakes fakes = new BotFrameworkFakes();
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    ServedTeams teams;
    WireMockServer connector;
    ServeWiring.Served served;
    String serviceUrl;

    @BeforeEach
    void stub() {
        teams = TEAMS.get();
        connector = teams.connector;
        served = teams.served;
        serviceUrl = teams.serviceUrl;
        fakes.serveMetadata(teams.login);
        BotFrameworkFakes.serveTokens(teams.login, TENANT);
        connector.stubFor(post(urlPathMatching(ACTIVITIES + "/[^/]+")).willReturn(okJson("{\"id\":\"card-7\"}")));
        GitHubFakes.serveFailedRun(teams.github);
    }

    /** A notifier's card post: a message activity from a bot account with an Adaptive Card linking the failed run. */
    private ObjectNode notice(String id, String type, String fromId) {
        ObjectNode activity = BotFrameworkFakes.message(id, serviceUrl, BUILDS, TENANT, "unused", "");
        activity.remove("entities");
        activity.put("type", type).put("text", "").put("timestamp", "2026-11-26T09:59:0" + id.charAt(id.length() - 1) + ".478Z");
        activity.putObject("from").put("id", fromId).put("name", "Workflows").put("role", "bot");
        ObjectNode channelData = activity.putObject("channelData");
        channelData.putObject("tenant").put("id", TENANT);
        channelData.putObject("channel").put("id", BUILDS).put("name", "builds");
        ObjectNode card = activity.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive").putObject("content");
        card.put("type", "AdaptiveCard").put("version", "1.4");
        card.putArray("body").addObject().put("type", "TextBlock").put("text", "CI failed on main").put("weight", "Bolder");
        card.withArray("body").addObject().put("type", "FactSet").putArray("facts").addObject().put("title", "Run")
                .put("value", "#30433642");
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "View run").put("url", LINK);
        return activity;
    }

    private int send(JsonNode activity) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + "/api/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + fakes.valid(NOW, serviceUrl, c -> c))
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString())).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void aListedNotifiersFailureCardGetsOneTriageCardInItsThreadThoughItIsUpdatedLater() throws Exception {
        assertThat(send(notice("1481567604001", "message", WORKFLOWS_BOT))).isEqualTo(200);
        Await.until("the card", () -> !connector.findAll(postRequestedFor(
                urlPathEqualTo(ACTIVITIES + "/1481567604001"))).isEmpty());
        assertThat(send(notice("1481567604001", "messageUpdate", WORKFLOWS_BOT))).isEqualTo(200);
        assertThat(send(notice("1481567604002", "message", "28:00000000-1111-2222-3333-444444444444"))).isEqualTo(200);
        Await.until("idle workers", () -> served.pendingTasks() == 0);

        var replies = connector.findAll(postRequestedFor(urlPathMatching(ACTIVITIES + "/.+")));
        assertThat(replies).hasSize(1);
        JsonNode reply = json.readTree(replies.getFirst().getBodyAsString());
        assertThat(reply.get("replyToId").asText()).isEqualTo("1481567604001");
        assertThat(reply.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(BotFrameworkFakes.verbs(reply.at("/attachments/0/content"))).contains("rerun");
        assertThat(reply.toString()).doesNotContain("Looking at");
    }
}
