package dev.pipelinetriage.adapter.ci.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
 * The CI provider contract for GitLab, on the documented shapes of the "Pipelines API" (Get a single pipeline, marked
 * failed; List pipelines, empty), the "Jobs API" (List pipeline jobs: two failed jobs; Get a log file) and "Get a
 * single project" (only the fields read).
 */
class GitLabContractTest extends CiProviderContract {
    private static final String PROJECT = "/api/v4/projects/group%2Fsub%2Fproject";

    @RegisterExtension
    static final ClassServer<WireMockServer> API = ClassServer.wireMock();

    private GitLabProvider gitlab;

    @BeforeEach
    void provider_() {
        var hosts = new HostPolicy(HttpUrl.get("http://localhost:" + API.get().port() + "/api/v4"), List.of());
        var http = new CiTestKit().http("gl", hosts, ApiAuth.header("PRIVATE-TOKEN", () -> TOKEN));
        gitlab = new GitLabProvider("gl", HttpUrl.get("https://gitlab.example.com"), http, CiTestKit.caches());
    }

    @Override
    protected WireMockServer api() {
        return API.get();
    }

    @Override
    protected CiProvider provider() {
        return gitlab;
    }

    @Override
    protected String runLink() {
        return "https://gitlab.example.com/group/sub/project/-/pipelines/6";
    }

    @Override
    protected String otherHostLink() {
        return "https://gitlab.com/group/sub/project/-/pipelines/6";
    }

    @Override
    protected String notARunLink() {
        return "https://gitlab.example.com/group/sub/project/-/issues/3";
    }

    @Override
    protected void stubFailedRun() {
        api().stubFor(get(PROJECT + "/pipelines/6").willReturn(okJson(fixture("gitlab/documented/get-pipeline.200.json")
                .replace("\"status\": \"success\"", "\"status\": \"failed\""))));
        api().stubFor(get(urlPathEqualTo(PROJECT + "/pipelines/6/jobs"))
                .willReturn(okJson(fixture("gitlab/documented/list-pipeline-jobs.200.json"))));
    }

    @Override
    protected MappingBuilder logOf(Job job) {
        return get(urlPathEqualTo(PROJECT + "/jobs/" + job.ref().id() + "/trace"));
    }

    @Override
    protected void stubNoGreenRun(Run failing) {
        api().stubFor(get(PROJECT).willReturn(okJson(fixture("gitlab/green-run/project.json"))));
        api().stubFor(get(urlPathEqualTo(PROJECT + "/pipelines")).willReturn(okJson("[]")));
    }
}
