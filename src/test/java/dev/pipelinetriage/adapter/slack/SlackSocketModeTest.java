package dev.pipelinetriage.adapter.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.ci.github.GitHubFakes;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.testing.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} over Slack's Socket Mode, against a fake of its protocol ("Using Socket Mode": the Web API's
 * {@code apps.connections.open} answers a WebSocket URL; the socket says {@code hello}, then sends envelopes of
 * Events API payloads; the app acknowledges each with its {@code envelope_id}). The fake socket is a Java-WebSocket
 * server, the Web API {@link SlackFakes}, the CI WireMock serving GitHub's documented run ({@link GitHubFakes}).
 */
class SlackSocketModeTest {
    private static final String CHANNEL = "C0G9QF9GZ";

    private final ObjectMapper json = new ObjectMapper();
    private final SlackFakes slack = new SlackFakes();
    private final WireMockServer ci = new WireMockServer(options().dynamicPort());
    private final FakeSocket socket = new FakeSocket();
    private Path data;
    private ServeWiring.Served served;

    /** Slack's side of the socket: says hello to each connection, sends envelopes, keeps what the app sends back. */
    private static final class FakeSocket extends WebSocketServer {
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();

        FakeSocket() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            connections.incrementAndGet();
            conn.send("""
                    {"type":"hello","num_connections":1,"debug_info":{"host":"applink-7","build_number":10,
                     "approximate_connection_time":18060},"connection_info":{"app_id":"AXXXXXXXXX"}}""");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
        }

        void send(String text) {
            getConnections().forEach(c -> c.send(text));
        }

        /** Ends every connection, as Slack does when it refreshes one ("disconnect" then close). */
        void dropConnections() {
            getConnections().forEach(c -> c.send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\","
                    + "\"debug_info\":{\"host\":\"applink-7\"}}"));
            getConnections().forEach(WebSocket::close);
        }
    }

    @BeforeEach
    void start() throws Exception {
        ci.start();
        socket.start();
        Await.until("the fake socket to listen", () -> socket.getPort() > 0);
        slack.server.stubFor(post("/api/apps.connections.open").willReturn(okJson(
                "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + socket.getPort() + "/link/?ticket=1a2b3c\"}")));
        GitHubFakes.serveFailedRun(ci);
        data = Files.createTempDirectory("socket-mode-");
        var config = ConfigLoader.parseForServe("""
                ci:
                  instances:
                    - name: github
                      type: github
                      webUrl: https://github.com
                      apiUrl: http://localhost:%d/api/v3
                      logHosts: [127.0.0.1]
                      token: {env: GITHUB_TOKEN}
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                  appToken: {env: SLACK_APP_TOKEN}
                  apiBaseUrl: %s
                  postIntervalMillis: 0
                store:
                  directory: %s
                """.formatted(ci.port(), slack.baseUrl(), data));
        served = ServeWiring.start(config, Map.of("GITHUB_TOKEN", "ghp_socketModeGitHubToken000000000000000",
                "SLACK_SIGNING_SECRET", "socket-mode-signing-secret-0123456789", "SLACK_BOT_TOKEN",
                "xoxb-3333-4444-socketModeBotToken", "SLACK_APP_TOKEN", "xapp-1-A0SOCKET-5555-socketModeAppToken"),
                new ServeWiring.Setup(Clock.systemUTC(), d -> { }, d -> { }, "127.0.0.1", 0, 4, 100));
        Await.until("the bot to connect", () -> socket.connections.get() == 1);
    }

    @AfterEach
    void stop() throws Exception {
        if (served != null) {
            served.close();
        }
        socket.stop(1000);
        slack.close();
        ci.stop();
    }

    /** An Events API envelope of a message pasting the run link. */
    private static String envelope(String envelopeId, String eventId, int retryAttempt) {
        return """
                {"envelope_id":"%s","type":"events_api","accepts_response_payload":false,"retry_attempt":%d,
                 "retry_reason":"%s","payload":{"token":"XXYYZZ","team_id":"T012AB3C4","api_app_id":"AXXXXXXXXX",
                 "event":{"type":"message","user":"U061F7AUR","text":"CI is red: <%s>","ts":"1525215129.000001",
                  "channel":"%s","event_ts":"1525215129.000001","channel_type":"channel"},"type":"event_callback",
                 "authed_teams":[],"event_id":"%s","event_time":1525215129}}"""
                .formatted(envelopeId, retryAttempt, retryAttempt == 0 ? "" : "timeout", GitHubFakes.LINK, CHANNEL,
                        eventId);
    }

    private boolean acknowledged(String envelopeId) {
        return socket.received.stream().anyMatch(message -> {
            try {
                JsonNode ack = json.readTree(message);
                return envelopeId.equals(ack.path("envelope_id").asText());
            } catch (IOException notJson) {
                return false;
            }
        });
    }

    @Test
    void anEventIsAcknowledgedByItsEnvelopeBeforeTheTriageAndItsCardTakesThePlaceholdersPlace() throws Exception {
        // The log comes slowly, so an acknowledgement sent only after the triage would come after the card.
        ci.stubFor(get(urlPathEqualTo("/job-logs.txt")).willReturn(aResponse().withFixedDelay(1_500)
                .withBody(CiTestKit.fixture("github/failed-run/job-log.txt"))));

        socket.send(envelope("57d6a792-4d35-4d0b-b6aa-3361493e1caf", "Ev0SOCKET1", 0));

        Await.until("the acknowledgement", () -> acknowledged("57d6a792-4d35-4d0b-b6aa-3361493e1caf"));
        assertThat(slack.count("chat.update")).as("no card before the acknowledgement").isZero();
        var card = slack.await("chat.update", 1).getFirst();
        assertThat(card).containsEntry("channel", CHANNEL);
        assertThat(card.get("blocks")).contains("rerun_failed_jobs");
        assertThat(slack.count("chat.postMessage")).as("the placeholder, once").isEqualTo(1);
    }

    @Test
    void anEventRedeliveredAfterTheConnectionIsRefreshedIsAcknowledgedAndTriagedOnce() throws Exception {
        socket.send(envelope("0a1b2c3d-0000-4000-8000-000000000001", "Ev0SOCKET2", 0));
        slack.await("chat.update", 1);

        socket.dropConnections();
        Await.until("the bot to connect again", () -> socket.connections.get() == 2 && !socket.getConnections().isEmpty());
        socket.send(envelope("0a1b2c3d-0000-4000-8000-000000000002", "Ev0SOCKET2", 1));

        Await.until("the redelivery's acknowledgement", () -> acknowledged("0a1b2c3d-0000-4000-8000-000000000002"));
        Await.until("the bot to be idle", () -> served.pendingTasks() == 0);
        assertThat(slack.count("chat.postMessage")).as("one placeholder").isEqualTo(1);
        assertThat(slack.count("chat.update")).as("one card").isEqualTo(1);
    }
}
