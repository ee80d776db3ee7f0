package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipelinetriage.adapter.teams.BotFrameworkFakes.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.OpsConfigLoader;
import dev.pipelinetriage.boot.config.WebhooksConfigLoader;
import dev.pipelinetriage.testing.Await;
import dev.pipelinetriage.testing.ClassServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ops.digest.platform: teams} end to end: {@code serve} schedules the digest, and at its time the weekly card
 * reaches the configured conversation through the proactive Bot Connector (fakes: TeamsBotTest's Bot Framework login
 * and token endpoint; the connector answers the documented "Send to conversation" with an activity id).
 */
class TeamsDigestServedTest {
    private static final String CONVERSATION = "19:6d97d816470f481dbcda38244b98689a@thread.tacv2";
    private static final String ACTIVITIES = "/v3/conversations/" + CONVERSATION + "/activities";
    /** Half a second before Monday 09:00 UTC, when the digest is due. */
    private static final Instant NOW = Instant.parse("2026-11-30T08:59:59.500Z");

    @RegisterExtension
    static final ClassServer<WireMockServer> microsoft = ClassServer.wireMock();

    @TempDir
    Path dir;
    private ServeWiring.Served served;

    @AfterEach
    void stop() {
        if (served != null) {
            served.close();
        }
    }

    @Test
    void aTeamsDigestIsPostedToItsConversationWhenItIsDue() throws Exception {
        WireMockServer fake = microsoft.get();
        new BotFrameworkFakes().serveMetadata(fake);
        BotFrameworkFakes.serveTokens(fake, TENANT);
        fake.stubFor(post(urlPathEqualTo(ACTIVITIES)).willReturn(okJson("{\"id\":\"digest-1\"}")));
        String yaml = BotFrameworkFakes.serveConfig(fake.baseUrl(), dir.resolve("data"), fake.baseUrl(), fake.baseUrl(),
                "  proactiveServiceUrl: " + fake.baseUrl() + "/\n", """
                ops:
                  digest: {platform: teams, channel: "%s:%s", day: monday, time: "09:00"}
                """.formatted(TENANT, CONVERSATION));
        Map<String, String> env = Map.of("GITHUB_TOKEN", "ghp_digestToken", "TEAMS_APP_PASSWORD", "teams-app-password-value");
        var config = ConfigLoader.parseForServe(yaml);

        served = ServeWiring.start(config, OpsConfigLoader.parse(yaml, env), WebhooksConfigLoader.parse(yaml, config.ci()),
                env, new ServeWiring.Setup(Clock.fixed(NOW, ZoneOffset.UTC), d -> { }, d -> { }, d -> { }, "127.0.0.1", 0, 2,
                        100));

        Await.until("the digest", () -> !fake.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES))).isEmpty());
        JsonNode activity = new ObjectMapper().readTree(
                fake.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES))).getFirst().getBodyAsString());
        JsonNode card = activity.at("/attachments/0/content");
        assertThat(card.toString()).contains("CI/CD health report").contains("Failures triaged: 0");
        assertThat(card.findValuesAsText("url")).anySatisfy(url -> assertThat(url).startsWith("data:image/png;base64,"));
    }
}
