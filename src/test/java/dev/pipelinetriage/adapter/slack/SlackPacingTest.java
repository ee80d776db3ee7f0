package dev.pipelinetriage.adapter.slack;

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
 * special tier), so with an interval set the bot spaces its posts to one channel and not across channels. The Web API
 * is {@link SlackFakes}; the clock stands still, so every wait is the pacing's own.
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

    private Posted post(String channel, String text) {
        return surface.post(new Place("slack", "T012AB3C4", channel, null), ChatText.of(text));
    }

    @Test
    void postsToOneChannelAreSpacedByTheIntervalAndOtherChannelsDoNotWait() {
        assertThat(post("C0FIRST", "one")).isInstanceOf(Posted.Delivered.class);
        post("C0FIRST", "two");
        post("C0SECOND", "elsewhere");
        post("C0FIRST", "three");

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(slack.count("chat.postMessage")).isEqualTo(4);
    }
}
