package dev.pipelinetriage.adapter.ci.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.pipelinetriage.adapter.ci.CiTestKit.TOKEN;
import static dev.pipelinetriage.adapter.ci.CiTestKit.fixture;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.pipelinetriage.adapter.ci.ApiAuth;
import dev.pipelinetriage.adapter.ci.CiProviderContract;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.ci.HostPolicy;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.testing.ClassServer;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CI provider contract for GitHub Actions, on the documented shapes of "REST API endpoints for workflow runs and
 * jobs" (fixtures/github/failed-run: the documented run and job shapes with conclusion "failure"; Download job logs
 * answered with the log itself), "List workflow runs for a workflow" with no runs, and "Get a repository".
 */
class GitHubContractTest extends CiProviderContract {
    private static final String REPO = GitHubFakes.REPO;

    @RegisterExtension
    static final ClassServer<WireMockServer> API = ClassServer.wireMock();

    private GitHubProvider github;

    @BeforeEach
    void provider_() {
        HttpUrl apiUrl = HttpUrl.get("http://localhost:" + API.get().port() + "/api/v3");
        var http = new CiTestKit().http("gh", new HostPolicy(apiUrl, List.of("127.0.0.1")), ApiAuth.bearer(() -> TOKEN));
        github = new GitHubProvider("gh", HttpUrl.get("https://github.com"), http, CiTestKit.caches());
    }

    @Override
    protected WireMockServer api() {
        return API.get();
    }

    @Override
    protected CiProvider provider() {
        return github;
    }

    @Override
    protected String runLink() {
        return "https://github.com/octo-org/octo-repo/actions/runs/30433642";
    }

    @Override
    protected String otherHostLink() {
        return "https://ghe.example.com/octo-org/octo-repo/actions/runs/30433642";
    }

    @Override
    protected String notARunLink() {
        return "https://github.com/octo-org/octo-repo/issues/12";
    }

    @Override
    protected void stubFailedRun() {
        api().stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(fixture("github/failed-run/run.json"))));
        api().stubFor(get(REPO + "/actions/runs/30433642/attempts/1").willReturn(okJson(fixture("github/failed-run/run.json"))));
        api().stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(fixture("github/failed-run/jobs.json"))));
    }

    @Override
    protected MappingBuilder logOf(Job job) {
        return get(urlPathEqualTo(REPO + "/actions/jobs/" + job.ref().id() + "/logs"));
    }

    @Override
    protected void stubNoGreenRun(Run failing) {
        api().stubFor(get(REPO).willReturn(okJson(fixture("github/green-run/repo.json"))));
        api().stubFor(get(urlPathMatching(REPO + "/actions/workflows/\\d+/runs"))
                .willReturn(okJson("{\"total_count\": 0, \"workflow_runs\": []}")));
    }
}
