package dev.pipelinetriage.adapter.ticket.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ticket tracker contract for Jira Cloud (REST v3), on the documented examples of the Jira Cloud platform REST API
 * v3 reference: "Create issue" (201), "Search for issues using JQL enhanced search (GET)" (200), "Add comment" (201),
 * "Get transitions" (200) with "Transition issue" (204), and "Get issue" shaped like its schema.
 */
class JiraCloudContractTest extends TicketTrackerContract {
    private static final String TOKEN = "jira-api-token-not-real-0123456789";

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
        return JiraTrackers.cloud(HttpClients.newShared(), new JiraSettings(base, "ED", "Bug", List.of("ci-failure"),
                List.of("CI"), null), "bot@example.com", TOKEN, Clock.systemUTC());
    }

    @Override
    protected String token() {
        return TOKEN;
    }

    @Override
    protected TicketRef existing() {
        return new TicketRef("ED-24", API.get().baseUrl() + "/browse/ED-24");
    }

    @Override
    protected MappingBuilder createRequest() {
        return post(urlPathEqualTo("/rest/api/3/issue"));
    }

    @Override
    protected TicketRef stubCreated() {
        api().stubFor(createRequest().willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(fixture("jira-cloud/documented/create-issue.201.json"))));
        return existing();
    }

    @Override
    protected TicketRef stubFoundByLabel(String label) {
        api().stubFor(get(urlPathEqualTo("/rest/api/3/search/jql")).willReturn(okJson(fixture("jira-cloud/documented/search-jql.200.json"))));
        return new TicketRef("ED-1", API.get().baseUrl() + "/browse/ED-1");
    }

    @Override
    protected void stubState(boolean open) {
        api().stubFor(get(urlPathEqualTo("/rest/api/3/issue/ED-24")).willReturn(okJson("{\"id\":\"10000\",\"key\":\"ED-24\","
                + "\"fields\":{\"status\":{\"statusCategory\":{\"key\":\"" + (open ? "indeterminate" : "done") + "\"}}}}")));
    }

    @Override
    protected void stubCommented() {
        api().stubFor(post("/rest/api/3/issue/ED-24/comment").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("jira-cloud/documented/add-comment.201.json"))));
    }

    @Override
    protected void stubReopened() {
        api().stubFor(get(urlPathEqualTo("/rest/api/3/issue/ED-24/transitions"))
                .willReturn(okJson(fixture("jira-cloud/documented/get-transitions.200.json"))));
        api().stubFor(post("/rest/api/3/issue/ED-24/transitions").willReturn(aResponse().withStatus(204)));
    }
}
