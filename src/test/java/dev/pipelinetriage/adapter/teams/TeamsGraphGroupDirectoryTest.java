package dev.pipelinetriage.adapter.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.pipelinetriage.app.port.GroupDirectory;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entra ID group membership over Microsoft Graph ("user: checkMemberGroups", v1.0: POST
 * /users/{id}/checkMemberGroups with groupIds, answered with the ids the user is a transitive member of), with an
 * app-only token for the Graph scope from the identity platform fake.
 */
class TeamsGraphGroupDirectoryTest {
    private static final String TENANT = BotFrameworkFakes.TENANT;
    private static final String USER = "0c1e7d6a-3b1f-4f4b-9a43-7d1e5f2a9b01";
    private static final String ONCALL = "a1b2c3d4-e5f6-4789-abcd-ef0123456789";
    private static final String SRE = "b1b2c3d4-e5f6-4789-abcd-ef0123456789";
    private static final String PATH = "/v1.0/users/" + USER + "/checkMemberGroups";
    private final WireMockServer fake = new WireMockServer(options().dynamicPort());
    private GraphGroupDirectory directory;

    @BeforeEach
    void start() {
        fake.start();
        BotFrameworkFakes.serveTokens(fake, TENANT);
        OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        AppTokens tokens = new AppTokens(http, URI.create(fake.baseUrl()), TENANT, BotFrameworkFakes.APP_ID, "pw",
                new MovableClock(Instant.parse("2026-11-26T10:00:00Z")));
        directory = new GraphGroupDirectory(http, tokens, URI.create(fake.baseUrl()), TENANT);
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    @Test
    void aMemberOfOneOfTheGroupsIsReportedInThatGroupOnly() {
        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"value\":[\"" + SRE + "\",\"c0ffee00-0000-4000-8000-000000000000\"]}")));

        var membership = directory.memberships(TENANT, USER, List.of(ONCALL, SRE));

        assertThat(membership).isEqualTo(new GroupDirectory.MemberOf(Set.of(SRE)));
        fake.verify(postRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer eyJhbGciOiJIUzI1Ni..."))
                .withRequestBody(equalToJson("{\"groupIds\":[\"" + ONCALL + "\",\"" + SRE + "\"]}")));
        fake.verify(postRequestedFor(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(containing("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default")));
    }

    @Test
    void someoneInNoGroupIsAMemberOfNone() {
        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"value\":[]}")));

        assertThat(directory.memberships(TENANT, USER, List.of(ONCALL))).isEqualTo(new GroupDirectory.MemberOf(Set.of()));
    }

    @Test
    void aGraphErrorOrOutageIsALookupFailure() {
        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        assertThat(directory.memberships(TENANT, USER, List.of(ONCALL)))
                .isEqualTo(new GroupDirectory.LookupFailed("Microsoft Graph answered HTTP 503"));

        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(directory.memberships(TENANT, USER, List.of(ONCALL))).isInstanceOf(GroupDirectory.LookupFailed.class);
    }

    @Test
    void usersOfAnotherTenantOrWithoutAnObjectIdAreNotLookedUp() {
        assertThat(directory.memberships("11111111-2222-4333-8444-555555555555", USER, List.of(ONCALL)))
                .isInstanceOf(GroupDirectory.LookupFailed.class);
        assertThat(directory.memberships(TENANT, "29:1wR7IdIRIoerMIWbewMi75JA3s/../me", List.of(ONCALL)))
                .isInstanceOf(GroupDirectory.LookupFailed.class);
        fake.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void moreThanTwentyGroupsAreAskedInBatchesOfTwenty() {
        List<String> groups = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> "a1b2c3d4-e5f6-4789-abcd-ef01234567%02d".formatted(i)).toList();
        fake.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"value\":[\"" + groups.get(24) + "\"]}")));

        assertThat(directory.memberships(TENANT, USER, groups)).isEqualTo(new GroupDirectory.MemberOf(Set.of(groups.get(24))));
        fake.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
    }
}
