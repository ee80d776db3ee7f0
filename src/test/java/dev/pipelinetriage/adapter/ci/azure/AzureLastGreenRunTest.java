package dev.pipelinetriage.adapter.ci.azure;

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
 * The last green build of a failed Azure Pipelines job, against WireMock fakes serving the shapes of the Azure
 * DevOps REST reference: "Builds - List" ({@code count} + {@code value} holding the documented "Builds - Get" example,
 * succeeded, as build 380: fixtures/azure/green-run/builds-list.json), "Timeline - Get" (the documented example, every
 * record succeeded), "Definitions - Get" (only the fields read: green-run/definition.json) and "Builds - Get Build
 * Log" (plain text). The failing build 391 is the documented one with its Job and a Task marked failed.
 */
class AzureLastGreenRunTest {
    private static final String PROJECT = "/fabrikam/Fabrikam-Fiber-Git";
    private static final String BUILDS = PROJECT + "/_apis/build/builds";

    private final CiTestKit kit = new CiTestKit();
    private WireMockServer api;
    private AzureProvider azure;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        HttpUrl base = HttpUrl.get("http://localhost:" + api.port() + "/fabrikam");
        var http = kit.http("az", new HostPolicy(base, List.of()), ApiAuth.basic("", () -> TOKEN));
        azure = new AzureProvider("az", HttpUrl.get("https://dev.azure.com/fabrikam"), http, CiTestKit.caches());
        api.stubFor(get(urlPathEqualTo(PROJECT + "/_apis/build/definitions/25"))
                .willReturn(okJson(fixture("azure/green-run/definition.json"))));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    /** Build 391 of definition 25 on {@code branch}, failed, as resolve reads it. */
    private Run failingBuildOn(String branch) {
        api.stubFor(get(urlPathEqualTo(BUILDS + "/391")).willReturn(okJson(fixture("azure/documented/builds-get-failed.json")
                .replace("\"refs/heads/master\"", "\"" + branch + "\""))));
        api.stubFor(get(urlPathEqualTo(BUILDS + "/391/timeline")).willReturn(okJson(fixture("azure/documented/timeline-failed-job.json"))));
        var link = ((LinkResult.Parsed) azure.parseLink("https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391")).link();
        return ((ResolveResult.Resolved) azure.resolve(link)).run();
    }

    private GreenRunResult lastGreenOf(Run failing) {
        return azure.lastGreen(failing, failing.failedJobs().getFirst());
    }

    private static MappingBuilder greenBuildsOf(String branch) {
        return get(urlPathEqualTo(BUILDS)).withQueryParam("definitions", equalTo("25"))
                .withQueryParam("branchName", equalTo(branch)).withQueryParam("resultFilter", equalTo("succeeded"));
    }

    private void stubGreenBuild(String timelineJson) {
        api.stubFor(greenBuildsOf("refs/heads/master").willReturn(okJson(fixture("azure/green-run/builds-list.json"))));
        api.stubFor(get(urlPathEqualTo(BUILDS + "/380/timeline")).willReturn(okJson(timelineJson)));
        api.stubFor(get(urlPathEqualTo(BUILDS + "/380/logs/4")).willReturn(aResponse().withBody("Build succeeded.\n    0 Error(s)\n")));
    }

    @Test
    void theSameJobOfTheLastGreenBuildOfTheDefinitionIsFoundAndItsLogRead() {
        Run failing = failingBuildOn("refs/heads/master");
        stubGreenBuild(fixture("azure/documented/timeline-get.200.json"));

        var found = (GreenRunResult.Found) lastGreenOf(failing);

        assertThat(found.job().ref().name()).isEqualTo("Build");
        assertThat(found.job().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(found.webUrl()).isEqualTo("https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=380");
        api.verify(getRequestedFor(urlPathEqualTo(BUILDS)).withQueryParam("api-version", equalTo("7.1"))
                .withQueryParam("statusFilter", equalTo("completed")));
        JobLog log = ((FetchResult.Fetched) azure.fetchLog(found.job(), 64 * 1024)).log();
        assertThat(log.lines().getLast().text()).contains("0 Error(s)");
        azure.fetchLog(found.job(), 64 * 1024);
        api.verify(1, getRequestedFor(urlPathEqualTo(BUILDS + "/380/logs/4")));
    }

    @Test
    void aBranchWithoutAGreenBuildFallsBackToTheDefinitionsDefaultBranch() {
        Run failing = failingBuildOn("refs/heads/feature");
        stubGreenBuild(fixture("azure/documented/timeline-get.200.json"));
        api.stubFor(greenBuildsOf("refs/heads/feature").willReturn(okJson("{\"count\": 0, \"value\": []}")));

        var found = (GreenRunResult.Found) lastGreenOf(failing);

        assertThat(found.job().ref().run().runId()).isEqualTo("380");
    }

    @Test
    void noGreenBuildOnEitherBranchIsNone() {
        Run failing = failingBuildOn("refs/heads/feature");
        api.stubFor(greenBuildsOf("refs/heads/feature").willReturn(okJson("{\"count\": 0, \"value\": []}")));
        api.stubFor(greenBuildsOf("refs/heads/master").willReturn(okJson("{\"count\": 0, \"value\": []}")));

        assertThat(lastGreenOf(failing)).isInstanceOf(GreenRunResult.None.class);
    }

    @Test
    void aGreenBuildNewerThanTheFailingOneIsNotItsBaseline() {
        Run failing = failingBuildOn("refs/heads/master");
        api.stubFor(greenBuildsOf("refs/heads/master").willReturn(okJson(fixture("azure/green-run/builds-list.json")
                .replace("\"id\": 380", "\"id\": 395"))));

        assertThat(((GreenRunResult.None) lastGreenOf(failing)).reason()).contains("before build 391");
    }

    @Test
    void aGreenBuildWithoutAJobOfTheSameNameIsNone() {
        Run failing = failingBuildOn("refs/heads/master");
        stubGreenBuild(fixture("azure/documented/timeline-get.200.json").replace("\"name\": \"Build\"", "\"name\": \"Package\""));

        assertThat(((GreenRunResult.None) lastGreenOf(failing)).reason()).contains("'Build' is not in the last green run 380");
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 500})
    void aFailedLookupIsAProblemNotAnException(int status) {
        Run failing = failingBuildOn("refs/heads/master");
        api.stubFor(greenBuildsOf("refs/heads/master").willReturn(aResponse().withStatus(status)
                .withBody("{\"message\":\"TF401027: You need the Git 'GenericRead' permission\"}")));

        var result = lastGreenOf(failing);

        assertThat(result).isInstanceOf(CiTestKit.problemFor(status));
    }

    @Test
    void aGreenLogOverTheCapKeepsItsHeadAndTailOnly() {
        Run failing = failingBuildOn("refs/heads/master");
        stubGreenBuild(fixture("azure/documented/timeline-get.200.json"));
        api.stubFor(get(urlPathEqualTo(BUILDS + "/380/logs/4")).willReturn(aResponse().withBody("Compiling module\n".repeat(5_000))));
        var found = (GreenRunResult.Found) lastGreenOf(failing);

        JobLog log = ((FetchResult.Fetched) azure.fetchLog(found.job(), 2 * 1024)).log();

        assertThat(log.capped()).isTrue();
        assertThat(log.lines().getLast().number()).isEqualTo(5_000);
    }

    @Test
    void urlsInTheAnswersAreNeverRequestedAndTheLinkIsBuiltFromTheConfiguredWebHost() {
        CiTestKit.neverCalled(other -> {
            Run failing = failingBuildOn("refs/heads/master");
            stubGreenBuild(fixture("azure/documented/timeline-get.200.json").replace("https://dev.azure.com", other));
            api.stubFor(greenBuildsOf("refs/heads/master").willReturn(okJson(fixture("azure/green-run/builds-list.json")
                    .replace("https://dev.azure.com", other))));

            var found = (GreenRunResult.Found) lastGreenOf(failing);
            azure.fetchLog(found.job(), 64 * 1024);

            assertThat(found.webUrl()).startsWith("https://dev.azure.com/fabrikam/");
        });
    }
}
