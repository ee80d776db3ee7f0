package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbound token check alone, with a clock the test moves ("Authentication with the Bot Connector API": OpenID
 * metadata, keys with endorsements, 5 minutes of clock skew).
 */
class TeamsInboundAuthTest {
    private static final String SERVICE = "https://smba.trafficmanager.net/amer/";
    private final WireMockServer login = new WireMockServer(options().dynamicPort());
    private final BotFrameworkFakes fakes = new BotFrameworkFakes();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private InboundAuth auth;

    @BeforeEach
    void start() {
        login.start();
        OpenIdKeys keys = new OpenIdKeys(new OkHttpClient(), URI.create(login.baseUrl() + BotFrameworkFakes.METADATA_PATH),
                clock, Duration.ofHours(1));
        auth = new InboundAuth(keys, BotFrameworkFakes.APP_ID, clock);
    }

    @AfterEach
    void stop() {
        login.stop();
    }

    private Object check(String token) {
        return check("Bearer " + token, SERVICE, "msteams");
    }

    /** Both steps, as the endpoint takes them: the token alone, then bound to the activity's channel and connector. */
    private Object check(String authorization, String serviceUrl, String channelId) {
        InboundAuth.TokenResult token = auth.token(authorization);
        return token instanceof InboundAuth.Token verified ? auth.bind(verified, serviceUrl, channelId) : token;
    }

    @Test
    void aValidTokenIsAcceptedAndFourMinutesOfSkewEitherWayToo() {
        fakes.serveMetadata(login);
        Instant now = clock.instant();

        assertThat(check(fakes.valid(now, SERVICE, c -> c))).isInstanceOf(InboundAuth.Authenticated.class);
        assertThat(check(fakes.valid(now, SERVICE, c -> c.expirationTime(Date.from(now.minus(Duration.ofMinutes(4)))))))
                .isInstanceOf(InboundAuth.Authenticated.class);
        assertThat(check(fakes.valid(now, SERVICE, c -> c.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(4)))))))
                .isInstanceOf(InboundAuth.Authenticated.class);
        // The trailing slash and case of the service URL do not make it another service.
        assertThat(check("Bearer " + fakes.valid(now, SERVICE, c -> c), "https://SMBA.trafficmanager.net/amer", "msteams"))
                .isInstanceOf(InboundAuth.Authenticated.class);
    }

    @Test
    void anActivityForAnotherChannelOrWithoutOneIsRejectedEvenWithAValidToken() {
        fakes.serveMetadata(login);
        String token = fakes.valid(clock.instant(), SERVICE, c -> c);

        assertThat(check("Bearer " + token, SERVICE, "")).isInstanceOf(InboundAuth.Rejected.class);
        assertThat(check("Bearer " + token, SERVICE, "webchat")).isInstanceOf(InboundAuth.Rejected.class);
        assertThat(check("Basic " + token, SERVICE, "msteams")).isInstanceOf(InboundAuth.Rejected.class);
    }

    @Test
    void withNoKeysAtAllTheAnswerIsUnavailableNeverAnonymous() {
        fakes.metadataDown(login);

        assertThat(check(fakes.valid(clock.instant(), SERVICE, c -> c))).isInstanceOf(InboundAuth.KeysUnavailable.class);
    }

    @Test
    void anUnknownKeyMayRefreshTheMetadataAgainOnlyAfterTheInterval() {
        fakes.serveMetadata(login);
        assertThat(check(fakes.valid(clock.instant(), SERVICE, c -> c))).isInstanceOf(InboundAuth.Authenticated.class);
        String forged = fakes.sign(fakes.unpublishedKey, BotFrameworkFakes.claims(clock.instant(), SERVICE).build());

        assertThat(check(forged)).isInstanceOf(InboundAuth.Rejected.class);
        clock.advance(Duration.ofMinutes(59));
        assertThat(check(forged)).isInstanceOf(InboundAuth.Rejected.class);
        login.verify(2, getRequestedFor(urlPathEqualTo(BotFrameworkFakes.KEYS_PATH)));

        clock.advance(Duration.ofMinutes(2));
        assertThat(check(forged)).isInstanceOf(InboundAuth.Rejected.class);
        login.verify(3, getRequestedFor(urlPathEqualTo(BotFrameworkFakes.KEYS_PATH)));
    }

    @Test
    void keysADayOldAreRefreshedAndKeptWhenTheRefreshFails() {
        fakes.serveMetadata(login);
        assertThat(check(fakes.valid(clock.instant(), SERVICE, c -> c))).isInstanceOf(InboundAuth.Authenticated.class);
        fakes.metadataDown(login);
        clock.advance(Duration.ofHours(25));

        assertThat(check(fakes.valid(clock.instant(), SERVICE, c -> c))).isInstanceOf(InboundAuth.Authenticated.class);
        login.verify(2, getRequestedFor(urlPathEqualTo(BotFrameworkFakes.METADATA_PATH)));
    }
}
