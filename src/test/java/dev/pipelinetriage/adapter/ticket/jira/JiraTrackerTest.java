package dev.pipelinetriage.adapter.ticket.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.pipelinetriage.adapter.ticket.TicketFixtures.draft;
import static dev.pipelinetriage.adapter.ticket.TicketFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.ticket.TicketFixtures;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.app.port.TicketTracker;
import dev.pipelinetriage.app.port.TrackerResult;
import dev.pipelinetriage.net.HttpClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jira Cloud (REST v3) and Data Center (REST v2) against WireMock. Cloud answers are the documented examples of
 * the Jira Cloud platform REST API v3 reference (pages "Create issue", "Add comment", "Search for issues using JQL
 * enhanced search (GET)", "Get transitions"); Data Center answers are shaped like them.
 */
class JiraTrackerTest {
    private static final String TOKEN = "jira-api-token-not-real-0123456789";
    private final WireMockServer jira = new WireMockServer(options().dynamicPort());
    private TicketTracker cloud;
    private TicketTracker dataCenter;

    @BeforeEach
    void start() {
        jira.start();
        JiraSettings settings = new JiraSettings(URI.create(jira.baseUrl()), "ED", "Bug", List.of("ci-failure"),
                List.of("CI"), null);
        cloud = JiraTrackers.cloud(HttpClients.newShared(), settings, "bot@example.com", TOKEN, Clock.systemUTC());
        dataCenter = JiraTrackers.dataCenter(HttpClients.newShared(), settings, TOKEN, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        jira.stop();
    }

    /** Docs page: Jira Cloud REST v3, Issues, "Create issue" (POST /rest/api/3/issue), 201 example. */
    @Test
    void cloudCreatesAnIssueWithAnAdfDescriptionLabelsAndComponents() {
        jira.stubFor(post("/rest/api/3/issue").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("jira-cloud/documented/create-issue.201.json"))));

        TrackerResult<TicketRef> created = cloud.create(draft());

        assertThat(created).isEqualTo(new TrackerResult.Ok<>(new TicketRef("ED-24", jira.baseUrl() + "/browse/ED-24")));
        jira.verify(postRequestedFor(urlPathEqualTo("/rest/api/3/issue"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
                        .encodeToString(("bot@example.com:" + TOKEN).getBytes())))
                .withRequestBody(equalToJson("""
                        {"fields": {
                          "project": {"key": "ED"},
                          "issuetype": {"name": "Bug"},
                          "summary": "Recurring CI failure (platform): DNS lookup failed",
                          "description": {"type": "doc", "version": 1, "content": [
                            {"type": "paragraph", "content": [{"type": "text", "text": "Seen 3 times in 7 days."}]},
                            {"type": "heading", "attrs": {"level": 3},
                             "content": [{"type": "text", "text": "Affected repositories"}]},
                            {"type": "bulletList", "content": [
                              {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "o/a"}]}]},
                              {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "o/b"}]}]}]},
                            {"type": "bulletList", "content": [
                              {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text",
                                "text": "Runbook", "marks": [{"type": "link", "attrs": {"href": "https://kb.example/dns.md"}}]}]}]}]},
                            {"type": "codeBlock", "content": [{"type": "text",
                              "text": "ERROR [x] *bold* {noformat} @here ``` #12"}]}]},
                          "labels": ["ci-failure", "triage-ke-dns-resolution-failure"],
                          "components": [{"name": "CI"}]}}""", true, false)));
    }

    /** Docs page: Jira Cloud REST v3, "Create issue", 400 example ({@code errorMessages}). */
    @Test
    void aRefusedCreateSaysWhatJiraSaidAndNeverTheToken() {
        jira.stubFor(post("/rest/api/3/issue").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(fixture("jira-cloud/documented/create-issue.400.json"))));

        TrackerResult<TicketRef> created = cloud.create(draft());

        assertThat(created).isInstanceOfSatisfying(TrackerResult.Failed.class, f -> {
            assertThat(f.problem()).isEqualTo(TrackerResult.Problem.REJECTED);
            assertThat(f.message()).isEqualTo("POST /rest/api/3/issue answered 400: Field 'priority' is required")
                    .doesNotContain(TOKEN);
        });
    }

    /** Docs page: Jira Cloud REST v3, "Search for issues using JQL enhanced search (GET)", 200 example. */
    @Test
    void cloudFindsTicketsByTheSignatureLabelThroughJqlSearch() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/search/jql")).willReturn(okJson(fixture("jira-cloud/documented/search-jql.200.json"))));

        TrackerResult<List<TicketRef>> found = cloud.findByLabel("triage-ke-dns-resolution-failure");

        assertThat(found).isEqualTo(new TrackerResult.Ok<>(List.of(new TicketRef("ED-1", jira.baseUrl() + "/browse/ED-1"))));
        jira.verify(getRequestedFor(urlPathEqualTo("/rest/api/3/search/jql"))
                .withQueryParam("jql", equalTo("project = \"ED\" AND labels = \"triage-ke-dns-resolution-failure\" ORDER BY created ASC"))
                .withQueryParam("fields", equalTo("status")));
    }

    /** Docs page: Jira Cloud REST v3, Issue comments, "Add comment", 201 example. */
    @Test
    void cloudCommentsWithAnAdfBody() {
        jira.stubFor(post("/rest/api/3/issue/ED-24/comment").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("jira-cloud/documented/add-comment.201.json"))));

        var result = cloud.comment(new TicketRef("ED-24", "u"), new dev.pipelinetriage.app.port.TicketDocument(
                List.of(new dev.pipelinetriage.app.port.TicketDocument.Paragraph("Daily summary: seen 9 times."))));

        assertThat(result).isInstanceOf(TrackerResult.Ok.class);
        jira.verify(postRequestedFor(urlPathEqualTo("/rest/api/3/issue/ED-24/comment")).withRequestBody(equalToJson("""
                {"body": {"type": "doc", "version": 1, "content": [
                  {"type": "paragraph", "content": [{"type": "text", "text": "Daily summary: seen 9 times."}]}]}}""")));
    }

    /** Docs page: Jira Cloud REST v3, "Get transitions" 200 example and "Transition issue" (204, no body). */
    @Test
    void cloudReopensWithTheFirstTransitionThatLeavesDone() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/ED-24/transitions"))
                .willReturn(okJson(fixture("jira-cloud/documented/get-transitions.200.json"))));
        jira.stubFor(post("/rest/api/3/issue/ED-24/transitions").willReturn(aResponse().withStatus(204)));

        assertThat(cloud.reopen(new TicketRef("ED-24", "u"))).isInstanceOf(TrackerResult.Ok.class);

        jira.verify(postRequestedFor(urlPathEqualTo("/rest/api/3/issue/ED-24/transitions"))
                .withRequestBody(equalToJson("{\"transition\": {\"id\": \"2\"}}")));
    }

    /** Docs page: Jira Cloud REST v3, "Get issue" (fields=status); the answer is written here, shaped like its schema. */
    @Test
    void aTicketInTheDoneCategoryIsClosed() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/ED-24")).withQueryParam("fields", equalTo("status"))
                .willReturn(okJson("{\"id\":\"10000\",\"key\":\"ED-24\",\"fields\":{\"status\":{\"name\":\"Closed\","
                        + "\"statusCategory\":{\"id\":3,\"key\":\"done\"}}}}")));
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/ED-25"))
                .willReturn(okJson("{\"key\":\"ED-25\",\"fields\":{\"status\":{\"statusCategory\":{\"key\":\"indeterminate\"}}}}")));

        assertThat(cloud.isOpen(new TicketRef("ED-24", "u"))).isEqualTo(new TrackerResult.Ok<>(false));
        assertThat(cloud.isOpen(new TicketRef("ED-25", "u"))).isEqualTo(new TrackerResult.Ok<>(true));
    }

    @Test
    void rateLimitsServerErrorsAndBadCredentialsAreTypedFailures() {
        jira.stubFor(post("/rest/api/3/issue").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")));
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/search/jql")).willReturn(aResponse().withStatus(503)));
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/ED-1")).willReturn(aResponse().withStatus(401)));

        assertThat(cloud.create(draft())).isEqualTo(new TrackerResult.Failed<>(TrackerResult.Problem.RATE_LIMITED,
                "POST /rest/api/3/issue answered 429", Duration.ofSeconds(17)));
        assertThat(cloud.findByLabel("x")).isInstanceOfSatisfying(TrackerResult.Failed.class,
                f -> assertThat(f.problem()).isEqualTo(TrackerResult.Problem.SERVER_ERROR));
        assertThat(cloud.isOpen(new TicketRef("ED-1", "u"))).isInstanceOfSatisfying(TrackerResult.Failed.class,
                f -> assertThat(f.problem()).isEqualTo(TrackerResult.Problem.UNAUTHORIZED));
    }

    /**
     * Jira Data Center REST v2 "Create issue" (POST /rest/api/2/issue): the same fields with the description in wiki
     * markup; log text is escaped and cannot close the noformat block. The 201 answer is the v3 example's shape.
     */
    @Test
    void dataCenterCreatesAnIssueWithEscapedWikiMarkupAndABearerToken() {
        jira.stubFor(post("/rest/api/2/issue").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"10000\",\"key\":\"ED-24\","
                        + "\"self\":\"https://jira.example.com/rest/api/2/issue/10000\"}")));

        assertThat(dataCenter.create(draft())).isInstanceOf(TrackerResult.Ok.class);

        jira.verify(postRequestedFor(urlPathEqualTo("/rest/api/2/issue"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("""
                        {"fields": {
                          "project": {"key": "ED"},
                          "issuetype": {"name": "Bug"},
                          "summary": "Recurring CI failure (platform): DNS lookup failed",
                          "description": "Seen 3 times in 7 days.\\n\\nh3. Affected repositories\\n\\n* o/a\\n* o/b\\n\\n* [Runbook|https://kb.example/dns.md]\\n\\n{noformat}\\nERROR [x] *bold* { noformat} @here ``` #12\\n{noformat}",
                          "labels": ["ci-failure", "triage-ke-dns-resolution-failure"],
                          "components": [{"name": "CI"}]}}""")));
    }

    /** Jira Data Center REST v2 "Search for issues using JQL" (GET /rest/api/2/search): {@code issues[].key}. */
    @Test
    void dataCenterSearchesTheV2SearchResource() {
        jira.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(okJson(
                "{\"startAt\":0,\"maxResults\":10,\"total\":1,\"issues\":[{\"id\":\"10002\",\"key\":\"ED-1\"}]}")));

        assertThat(dataCenter.findByLabel("triage-ke-dns-resolution-failure"))
                .isEqualTo(new TrackerResult.Ok<>(List.of(new TicketRef("ED-1", jira.baseUrl() + "/browse/ED-1"))));
    }

    @Test
    void wikiMarkupEscapesFormattingMentionsAndLinkBreakers() {
        assertThat(WikiMarkup.escape("[~admin] *x* {code} a|b")).isEqualTo("\\[\\~admin\\] \\*x\\* \\{code\\} a\\|b");
        assertThat(WikiMarkup.url("https://x.example/a|b]")).isEqualTo("https://x.example/a%7Cb%5D");
        assertThat(TicketFixtures.body().blocks()).hasSize(5);
    }
}
