package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.chart.AwtVerdictChart;
import dev.pipelinetriage.adapter.metrics.MicrometerTriageMetrics;
import dev.pipelinetriage.app.HealthReport;
import dev.pipelinetriage.app.HealthReportText;
import dev.pipelinetriage.app.port.ChartRenderer;
import dev.pipelinetriage.chat.Chart;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.ChatText;
import dev.pipelinetriage.chat.MeteredSurface;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.Posted;
import dev.pipelinetriage.domain.Verdict;
import dev.pipelinetriage.net.FixedDraws;
import dev.pipelinetriage.testing.ClassServer;
import io.micrometer.core.instrument.MockClock;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The weekly digest as Teams receives it: one message activity posted to the conversation through the configured
 * proactive Bot Connector ("Send and receive messages with the Bot Connector API": POST
 * /v3/conversations/{conversationId}/activities, the reply-to-activity body's {@code type: message}), its one
 * attachment an Adaptive Card ({@code application/vnd.microsoft.card.adaptive}) holding the report's text and an
 * {@code Image} element whose {@code url} is a {@code data:image/png;base64} URI (Adaptive Cards schema, Image:
 * "Supports data URI in version 1.2+"; Teams "Format cards": images up to 1 MB; Teams "Format your bot messages":
 * 413 {@code MessageSizeTooBig} when a message is too large). App tokens come from the documented token response.
 */
class TeamsDigestCardTest {
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    private static final String TENANT = BotFrameworkFakes.TENANT;
    private static final String CONVERSATION = "19:6d97d816470f481dbcda38244b98689a@thread.tacv2";
    private static final String ACTIVITIES = "/v3/conversations/" + CONVERSATION + "/activities";
    private static final Place DIGEST = new Place("teams", TENANT, CONVERSATION, null);

    @RegisterExtension
    static final ClassServer<WireMockServer> fake = ClassServer.wireMock();

    private final ObjectMapper json = new ObjectMapper();
    private final MicrometerTriageMetrics metrics = new MicrometerTriageMetrics(new MockClock());
    private ChatSurface surface;

    @BeforeEach
    void teamsWithAProactiveConnector() {
        WireMockServer server = fake.get();
        BotFrameworkFakes.serveTokens(server, "botframework.com");
        OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        MovableClock clock = new MovableClock(NOW);
        AppTokens tokens = new AppTokens(http, URI.create(server.baseUrl()), "botframework.com", BotFrameworkFakes.APP_ID,
                "app-password", clock);
        BotConnector connector = new BotConnector(http, tokens, clock, d -> { }, FixedDraws.drawing(0.5),
                server.baseUrl(), 4);
        People people = new People();
        TeamsSurface teams = new TeamsSurface(connector, new ServiceUrls(server.baseUrl() + "/"), new AdaptiveCards(people),
                people);
        surface = new MeteredSurface(teams, metrics, "teams");
    }

    private static HealthReport week() {
        List<ChartRenderer.Day> days = IntStream.range(0, 7).mapToObj(i -> new ChartRenderer.Day(
                LocalDate.of(2026, 11, 23).plusDays(i), Map.of(Verdict.PLATFORM, i, Verdict.CODE, 2))).toList();
        return new HealthReport(NOW.minus(Duration.ofDays(7)), NOW, 35, Map.of(Verdict.PLATFORM, 21, Verdict.CODE, 14),
                List.of(new HealthReport.Recurring("s1", "docker-rate-limit", Verdict.PLATFORM, 9, 3, "PLAT-7",
                        "https://github.com/acme/api/actions/runs/1")), 30, List.of(), 4, 1, Map.of("started", 2L), days);
    }

    private JsonNode postedCard() throws Exception {
        var requests = fake.get().findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES)));
        assertThat(requests).hasSize(1);
        JsonNode activity = json.readTree(requests.getFirst().getBodyAsString());
        assertThat(activity.path("type").asText()).isEqualTo("message");
        assertThat(activity.path("attachments")).hasSize(1);
        assertThat(activity.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        return activity.at("/attachments/0/content");
    }

    private static List<JsonNode> elements(JsonNode card, String type) {
        List<JsonNode> found = new ArrayList<>();
        card.path("body").forEach(e -> {
            if (e.path("type").asText().equals(type)) {
                found.add(e);
            }
        });
        return found;
    }

    @Test
    @DisplayName("the digest is one Adaptive Card at the top of the conversation, its chart an Image with a PNG data URI")
    void theDigestIsOneCardWithTheReportAndItsChart() throws Exception {
        fake.get().stubFor(post(urlPathEqualTo(ACTIVITIES)).willReturn(okJson("{\"id\":\"digest-1\"}")));
        HealthReport report = week();
        byte[] png = new AwtVerdictChart().verdictsPerDay(report.days(), 640, 320);

        ChatSurface.ReportPosted posted = surface.postReport(DIGEST, ChatText.of(HealthReportText.render(report)),
                new Chart("Failed jobs per day, by verdict", "verdicts-per-day.png", png));

        assertThat(posted.text()).isEqualTo(new Posted.Delivered("digest-1"));
        assertThat(posted.chart()).isEqualTo(posted.text());
        JsonNode card = postedCard();
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isGreaterThanOrEqualTo("1.2");
        JsonNode title = card.at("/body/0/inlines/0");
        assertThat(title.path("text").asText()).isEqualTo("CI/CD health report");
        assertThat(title.path("weight").asText()).isEqualTo("Bolder");
        assertThat(card.toString()).contains("Failures triaged: 35").contains("docker-rate-limit -- platform, 9x in 3 repositories");
        JsonNode image = elements(card, "Image").getFirst();
        assertThat(image.path("altText").asText()).isEqualTo("Failed jobs per day, by verdict");
        String url = image.path("url").asText();
        assertThat(url).startsWith("data:image/png;base64,");
        byte[] sent = Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()));
        assertThat(sent).isEqualTo(png);
        assertThat(ImageIO.read(new ByteArrayInputStream(sent)).getWidth()).isEqualTo(640);
        // The message besides its image stays well inside Teams' ~100 KB.
        assertThat(card.toString().length() - url.length()).isLessThan(80_000);
        assertThat(metrics.scrape()).contains("chat_posts_undelivered_total{platform=\"teams\"} 0.0");
    }

    @Test
    void aChartLargerThanTeamsTakesInACardIsLeftOutAndTheTextStillPosted() throws Exception {
        fake.get().stubFor(post(urlPathEqualTo(ACTIVITIES)).willReturn(okJson("{\"id\":\"digest-2\"}")));

        ChatSurface.ReportPosted posted = surface.postReport(DIGEST, ChatText.of("# CI/CD health report\nquiet week"),
                new Chart("Failed jobs per day, by verdict", "verdicts-per-day.png", new byte[ReportCard.MAX_IMAGE_BYTES + 1]));

        assertThat(posted.text()).isEqualTo(new Posted.Delivered("digest-2"));
        assertThat(posted.chart()).isInstanceOf(Posted.Undelivered.class);
        JsonNode card = postedCard();
        assertThat(elements(card, "Image")).isEmpty();
        assertThat(card.toString()).contains("quiet week").contains("the chart is larger than Teams takes in a card");
    }

    @Test
    @DisplayName("a 413 MessageSizeTooBig leaves the digest undelivered, counted once for its one message")
    void aRefusedDigestIsUndeliveredAndCountedOnce() {
        fake.get().stubFor(post(urlPathEqualTo(ACTIVITIES)).willReturn(aResponse().withStatus(413)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"MessageSizeTooBig\",\"message\":\"Message size too big\"}}")));

        ChatSurface.ReportPosted posted = surface.postReport(DIGEST, ChatText.of("# CI/CD health report"),
                new Chart("chart", "chart.png", new byte[] {1, 2, 3}));

        assertThat(posted.text()).isInstanceOf(Posted.Undelivered.class);
        assertThat(posted.chart()).isSameAs(posted.text());
        assertThat(metrics.scrape()).contains("chat_posts_undelivered_total{platform=\"teams\"} 1.0");
        fake.get().verify(1, postRequestedFor(urlPathEqualTo(ACTIVITIES)));
    }

    @Test
    void untrustedTextInTheReportIsDefangedAndNeverMarkdown() throws Exception {
        fake.get().stubFor(post(urlPathEqualTo(ACTIVITIES)).willReturn(okJson("{\"id\":\"digest-3\"}")));

        surface.postReport(DIGEST, ChatText.of("- 2x `<at>everyone</at> see https://evil.example`"),
                new Chart("chart", "chart.png", new byte[] {1}));

        JsonNode run = postedCard().at("/body/0/inlines/0");
        assertThat(run.path("type").asText()).isEqualTo("TextRun");
        assertThat(run.path("text").asText()).doesNotContain("<at>").doesNotContain("https://");
    }
}
