package dev.pipelinetriage.adapter.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.pipelinetriage.TestCa;
import dev.pipelinetriage.boot.CaBundle;
import dev.pipelinetriage.chat.Posted;
import dev.pipelinetriage.net.HttpClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Slack Web API client behind a TLS endpoint whose certificate a company CA signed (a proxy in front of
 * slack.com, say): it posts only when given that CA. The answer is Slack's documented chat.postMessage shape.
 */
@ExtendWith(TestCa.Shared.class)
class SlackClientTrustTest {
    private static WireMockServer proxy;
    private static TestCa ca;

    @BeforeAll
    static void start(TestCa companyCa) {
        ca = companyCa;
        proxy = new WireMockServer(WireMockConfiguration.options().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(ca.serverKeystore().toString()).keystorePassword(ca.password())
                .keyManagerPassword(ca.password()).keystoreType("PKCS12"));
        proxy.start();
        proxy.stubFor(post("/api/chat.postMessage").willReturn(okJson(SlackFakes.fixture("chat.postMessage.200.ok.json"))));
    }

    @AfterAll
    static void stop() {
        proxy.stop();
    }

    private static Posted postThrough(Optional<javax.net.ssl.X509TrustManager> trust) {
        SlackSettings settings = new SlackSettings("signing-secret", "xoxb-test", "https://localhost:" + proxy.httpsPort()
                + "/api/", Duration.ZERO, 1, 1024 * 1024);
        return new SlackClient(settings, HttpClients.newShared(trust), Clock.systemUTC(), d -> { }).web()
                .postMessage("C123ABC456", null, "hello", List.of());
    }

    @Test
    void withTheCompanyCaTheMessageIsDelivered() {
        assertThat(postThrough(Optional.of(CaBundle.load(ca.caPem()).trustManager()))).isInstanceOf(Posted.Delivered.class);
    }

    @Test
    void withTheJdksDefaultsTheCertificateIsRefused() {
        assertThat(postThrough(Optional.empty())).isInstanceOf(Posted.Undelivered.class);
    }
}
