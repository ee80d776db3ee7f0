package dev.pipelinetriage.adapter.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.ChatText;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.chat.Posted;
import dev.pipelinetriage.net.HttpClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code slack.postIntervalMillis}: Slack takes about one message per second per channel ("Rate limits", chat.postMessage
 * special tier), so with an interval set the bot spaces its posts to one channel and not across channels; and a 429
 * that names no wait is waited out for a default. The Web API is {@link SlackFakes} (its documented 429 body); the
 * clock stands still, so every wait is the bot's own.
 */
class SlackPacingTest {
    private final SlackFakes slack = new SlackFakes();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ChatSurface surface = new SlackClient(new SlackSettings("signing-secret", "xoxb-pacing",
            slack.baseUrl(), Duration.ofSeconds(1), 3, 1 << 20), HttpClients.newShared(),
            Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC), waits::add).surface();

    @AfterEach
    void stop() {
        slack.close();
    }

    private Posted postTo(String channel, String text) {
        return surface.post(new Place("slack", "T012AB3C4", channel, null), ChatText.of(text));
    }

    @Test
    void postsToOneChannelAreSpacedByTheIntervalAndOtherChannelsDoNotWait() {
        assertThat(postTo("C0FIRST", "one")).isInstanceOf(Posted.Delivered.class);
        postTo("C0FIRST", "two");
        postTo("C0SECOND", "elsewhere");
        postTo("C0FIRST", "three");

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(slack.count("chat.postMessage")).isEqualTo(4);
    }

    @Test
    void a429WithoutRetryAfterIsWaitedOutForTheDefaultBeforeTheOneRetry() {
        var unpaced = new SlackClient(new SlackSettings("signing-secret", "xoxb-pacing", slack.baseUrl(), Duration.ZERO, 3,
                1 << 20), HttpClients.newShared(), Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC),
                waits::add).surface();
        slack.server.stubFor(post("/api/chat.postMessage")
                .inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429)
                        .withHeader("Content-Type", "application/json").withBody(SlackFakes.fixture("ratelimited.429.json")))
                .willSetStateTo("served"));
        slack.server.stubFor(post("/api/chat.postMessage")
                .inScenario("429").whenScenarioStateIs("served")
                .willReturn(okJson(SlackFakes.fixture("chat.postMessage.200.ok.json"))));

        Posted posted = unpaced.post(new Place("slack", "T012AB3C4", "C0FIRST", null), ChatText.of("one"));

        assertThat(posted).isInstanceOf(Posted.Delivered.class);
        assertThat(waits).containsExactly(Duration.ofSeconds(5));
        assertThat(slack.count("chat.postMessage")).isEqualTo(2);
    }
}
