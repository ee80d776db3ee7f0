package dev.pipelinetriage.adapter.ticket.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.pipelinetriage.adapter.ticket.TicketFixtures.draft;
import static dev.pipelinetriage.adapter.ticket.TicketFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.app.port.TicketDocument;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.app.port.TicketTracker;
import dev.pipelinetriage.app.port.TrackerResult;
import dev.pipelinetriage.net.HttpClients;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GitHub Issues against WireMock serving the REST API description's examples (docs pages "Create an issue",
 * "Search issues and pull requests", "Create an issue comment", "Update an issue").
 */
class GitHubIssuesTrackerTest {
    private static final String TOKEN = "ghp_" + "notARealTokenNotARealToken0123456789";
    private static final TicketRef ISSUE = new TicketRef("octocat/Hello-World#1347",
            "https://github.com/octocat/Hello-World/issues/1347");
    private final WireMockServer github = new WireMockServer(options().dynamicPort());
    private TicketTracker tracker;

    @BeforeEach
    void start() {
        github.start();
        tracker = GitHubIssues.tracker(HttpClients.newShared(), new GitHubIssuesSettings(URI.create(github.baseUrl()),
                "octocat/Hello-World", List.of("ci-failure")), TOKEN,
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    /** Docs page: "Create an issue" (POST /repos/{owner}/{repo}/issues), 201 example. */
    @Test
    void createsAnIssueWithEscapedMarkdownLabelsAndAHiddenSignatureMarker() {
        github.stubFor(post("/repos/octocat/Hello-World/issues").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("github-issues/documented/create-issue.201.json"))));

        assertThat(tracker.create(draft())).isEqualTo(new TrackerResult.Ok<>(ISSUE));

        github.verify(postRequestedFor(urlPathEqualTo("/repos/octocat/Hello-World/issues"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withRequestBody(equalToJson("""
                        {"title": "Recurring CI failure (platform): DNS lookup failed",
                         "body": "Seen 3 times in 7 days\\\\.\\n\\n### Affected repositories\\n\\n- o/a\\n- o/b\\n\\n- [Runbook](https://kb.example/dns.md)\\n\\n````text\\nERROR [x] *bold* {noformat} @here ``` #12\\n````\\n\\n<!-- pipeline-triage triage-ke-dns-resolution-failure -->",
                         "labels": ["ci-failure", "triage-ke-dns-resolution-failure"]}""")));
    }

    /** Docs page: "Search issues and pull requests" (GET /search/issues); the example's item is a pull request. */
    @Test
    void searchLooksForTheLabelInTheRepositoryAndSkipsPullRequests() {
        github.stubFor(get(urlPathEqualTo("/search/issues")).willReturn(okJson(fixture("github-issues/documented/search-issues.200.json"))));

        assertThat(tracker.findByLabel("triage-ke-dns-resolution-failure")).isEqualTo(new TrackerResult.Ok<>(List.of()));

        github.verify(getRequestedFor(urlPathEqualTo("/search/issues"))
                .withQueryParam("q", equalTo("repo:octocat/Hello-World is:issue label:\"triage-ke-dns-resolution-failure\"")));
    }

    @Test
    void searchFindsAnIssueByItsNumberAndPage() {
        String example = fixture("github-issues/documented/search-issues.200.json")
                .replaceFirst("\"pull_request\": \\{[^}]*\\},", "");
        github.stubFor(get(urlPathEqualTo("/search/issues")).willReturn(okJson(example)));

        assertThat(tracker.findByLabel("x")).isInstanceOfSatisfying(TrackerResult.Ok.class, ok -> assertThat(ok.value())
                .isEqualTo(List.of(new TicketRef("octocat/Hello-World#132", "https://github.com/batterseapower/pinyin-toolkit/issues/132"))));
    }

    /** Docs page: "Create an issue comment" (POST /repos/{owner}/{repo}/issues/{issue_number}/comments), 201 example. */
    @Test
    void commentsInMarkdown() {
        github.stubFor(post("/repos/octocat/Hello-World/issues/1347/comments").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("github-issues/documented/create-issue-comment.201.json"))));

        var result = tracker.comment(ISSUE, new TicketDocument(List.of(new TicketDocument.Paragraph("Seen 9 times (@team)."))));

        assertThat(result).isEqualTo(new TrackerResult.Ok<>(ISSUE));
        github.verify(postRequestedFor(urlPathEqualTo("/repos/octocat/Hello-World/issues/1347/comments"))
                .withRequestBody(equalToJson("{\"body\": \"Seen 9 times \\\\(\\\\@team\\\\)\\\\.\"}")));
    }

    /** Docs page: "Update an issue" (PATCH), request example carries {@code state: open}; 200 example. */
    @Test
    void reopensWithStateOpenAndReasonReopened() {
        github.stubFor(patch(urlPathEqualTo("/repos/octocat/Hello-World/issues/1347"))
                .willReturn(okJson(fixture("github-issues/documented/update-issue.200.json"))));

        assertThat(tracker.reopen(ISSUE)).isEqualTo(new TrackerResult.Ok<>(ISSUE));

        github.verify(patchRequestedFor(urlPathEqualTo("/repos/octocat/Hello-World/issues/1347"))
                .withRequestBody(equalToJson("{\"state\": \"open\", \"state_reason\": \"reopened\"}")));
    }

    /** Docs page: "Get an issue"; the update example's body has the same issue shape ({@code state}). */
    @Test
    void anIssueIsOpenWhileItsStateIsOpen() {
        github.stubFor(get(urlPathEqualTo("/repos/octocat/Hello-World/issues/1347"))
                .willReturn(okJson(fixture("github-issues/documented/update-issue.200.json"))));
        github.stubFor(get(urlPathEqualTo("/repos/octocat/Hello-World/issues/1348"))
                .willReturn(okJson(fixture("github-issues/documented/update-issue.200.json").replace("\"state\": \"open\"",
                        "\"state\": \"closed\""))));

        assertThat(tracker.isOpen(ISSUE)).isEqualTo(new TrackerResult.Ok<>(true));
        assertThat(tracker.isOpen(new TicketRef("octocat/Hello-World#1348", "u"))).isEqualTo(new TrackerResult.Ok<>(false));
    }

    /** Docs page: "Rate limits for the REST API": 403 or 429 with x-ratelimit-remaining 0 and a reset time. */
    @Test
    void aPrimaryRateLimitIsRateLimitedWithTheWaitUntilReset() {
        github.stubFor(post("/repos/octocat/Hello-World/issues").willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "1700000060")
                .withBody("{\"message\":\"API rate limit exceeded\"}")));

        assertThat(tracker.create(draft())).isInstanceOfSatisfying(TrackerResult.Failed.class, f -> {
            assertThat(f.problem()).isEqualTo(TrackerResult.Problem.RATE_LIMITED);
            assertThat(f.retryAfter()).hasSeconds(60);
            assertThat(f.message()).contains("API rate limit exceeded").doesNotContain(TOKEN);
        });
    }

    @Test
    void aPlain403IsForbiddenAndAnUnreachableTrackerIsUnreachable() {
        github.stubFor(post("/repos/octocat/Hello-World/issues").willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible by integration\"}")));
        assertThat(tracker.create(draft())).isInstanceOfSatisfying(TrackerResult.Failed.class,
                f -> assertThat(f.problem()).isEqualTo(TrackerResult.Problem.FORBIDDEN));

        github.stop();
        assertThat(tracker.create(draft())).isInstanceOfSatisfying(TrackerResult.Failed.class,
                f -> assertThat(f.problem()).isEqualTo(TrackerResult.Problem.UNREACHABLE));
    }

    @Test
    void aTicketOfAnotherRepositoryIsNotTouched() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracker.comment(new TicketRef("other/repo#1", "u"),
                new TicketDocument(List.of()))).hasMessageContaining("not an issue of octocat/Hello-World");
    }
}
