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
 * The ticket tracker contract for Jira Data Center (REST v2, bearer token). Its resources answer in the shapes of the
 * Cloud v3 examples (the issue key and status category, the transitions list), here served on the v2 paths; search is
 * {@code GET /rest/api/2/search} with {@code issues[].key}.
 */
class JiraDataCenterContractTest extends TicketTrackerContract {
    private static final String TOKEN = "jira-dc-pat-not-real-0123456789";

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
        return JiraTrackers.dataCenter(HttpClients.newShared(), new JiraSettings(base, "ED", "Bug", List.of("ci-failure"),
                List.of("CI"), null), TOKEN, Clock.systemUTC());
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
        return post(urlPathEqualTo("/rest/api/2/issue"));
    }

    @Override
    protected TicketRef stubCreated() {
        api().stubFor(createRequest().willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(fixture("jira-cloud/documented/create-issue.201.json"))));
        return existing();
    }

    @Override
    protected TicketRef stubFoundByLabel(String label) {
        api().stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(okJson(
                "{\"startAt\":0,\"maxResults\":10,\"total\":1,\"issues\":[{\"id\":\"10002\",\"key\":\"ED-1\"}]}")));
        return new TicketRef("ED-1", API.get().baseUrl() + "/browse/ED-1");
    }

    @Override
    protected void stubState(boolean open) {
        api().stubFor(get(urlPathEqualTo("/rest/api/2/issue/ED-24")).willReturn(okJson("{\"id\":\"10000\",\"key\":\"ED-24\","
                + "\"fields\":{\"status\":{\"statusCategory\":{\"key\":\"" + (open ? "indeterminate" : "done") + "\"}}}}")));
    }

    @Override
    protected void stubCommented() {
        api().stubFor(post("/rest/api/2/issue/ED-24/comment").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("jira-cloud/documented/add-comment.201.json"))));
    }

    @Override
    protected void stubReopened() {
        api().stubFor(get(urlPathEqualTo("/rest/api/2/issue/ED-24/transitions"))
                .willReturn(okJson(fixture("jira-cloud/documented/get-transitions.200.json"))));
        api().stubFor(post("/rest/api/2/issue/ED-24/transitions").willReturn(aResponse().withStatus(204)));
    }
}
