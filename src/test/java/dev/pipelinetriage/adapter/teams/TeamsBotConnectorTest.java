package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.pipelinetriage.chat.Posted;
import dev.pipelinetriage.net.FixedDraws;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bot Connector calls ("Send and receive messages with the Bot Connector API": reply to activity, update
 * activity; Teams "Optimize your bot with rate limiting and best practices": back off on 429, 412, 502, 504) with
 * app tokens from the identity platform fake ("Authentication with the Bot Connector API", token example).
 */
class TeamsBotConnectorTest {
    private static final String CONVERSATION = "a:1Xb2Cc3Dd4";
    private static final String REPLY = "/v3/conversations/" + CONVERSATION + "/activities/5d5cdc723";
    private final WireMockServer fake = new WireMockServer(options().dynamicPort());
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private BotConnector connector;
    private AppTokens tokens;

    @BeforeEach
    void start() {
        fake.start();
        BotFrameworkFakes.serveTokens(fake, "botframework.com");
        OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        tokens = new AppTokens(http, URI.create(fake.baseUrl()), "botframework.com", BotFrameworkFakes.APP_ID,
                "app-password", clock);
        connector = new BotConnector(http, tokens, clock, waits::add, FixedDraws.drawing(0.5), fake.baseUrl(), 4);
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private static ObjectNode text(String text) {
        return JsonNodeFactory.instance.objectNode().put("type", "message").put("text", text);
    }

    /** The reply is answered {@code first} once, then taken as {@code reply-1}. */
    private void repliesAfter(ResponseDefinitionBuilder first) {
        fake.stubFor(post(urlPathEqualTo(REPLY)).inScenario("first").whenScenarioStateIs(STARTED).willSetStateTo("taken")
                .willReturn(first));
        fake.stubFor(post(urlPathEqualTo(REPLY)).inScenario("first").whenScenarioStateIs("taken")
                .willReturn(okJson("{\"id\":\"reply-1\"}")));
    }

    @Test
    void aReplyGoesToTheActivityItAnswersWithTheAppToken() {
        fake.stubFor(post(urlPathEqualTo(REPLY)).willReturn(okJson("{\"id\":\"reply-1\"}")));

        Posted posted = connector.send(fake.baseUrl() + "/", CONVERSATION, "5d5cdc723", text("My bot's reply"));

        assertThat(posted).isEqualTo(new Posted.Delivered("reply-1"));
        fake.verify(postRequestedFor(urlPathEqualTo(REPLY))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer eyJhbGciOiJIUzI1Ni..."))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
                        "{\"type\":\"message\",\"text\":\"My bot's reply\",\"replyToId\":\"5d5cdc723\"}")));
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterAndTheMessageIsPostedOnce() {
        repliesAfter(aResponse().withStatus(429).withHeader("Retry-After", "3"));

        Posted posted = connector.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("hi"));

        assertThat(posted).isEqualTo(new Posted.Delivered("reply-1"));
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        fake.verify(2, postRequestedFor(urlPathEqualTo(REPLY)));
    }

    @Test
    void serverErrorsOnAnUpdateBackOffExponentiallyWithJitterThenGiveUp() {
        String path = "/v3/conversations/" + CONVERSATION + "/activities/card-1";
        fake.stubFor(put(urlPathEqualTo(path)).willReturn(aResponse().withStatus(502)));

        Posted posted = connector.update(fake.baseUrl(), CONVERSATION, "card-1", text("card"));

        assertThat(posted).isInstanceOf(Posted.Undelivered.class);
        assertThat(waits).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(3000), Duration.ofMillis(6000));
        fake.verify(4, putRequestedFor(urlPathEqualTo(path)));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 504})
    void aNewMessageIsNotSentAgainAfterAServerErrorBecauseTheConnectorMayHaveStoredIt(int status) {
        fake.stubFor(post(urlPathEqualTo(REPLY)).willReturn(aResponse().withStatus(status)));

        Posted posted = connector.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("hi"));

        assertThat(posted).isInstanceOfSatisfying(Posted.Undelivered.class,
                u -> assertThat(u.reason()).contains("did not confirm"));
        assertThat(waits).isEmpty();
        fake.verify(1, postRequestedFor(urlPathEqualTo(REPLY)));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {503, 412})
    void aRefusalOfTheMessageHasItSentAgainAfterTheBackoff(int status) {
        repliesAfter(aResponse().withStatus(status));

        Posted posted = connector.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("hi"));

        assertThat(posted).isEqualTo(new Posted.Delivered("reply-1"));
        assertThat(waits).containsExactly(Duration.ofMillis(1500));
        fake.verify(2, postRequestedFor(urlPathEqualTo(REPLY)));
    }

    @Test
    void aNewMessageIsNotResentAfterTheConnectionDropsSoItCannotBeDuplicated() {
        fake.stubFor(post(urlPathEqualTo(REPLY)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Posted posted = connector.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("hi"));

        assertThat(posted).isInstanceOf(Posted.Undelivered.class);
        fake.verify(1, postRequestedFor(urlPathEqualTo(REPLY)));
    }

    @Test
    void anUpdateIsRetriedAfterTheConnectionDropsBecauseItIsIdempotent() {
        String path = "/v3/conversations/" + CONVERSATION + "/activities/card-1";
        fake.stubFor(put(urlPathEqualTo(path)).inScenario("drop").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        fake.stubFor(put(urlPathEqualTo(path)).inScenario("drop").whenScenarioStateIs("ok").willReturn(okJson("{\"id\":\"card-1\"}")));

        Posted posted = connector.update(fake.baseUrl(), CONVERSATION, "card-1", text("card"));

        assertThat(posted).isEqualTo(new Posted.Delivered("card-1"));
        fake.verify(2, putRequestedFor(urlPathEqualTo(path)));
    }

    /** The identity platform's token endpoint answers {@code first} once, then its documented token response. */
    private void tokensAfter(ResponseDefinitionBuilder first) {
        String token = "/botframework.com/oauth2/v2.0/token";
        fake.stubFor(post(urlPathEqualTo(token)).inScenario("token").whenScenarioStateIs(STARTED).willSetStateTo("issued")
                .willReturn(first));
        fake.stubFor(post(urlPathEqualTo(token)).inScenario("token").whenScenarioStateIs("issued")
                .willReturn(okJson(BotFrameworkFakes.fixture("teams/documented/token.200.json"))));
    }

    @Test
    void aTokenEndpointServerErrorIsRetriedAfterABackoffAndTheMessageIsPostedOnce() {
        tokensAfter(aResponse().withStatus(500).withBody("{\"error\":\"temporarily_unavailable\"}"));
        fake.stubFor(post(urlPathEqualTo(REPLY)).willReturn(okJson("{\"id\":\"reply-1\"}")));

        Posted posted = connector.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("hi"));

        assertThat(posted).isEqualTo(new Posted.Delivered("reply-1"));
        assertThat(waits).hasSize(1);
        fake.verify(1, postRequestedFor(urlPathEqualTo(REPLY)));
    }

    @Test
    void aNewMessageIsStillSentWhenTheConnectionToTheTokenEndpointDropsBecauseNothingWasSentYet() {
        tokensAfter(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        fake.stubFor(post(urlPathEqualTo(REPLY)).willReturn(okJson("{\"id\":\"reply-1\"}")));

        Posted posted = connector.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("hi"));

        assertThat(posted).isEqualTo(new Posted.Delivered("reply-1"));
        fake.verify(1, postRequestedFor(urlPathEqualTo(REPLY)));
    }

    @Test
    void withAnIntervalSetPostsToOneConversationAreSpacedAndOtherConversationsAndReadsDoNotWait() {
        var paced = new BotConnector(new OkHttpClient.Builder().retryOnConnectionFailure(false).build(), tokens, clock,
                waits::add, FixedDraws.drawing(0.5), fake.baseUrl(), 4, Duration.ofSeconds(1));
        fake.stubFor(post(urlPathMatching("/v3/conversations/[^/]+/activities(/[^/]+)?")).willReturn(okJson("{\"id\":\"a-1\"}")));
        fake.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathMatching("/v3/conversations/[^/]+/activities/[^/]+"))
                .willReturn(okJson("{\"id\":\"a-1\"}")));
        fake.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching("/v3/conversations/[^/]+/members/[^/]+"))
                .willReturn(okJson("{\"id\":\"29:1\",\"name\":\"Megan\"}")));

        paced.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("placeholder"));
        paced.update(fake.baseUrl(), CONVERSATION, "a-1", text("card"));
        paced.member(fake.baseUrl(), CONVERSATION, "29:1");
        paced.send(fake.baseUrl(), "19:other@thread.tacv2", null, text("elsewhere"));
        paced.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("another"));

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void a401DropsTheCachedTokenAndRetriesOnceWithAFreshOne() {
        fake.stubFor(post(urlPathEqualTo(REPLY)).willReturn(aResponse().withStatus(401)));

        Posted posted = connector.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("hi"));

        assertThat(posted).isInstanceOf(Posted.Undelivered.class);
        fake.verify(2, postRequestedFor(urlPathEqualTo(REPLY)));
        fake.verify(2, postRequestedFor(urlPathEqualTo("/botframework.com/oauth2/v2.0/token")));
    }

    @Test
    void aPlainHttpServiceUrlOtherThanTheTestOneIsNeverCalled() {
        Posted posted = connector.send("http://169.254.169.254/", CONVERSATION, "5d5cdc723", text("hi"));

        assertThat(posted).isEqualTo(new Posted.Undelivered("untrusted serviceUrl"));
        fake.verify(0, postRequestedFor(urlPathEqualTo("/botframework.com/oauth2/v2.0/token")));
    }

    @Test
    void theAppTokenIsCachedAndRefreshedFiveMinutesBeforeItExpires() throws Exception {
        String first = tokens.token(AppTokens.CONNECTOR_SCOPE);
        clock.advance(Duration.ofMinutes(54));
        tokens.token(AppTokens.CONNECTOR_SCOPE);
        fake.verify(1, postRequestedFor(urlPathEqualTo("/botframework.com/oauth2/v2.0/token")));

        clock.advance(Duration.ofMinutes(2));
        String second = tokens.token(AppTokens.CONNECTOR_SCOPE);

        assertThat(second).isEqualTo(first);
        fake.verify(2, postRequestedFor(urlPathEqualTo("/botframework.com/oauth2/v2.0/token")));
    }

    @Test
    void aRetryAfterLongerThanTheBackoffCapIsWaitedOutInFull() {
        repliesAfter(aResponse().withStatus(429).withHeader("Retry-After", "45"));

        Posted posted = connector.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("hi"));

        assertThat(posted).isEqualTo(new Posted.Delivered("reply-1"));
        assertThat(waits).containsExactly(Duration.ofSeconds(45));
    }

    @Test
    void aRetryAfterLongerThanAWorkerMayWaitGivesUpInsteadOfAskingAgainTooEarly() {
        fake.stubFor(post(urlPathEqualTo(REPLY)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));

        Posted posted = connector.send(fake.baseUrl(), CONVERSATION, "5d5cdc723", text("hi"));

        assertThat(posted).isInstanceOf(Posted.Undelivered.class);
        assertThat(waits).isEmpty();
        fake.verify(1, postRequestedFor(urlPathEqualTo(REPLY)));
    }
}
