package dev.pipelinetriage.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.adapter.metrics.MicrometerTriageMetrics;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.testing.Await;
import io.micrometer.core.instrument.MockClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry of chat platforms: each surface is metered once, and that one metered surface is what the platform's
 * handlers, its resumed pastes, webhook cards and the digest post through.
 */
class ChatPlatformsTest {
    private final ChatTestKit kit = new ChatTestKit();
    private final MicrometerTriageMetrics metrics = new MicrometerTriageMetrics(new MockClock());
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Place slackChannel = new Place("slack", "T1", "C1", null);
    private final Place teamsChannel = new Place("teams", "tenant", "19:abc@thread.tacv2", null);

    @AfterEach
    void stop() {
        kit.close();
    }

    /** A platform in memory whose every post is refused, so each one shows in the undelivered count. */
    private final class FakePlatform implements ChatPlatform<String> {
        final String name;
        final String path;
        final RefusingSurface surface = new RefusingSurface();
        final TriageConversation conversation = kit.conversation(3, Set.of());
        ChatSurface handlersPostThrough;
        int surfaceAsked;

        FakePlatform(String name, String path) {
            this.name = name;
            this.path = path;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ChatSurface surface() {
            surfaceAsked++;
            return surface;
        }

        @Override
        public TriageConversation conversation() {
            return conversation;
        }

        @Override
        public Endpoint<String> endpoint(ChatSurface metered) {
            handlersPostThrough = metered;
            return new Endpoint<>(path, name + " handler", name + " over a fake", new Connection() {
                @Override
                public void start() {
                    events.add("start " + name);
                }

                @Override
                public void close() {
                    events.add("close " + name);
                    if (name.equals("teams")) {
                        throw new IllegalStateException("teams would not close");
                    }
                }
            });
        }
    }

    private static final class RefusingSurface extends RecordingSurface {
        @Override
        public Posted post(Place place, ChatText text) {
            super.post(place, text);
            return new Posted.Undelivered("HTTP 503");
        }

        @Override
        public Posted showCard(Place place, String replacing, CardView card) {
            super.showCard(place, replacing, card);
            return new Posted.Undelivered("HTTP 503");
        }
    }

    @SafeVarargs
    private ChatPlatforms<String> registry(ChatPlatform<String>... platforms) {
        return new ChatPlatforms<>(List.of(platforms), metrics, kit.work);
    }

    @Test
    void webhookCardsTheDigestAndTheHandlersAllPostThroughTheOneMeteredSurface() {
        FakePlatform slack = new FakePlatform("slack", "/slack/events");
        FakePlatform teams = new FakePlatform("teams", "/api/messages");
        ChatPlatforms<String> platforms = registry(slack, teams);

        platforms.surfaces().get("slack").post(slackChannel, ChatText.of("a webhook card's text"));
        platforms.surface("teams").post(teamsChannel, ChatText.of("the weekly digest"));
        slack.handlersPostThrough.post(slackChannel, ChatText.of("a handler's answer"));

        assertThat(metrics.scrape()).contains("chat_posts_undelivered_total{platform=\"slack\"} 2.0")
                .contains("chat_posts_undelivered_total{platform=\"teams\"} 1.0");
        assertThat(slack.handlersPostThrough).isSameAs(platforms.surfaces().get("slack"))
                .isSameAs(platforms.surface("slack")).isInstanceOf(MeteredSurface.class);
        assertThat(slack.surfaceAsked).as("the unmetered surface is asked for once, by the registry").isEqualTo(1);
    }

    @Test
    void aPasteAnotherInstanceLeftIsFinishedOnItsPlatformsMeteredSurface() {
        FakePlatform slack = new FakePlatform("slack", "/slack/events");
        registry(slack);
        Place thread = new Place("slack", "T1", "C1", "1700000000.000100");
        CiLink link = new CiLink("github", CiKind.GITHUB, "acme/shop", "42", 1, null);
        kit.pending.enqueue(TriageConversation.kind("slack"), "slack:paste:crashed",
                WorkPayloads.write(new WorkPayloads.Paste(thread, link, "req-1")), "crashed-instance",
                ChatTestKit.NOW.minus(Duration.ofMinutes(10)), Duration.ofSeconds(60));

        assertThat(kit.work.sweep()).isEqualTo(1);

        Await.until("the resumed paste's card", () -> !slack.surface.cards.isEmpty());
        assertThat(slack.surface.cards.getFirst().place()).isEqualTo(thread);
        Await.until("the refused card to be counted", () -> metrics.scrape()
                .contains("chat_posts_undelivered_total{platform=\"slack\"} 2.0"));
    }

    @Test
    void aDigestForAPlatformThatIsNotConfiguredFailsNamingThoseThatAre() {
        ChatPlatforms<String> platforms = registry(new FakePlatform("slack", "/slack/events"));

        assertThatThrownBy(() -> platforms.surface("teams")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no chat platform named 'teams' is configured; configured: slack");
    }

    @Test
    void theEndpointsAndTheBannerFollowThePlatformsInOrder() {
        ChatPlatforms<String> platforms = registry(new FakePlatform("slack", "/slack/events"),
                new FakePlatform("teams", "/api/messages"));

        assertThat(platforms.names()).containsExactly("slack", "teams");
        assertThat(platforms.endpoints()).containsExactly(java.util.Map.entry("/slack/events", "slack handler"),
                java.util.Map.entry("/api/messages", "teams handler"));
        assertThat(platforms.banner()).isEqualTo("slack over a fake and teams over a fake");
    }

    @Test
    void connectionsStartInOrderAndCloseInReverseEvenWhenOneFailsToClose() throws IOException {
        ChatPlatforms<String> platforms = registry(new FakePlatform("slack", "/slack/events"),
                new FakePlatform("teams", "/api/messages"));

        platforms.start();
        platforms.close();

        assertThat(events).containsExactly("start slack", "start teams", "close teams", "close slack");
    }

    @Test
    void twoPlatformsOfOneNameOrOnOnePathAreRefused() {
        assertThatThrownBy(() -> registry(new FakePlatform("slack", "/slack/events"),
                new FakePlatform("slack", "/other"))).hasMessage("two chat platforms are named slack");
        assertThatThrownBy(() -> registry(new FakePlatform("slack", "/events"),
                new FakePlatform("teams", "/events"))).hasMessage("chat platforms slack and teams both serve /events");
    }

    @Test
    void anEndpointPathMustBeAbsolute() {
        assertThatThrownBy(() -> new ChatPlatform.Endpoint<>("slack/events", "handler", "slack"))
                .hasMessage("an endpoint path starts with /, got 'slack/events'");
    }
}
