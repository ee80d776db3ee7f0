package dev.pipelinetriage.adapter.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.testing.ClassServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code slack.refusedLinks: reaction}: a run link to a host no instance serves, pasted in passing, gets the bot's
 * reaction on the message instead of a hint, once per poster and link. Signed as "Verifying requests from Slack"
 * describes; the event envelope as "Using the Events API" shows it; reactions.add answers as its reference page
 * (docs.slack.dev/reference/methods/reactions.add) shows: {@code {"ok": true}}.
 */
class SlackRefusedLinksReactionTest {
    private static final String SECRET = "reaction-signing-secret-0123456789";

    @RegisterExtension
    static final ClassServer<ServedSlack> BOT = ClassServer.of(() -> new ServedSlack("  refusedLinks: reaction\n",
            Map.of("GITHUB_TOKEN", "ghp_reactionTestToken0000000000000000000", "GITLAB_TOKEN", "glpat-reactionTestToken0",
                    "SLACK_SIGNING_SECRET", SECRET, "SLACK_BOT_TOKEN", "xoxb-7777-8888-reactionBotToken")),
            ServedSlack::reset, ServedSlack::close);

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void slackAcceptsReactions() {
        BOT.get().slack.server.stubFor(post("/api/reactions.add").willReturn(okJson("{\"ok\":true}")));
    }

    private HttpResponse<String> pasted(String eventId, String user, String ts, String text) throws Exception {
        String body = """
                {"token":"XXYYZZ","team_id":"T012AB3C4","api_app_id":"AXXXXXXXXX","type":"event_callback",
                 "event":{"type":"message","user":"%s","text":"%s","ts":"%s","channel":"C0REACT01","event_ts":"%s",
                 "channel_type":"channel"},"event_id":"%s","event_time":1700000020}""".formatted(user, text, ts, ts, eventId);
        String stamp = Long.toString(Clock.systemUTC().instant().getEpochSecond());
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + BOT.get().served.port() + "/slack/events"))
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", stamp)
                .header("X-Slack-Signature", new SlackSignature(SECRET, Clock.systemUTC()).sign(stamp,
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRefusedRunLinkInPassingGetsAReactionOnItsMessageOnce() throws Exception {
        String link = "https://github.com:8443/octo-org/octo-repo/actions/runs/30433642";

        var ack = pasted("Ev0REACT001", "U0REACT001", "1700000020.000100", "red again <" + link + ">");
        var reaction = BOT.get().slack.await("reactions.add", 1).getFirst();
        pasted("Ev0REACT002", "U0REACT001", "1700000021.000100", "still red <" + link + ">");
        BOT.get().settle();

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(reaction).containsEntry("channel", "C0REACT01").containsEntry("timestamp", "1700000020.000100")
                .containsEntry("name", SlackRefusals.REACTION);
        assertThat(BOT.get().slack.methods).containsExactly("reactions.add");
    }
}
