package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.ChatSurfaceContract;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.net.FixedDraws;
import dev.pipelinetriage.testing.ClassServer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat surface contract for Teams, on the Bot Connector REST API ("Send and receive messages with the Bot
 * Connector API": reply to activity, POST .../activities/{replyToId}, answered with the new activity's id; update
 * activity, PUT .../activities/{id}) with app tokens from the documented token response. Teams has no private
 * messages in channels: a word for one user is a reply in the thread that mentions them. A refusal is a 403.
 */
class TeamsSurfaceContractTest extends ChatSurfaceContract {
    private static final String CONVERSATION = "19:6d97d816470f481dbcda38244b98689a@thread.tacv2";
    private static final String ACTIVITIES = "/v3/conversations/" + CONVERSATION + "/activities/";

    @RegisterExtension
    static final ClassServer<WireMockServer> CONNECTOR = ClassServer.wireMock();

    private ChatSurface surface;

    @BeforeEach
    void teams() {
        WireMockServer fake = CONNECTOR.get();
        BotFrameworkFakes.serveTokens(fake, "botframework.com");
        OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        MovableClock clock = new MovableClock(Instant.parse("2026-11-26T10:00:00Z"));
        AppTokens tokens = new AppTokens(http, URI.create(fake.baseUrl()), "botframework.com", BotFrameworkFakes.APP_ID,
                "app-password", clock);
        People people = new People();
        surface = new TeamsSurface(new BotConnector(http, tokens, clock, d -> { }, FixedDraws.drawing(0.5), fake.baseUrl(), 4),
                new ServiceUrls(fake.baseUrl() + "/"), new AdaptiveCards(people), people);
    }

    @Override
    protected ChatSurface surface() {
        return surface;
    }

    @Override
    protected Place place() {
        return new Place("teams", BotFrameworkFakes.TENANT, CONVERSATION, "1481567603816");
    }

    @Override
    protected String user() {
        return "0c1e7d6a-3b1f-4f4b-9a43-7d1e5f2a9b01";
    }

    @Override
    protected String token() {
        return "app-password";
    }

    @Override
    protected String acceptPosts() {
        CONNECTOR.get().stubFor(post(urlPathMatching(ACTIVITIES + ".+")).willReturn(okJson("{\"id\":\"1481567604000\"}")));
        return "1481567604000";
    }

    @Override
    protected void acceptUpdatesAndTells() {
        CONNECTOR.get().stubFor(put(urlPathMatching(ACTIVITIES + ".+")).willReturn(okJson("{\"id\":\"1503435956.000247\"}")));
    }

    @Override
    protected void refusePosts() {
        CONNECTOR.get().stubFor(post(urlPathMatching(ACTIVITIES + ".+")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"BotNotInConversationRoster\",\"message\":\"The bot is not part of the conversation roster.\"}}")));
    }

    @Override
    protected void refuseUpdates() {
        CONNECTOR.get().stubFor(put(urlPathMatching(ACTIVITIES + ".+")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"BotNotInConversationRoster\",\"message\":\"The bot is not part of the conversation roster.\"}}")));
    }

    @Override
    protected List<String> sent(Call kind) {
        var pattern = kind == Call.UPDATE ? putRequestedFor(urlPathMatching(ACTIVITIES + ".+"))
                : postRequestedFor(urlPathMatching(ACTIVITIES + ".+"));
        return CONNECTOR.get().findAll(pattern).stream()
                .filter(r -> !r.getBodyAsString().contains("\"typing\""))
                .map(r -> r.getUrl() + " " + r.getBodyAsString()).toList();
    }
}
