package dev.pipelinetriage.adapter.ci.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.pipelinetriage.adapter.ci.CiTestKit.TOKEN;
import static dev.pipelinetriage.adapter.ci.CiTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.pipelinetriage.adapter.ci.ApiAuth;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.ci.HostPolicy;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.GreenRunResult;
import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.app.port.ResolveResult;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobLog;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.Run;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The last green pipeline of a failed GitLab job, against WireMock fakes serving the shapes of docs.gitlab.com
 * "Pipelines API" (List project pipelines: the basic fields of the documented "Get a single pipeline", as pipeline 4,
 * fixtures/gitlab/green-run/pipelines.json), "Jobs API" (List pipeline jobs: the documented example with every job a
 * success, green-run/jobs.json; Get a log file: plain text), and "Projects API" (Get a single project: only the fields
 * read, green-run/project.json). The failing pipeline 6 is the documented one marked failed.
 */
class GitLabLastGreenRunTest {
    private static final String PROJECT = "/api/v4/projects/group%2Fsub%2Fproject";

    private final CiTestKit kit = new CiTestKit();
    private WireMockServer api;
    private GitLabProvider gitlab;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        var hosts = new HostPolicy(HttpUrl.get("http://localhost:" + api.port() + "/api/v4"), List.of());
        var http = kit.http("gl", hosts, ApiAuth.header("PRIVATE-TOKEN", () -> TOKEN));
        gitlab = new GitLabProvider("gl", HttpUrl.get("https://gitlab.example.com"), http, CiTestKit.caches());
        api.stubFor(get(PROJECT).willReturn(okJson(fixture("gitlab/green-run/project.json"))));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    /** Pipeline 6 on {@code ref}, failed, as resolve reads it; its failed job "teaspoon" (7) is the one compared. */
    private Run failingPipelineOn(String ref) {
        api.stubFor(get(PROJECT + "/pipelines/6").willReturn(okJson(fixture("gitlab/documented/get-pipeline.200.json")
                .replace("\"status\": \"success\"", "\"status\": \"failed\"")
                .replace("\"ref\": \"main\"", "\"ref\": \"" + ref + "\""))));
        api.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines/6/jobs"))
                .willReturn(okJson(fixture("gitlab/documented/list-pipeline-jobs.200.json"))));
        var link = ((LinkResult.Parsed) gitlab.parseLink("https://gitlab.example.com/group/sub/project/-/pipelines/6")).link();
        return ((ResolveResult.Resolved) gitlab.resolve(link)).run();
    }

    private static Job teaspoon(Run run) {
        return run.failedJobs().stream().filter(j -> j.ref().name().equals("teaspoon")).findFirst().orElseThrow();
    }

    private static MappingBuilder greenPipelinesOf(String ref) {
        return get(urlPathEqualTo(PROJECT + "/pipelines")).withQueryParam("ref", equalTo(ref))
                .withQueryParam("status", equalTo("success"));
    }

    private void stubGreenPipeline(String jobsJson) {
        api.stubFor(greenPipelinesOf("main").willReturn(okJson(fixture("gitlab/green-run/pipelines.json"))));
        api.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines/4/jobs")).willReturn(okJson(jobsJson)));
        api.stubFor(get(PROJECT + "/jobs/4/trace").willReturn(aResponse().withBody(fixture("gitlab/green-run/trace.txt"))));
    }

    @Test
    void theSameJobOfTheLastGreenPipelineOfTheRefIsFoundAndItsTraceRead() {
        Run failing = failingPipelineOn("main");
        stubGreenPipeline(fixture("gitlab/green-run/jobs.json"));

        var found = (GreenRunResult.Found) gitlab.lastGreen(failing, teaspoon(failing));

        assertThat(found.job().ref().id()).isEqualTo("4");
        assertThat(found.job().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(found.webUrl()).isEqualTo("https://gitlab.example.com/group/sub/project/-/pipelines/4");
        api.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/pipelines")).withQueryParam("ref", equalTo("main"))
                .withQueryParam("status", equalTo("success")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
        JobLog log = ((FetchResult.Fetched) gitlab.fetchLog(found.job(), 64 * 1024)).log();
        assertThat(log.lines().getLast().text()).isEqualTo("Job succeeded");
        gitlab.fetchLog(found.job(), 64 * 1024);
        api.verify(1, getRequestedFor(urlPathEqualTo(PROJECT + "/jobs/4/trace")));
    }

    @Test
    void aRefWithoutAGreenPipelineFallsBackToTheDefaultBranch() {
        Run failing = failingPipelineOn("feature-x");
        stubGreenPipeline(fixture("gitlab/green-run/jobs.json"));
        api.stubFor(greenPipelinesOf("feature-x").willReturn(okJson("[]")));

        var found = (GreenRunResult.Found) gitlab.lastGreen(failing, teaspoon(failing));

        assertThat(found.job().ref().run().runId()).isEqualTo("4");
        api.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/pipelines")).withQueryParam("ref", equalTo("feature-x")));
    }

    @Test
    void noGreenPipelineOnEitherBranchIsNone() {
        Run failing = failingPipelineOn("feature-x");
        api.stubFor(greenPipelinesOf("feature-x").willReturn(okJson("[]")));
        api.stubFor(greenPipelinesOf("main").willReturn(okJson("[]")));

        assertThat(gitlab.lastGreen(failing, teaspoon(failing))).isInstanceOf(GreenRunResult.None.class);
    }

    @Test
    void aGreenPipelineNewerThanTheFailingOneIsNotItsBaseline() {
        Run failing = failingPipelineOn("main");
        api.stubFor(greenPipelinesOf("main").willReturn(okJson(fixture("gitlab/green-run/pipelines.json")
                .replace("\"id\": 4", "\"id\": 9"))));

        var result = gitlab.lastGreen(failing, teaspoon(failing));

        assertThat(((GreenRunResult.None) result).reason()).contains("before pipeline 6");
    }

    @Test
    void aGreenPipelineWithoutAJobOfTheSameNameIsNone() {
        Run failing = failingPipelineOn("main");
        stubGreenPipeline(fixture("gitlab/green-run/jobs.json").replace("\"teaspoon\"", "\"karma\""));

        var result = gitlab.lastGreen(failing, teaspoon(failing));

        assertThat(((GreenRunResult.None) result).reason()).contains("'teaspoon' is not in the last green run 4");
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 503})
    void aFailedLookupIsAProblemNotAnException(int status) {
        Run failing = failingPipelineOn("main");
        api.stubFor(greenPipelinesOf("main").willReturn(aResponse().withStatus(status).withBody("{\"message\":\"403 Forbidden\"}")));

        var result = gitlab.lastGreen(failing, teaspoon(failing));

        assertThat(result).isInstanceOf(CiTestKit.problemFor(status));
    }

    @Test
    void aGreenTraceOverTheCapKeepsItsHeadAndTailOnly() {
        Run failing = failingPipelineOn("main");
        stubGreenPipeline(fixture("gitlab/green-run/jobs.json"));
        api.stubFor(get(PROJECT + "/jobs/4/trace").willReturn(aResponse().withBody("47 examples, 0 failures\n".repeat(10_000))));
        var found = (GreenRunResult.Found) gitlab.lastGreen(failing, teaspoon(failing));

        JobLog log = ((FetchResult.Fetched) gitlab.fetchLog(found.job(), 4 * 1024)).log();

        assertThat(log.capped()).isTrue();
        assertThat(log.text().length()).isLessThanOrEqualTo(4 * 1024);
    }

    @Test
    void urlsInTheAnswersAreNeverRequestedAndTheLinkIsBuiltFromTheConfiguredWebHost() {
        CiTestKit.neverCalled(other -> {
            Run failing = failingPipelineOn("main");
            stubGreenPipeline(fixture("gitlab/green-run/jobs.json").replace("https://example.com", other));
            api.stubFor(greenPipelinesOf("main").willReturn(okJson(fixture("gitlab/green-run/pipelines.json")
                    .replace("http://127.0.0.1:3000", other))));

            var found = (GreenRunResult.Found) gitlab.lastGreen(failing, teaspoon(failing));
            gitlab.fetchLog(found.job(), 64 * 1024);

            assertThat(found.webUrl()).startsWith("https://gitlab.example.com/");
        });
    }
}
