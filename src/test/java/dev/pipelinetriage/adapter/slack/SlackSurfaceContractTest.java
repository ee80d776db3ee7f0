package dev.pipelinetriage.adapter.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.chat.ChatSurface;
import dev.pipelinetriage.chat.ChatSurfaceContract;
import dev.pipelinetriage.chat.Place;
import dev.pipelinetriage.net.HttpClients;
import dev.pipelinetriage.testing.ClassServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat surface contract for Slack, on the Web API reference's documented answers (docs.slack.dev/reference/methods
 * chat.postMessage, chat.update and chat.postEphemeral: their "typical success" and error examples, errors being HTTP
 * 200 with {@code ok: false}).
 */
class SlackSurfaceContractTest extends ChatSurfaceContract {
    private static final String TOKEN = "xoxb-not-a-real-token-0123456789";

    @RegisterExtension
    static final ClassServer<WireMockServer> API = ClassServer.wireMock();

    private ChatSurface surface;

    @BeforeEach
    void slack() {
        SlackSettings settings = new SlackSettings("signing-secret", TOKEN, API.get().baseUrl() + "/api/", Duration.ZERO,
                3, 1 << 20);
        surface = new SlackClient(settings, HttpClients.newShared(), Clock.systemUTC(), d -> { }).surface();
    }

    @Override
    protected ChatSurface surface() {
        return surface;
    }

    @Override
    protected Place place() {
        return new Place("slack", "T012AB3C4", "C1H9RESGL", "1503435900.000100");
    }

    @Override
    protected String user() {
        return "U0ONCALL1";
    }

    @Override
    protected String token() {
        return TOKEN;
    }

    @Override
    protected String acceptPosts() {
        API.get().stubFor(post("/api/chat.postMessage").willReturn(okJson(SlackFakes.fixture("chat.postMessage.200.ok.json"))));
        return "1503435956.000247";
    }

    @Override
    protected void acceptUpdatesAndTells() {
        API.get().stubFor(post("/api/chat.update").willReturn(okJson(SlackFakes.fixture("chat.update.200.ok.json"))));
        API.get().stubFor(post("/api/chat.postEphemeral").willReturn(okJson(SlackFakes.fixture("chat.postEphemeral.200.ok.json"))));
    }

    @Override
    protected void refusePosts() {
        API.get().stubFor(post("/api/chat.postMessage").willReturn(okJson(SlackFakes.fixture("chat.postMessage.200.error.json"))));
    }

    @Override
    protected void refuseUpdates() {
        API.get().stubFor(post("/api/chat.update").willReturn(okJson(SlackFakes.fixture("chat.update.200.error.json"))));
    }

    @Override
    protected List<String> sent(Call kind) {
        String method = switch (kind) {
            case POST -> "chat.postMessage";
            case UPDATE -> "chat.update";
            case TELL -> "chat.postEphemeral";
        };
        return API.get().findAll(postRequestedFor(urlPathEqualTo("/api/" + method))).stream()
                .map(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8)).toList();
    }
}
