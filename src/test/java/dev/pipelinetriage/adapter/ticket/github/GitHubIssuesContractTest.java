package dev.pipelinetriage.adapter.ticket.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipelinetriage.adapter.ticket.TicketFixtures.fixture;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.pipelinetriage.adapter.ticket.TicketTrackerContract;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.app.port.TicketTracker;
import dev.pipelinetriage.net.HttpClients;
import dev.pipelinetriage.testing.ClassServer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ticket tracker contract for GitHub Issues, on the REST API description's examples: "Create an issue" (201),
 * "Search issues and pull requests" (200, its item made an issue), "Create an issue comment" (201), "Update an issue"
 * (200, also the shape "Get an issue" answers).
 */
class GitHubIssuesContractTest extends TicketTrackerContract {
    private static final String TOKEN = "ghp_" + "notARealTokenNotARealToken0123456789";
    private static final String ISSUES = "/repos/octocat/Hello-World/issues";

    @RegisterExtension
    static final ClassServer<WireMockServer> API = ClassServer.wireMock();

    @Override
    protected WireMockServer api() {
        return API.get();
    }

    @Override
    protected TicketTracker tracker() {
        return trackerAt(URI.create(API.get().baseUrl()));
    }

    @Override
    protected TicketTracker trackerAt(URI base) {
        return GitHubIssues.tracker(HttpClients.newShared(), new GitHubIssuesSettings(base, "octocat/Hello-World",
                List.of("ci-failure")), TOKEN, Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));
    }

    @Override
    protected String token() {
        return TOKEN;
    }

    @Override
    protected TicketRef existing() {
        return new TicketRef("octocat/Hello-World#1347", "https://github.com/octocat/Hello-World/issues/1347");
    }

    @Override
    protected MappingBuilder createRequest() {
        return post(urlPathEqualTo(ISSUES));
    }

    @Override
    protected TicketRef stubCreated() {
        api().stubFor(createRequest().willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(fixture("github-issues/documented/create-issue.201.json"))));
        return existing();
    }

    @Override
    protected TicketRef stubFoundByLabel(String label) {
        api().stubFor(get(urlPathEqualTo("/search/issues")).willReturn(okJson(fixture("github-issues/documented/search-issues.200.json")
                .replaceFirst("\"pull_request\": \\{[^}]*\\},", ""))));
        return new TicketRef("octocat/Hello-World#132", "https://github.com/batterseapower/pinyin-toolkit/issues/132");
    }

    @Override
    protected void stubState(boolean open) {
        api().stubFor(get(urlPathEqualTo(ISSUES + "/1347")).willReturn(okJson(fixture("github-issues/documented/update-issue.200.json")
                .replace("\"state\": \"open\"", "\"state\": \"" + (open ? "open" : "closed") + "\""))));
    }

    @Override
    protected void stubCommented() {
        api().stubFor(post(ISSUES + "/1347/comments").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("github-issues/documented/create-issue-comment.201.json"))));
    }

    @Override
    protected void stubReopened() {
        api().stubFor(patch(urlPathEqualTo(ISSUES + "/1347")).willReturn(okJson(fixture("github-issues/documented/update-issue.200.json"))));
    }
}
