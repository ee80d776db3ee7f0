package dev.pipelinetriage.adapter.ci.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.pipelinetriage.adapter.ci.CiTestKit.TOKEN;
import static dev.pipelinetriage.adapter.ci.CiTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.ci.ApiAuth;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.ci.HostPolicy;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.CiProvider.RerunRequest;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.app.port.RerunResult;
import dev.pipelinetriage.app.port.ResolveResult;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.RunRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Azure Pipelines against WireMock fakes serving the examples of learn.microsoft.com "Builds - Get", "Timeline -
 * Get" and "Builds - Get Build Logs" (MicrosoftDocs/vsts-rest-api-specs 5.0 httpExamples; the docs have no failed
 * example, so one Job and one Task record are marked failed), "Builds - Update Build" (retry=true), and the
 * "Rate and usage limits" page (429 TF400733 + Retry-After).
 */
class AzureProviderTest {
    private static final String PROJECT = "/fabrikam/Fabrikam-Fiber-Git/_apis/build/builds/391";
    private static final String JOB_ID = "045f4ce9-cb71-424f-84de-4ab19281dc70";

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
        api.stubFor(get(urlPathEqualTo(PROJECT)).willReturn(okJson(fixture("azure/documented/builds-get-failed.json"))));
        api.stubFor(get(urlPathEqualTo(PROJECT + "/timeline")).willReturn(okJson(fixture("azure/documented/timeline-failed-job.json"))));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    private CiLink link(String url) {
        return ((LinkResult.Parsed) azure.parseLink(url)).link();
    }

    @Test
    void buildResultsLinkResolvesTheFailedJobAndItsFailedTaskWithPatAuth() {
        var resolved = (ResolveResult.Resolved) azure.resolve(link("https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391&view=results"));

        assertThat(resolved.targets()).hasSize(1);
        Job job = resolved.targets().getFirst();
        assertThat(job.ref().id()).isEqualTo(JOB_ID);
        assertThat(job.failedStep()).isEqualTo("Build solution **\\*.sln");
        assertThat(resolved.run().webUrl()).isEqualTo("https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391");
        String basic = "Basic " + Base64.getEncoder().encodeToString((":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        api.verify(getRequestedFor(urlPathEqualTo(PROJECT)).withHeader("Authorization", equalTo(basic))
                .withQueryParam("api-version", equalTo("7.1")));
    }

    @Test
    void logLinkFetchesThatJobsLogByItsLogId() {
        api.stubFor(get(urlPathEqualTo(PROJECT + "/logs/4")).willReturn(aResponse().withBody("##[error]MSB3073: exited with code 1\n")));
        var resolved = (ResolveResult.Resolved) azure.resolve(link(
                "https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391&view=logs&j=" + JOB_ID));

        var log = ((FetchResult.Fetched) azure.fetchLog(resolved.targets().getFirst(), 4096)).log();

        assertThat(log.lines().getFirst().text()).contains("MSB3073");
    }

    @Test
    void signInPageInsteadOfDataMeansTheTokenIsInvalid() {
        api.stubFor(get(urlPathEqualTo(PROJECT)).willReturn(aResponse().withStatus(203).withBody("<html>Sign In</html>")));

        var result = azure.resolve(link("https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391"));

        assertThat(result).isInstanceOf(CiProblem.Unauthorized.class);
        assertThat(((CiProblem) result).message()).contains("sign-in page (203)");
    }

    @Test
    void blockedRequestReportsTheRetryAfterDelay() {
        api.stubFor(get(urlPathEqualTo(PROJECT)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("X-RateLimit-Resource", "Core").withBody("{\"message\":\"TF400733: The request has been canceled: "
                        + "Request was blocked due to exceeding usage of resource 'Core'\"}")));

        var result = azure.resolve(link("https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391"));

        assertThat(((CiProblem.RateLimited) result).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryPatchesTheBuildAndLinksItsResults() {
        api.stubFor(patch(urlPathEqualTo(PROJECT)).willReturn(okJson(fixture("azure/documented/builds-update-build.200.json"))));

        var result = azure.rerun(new RerunRequest.FailedJobsOf(link(
                "https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391").run().orElseThrow()));

        assertThat(result).isEqualTo(new RerunResult.Started("https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391", false));
        api.verify(1, patchRequestedFor(urlPathEqualTo(PROJECT)).withQueryParam("retry", equalTo("true")).withRequestBody(equalToJson("{}")));
    }

    /**
     * The documented build as a GitHub pull request build. The Build resource's {@code triggerInfo} is a string map
     * the docs leave without an example; these are the keys Azure Pipelines sets for a GitHub pull request.
     */
    private void stubPullRequestBuild(boolean fromFork) {
        api.stubFor(get(urlPathEqualTo(PROJECT)).willReturn(okJson(fixture("azure/documented/builds-get-failed.json")
                .replace("\"reason\": \"manual\"", "\"reason\": \"pullRequest\", \"triggerInfo\": {\"pr.number\": \"17\", "
                        + "\"pr.isFork\": \"" + (fromFork ? "True" : "False") + "\", \"pr.sourceBranch\": \"refs/heads/patch-1\"}"))));
        api.stubFor(patch(urlPathEqualTo(PROJECT)).willReturn(okJson(fixture("azure/documented/builds-update-build.200.json"))));
    }

    private RunRef build391() {
        return link("https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391").run().orElseThrow();
    }

    @Test
    void aBuildOfAPullRequestFromAForkIsNotRetriedAndNothingIsPatched() {
        stubPullRequestBuild(true);

        var result = azure.rerun(new RerunRequest.FailedJobsOf(build391()));

        assertThat(result).isInstanceOf(RerunResult.NotAllowed.class);
        assertThat(((RerunResult.NotAllowed) result).reason()).contains("pull request 17", "fork", "rerunForkRunsIn", "'az'");
        api.verify(0, patchRequestedFor(urlPathEqualTo(PROJECT)));
    }

    @Test
    void aBuildOfAPullRequestWithinTheRepositoryIsRetried() {
        stubPullRequestBuild(false);

        assertThat(azure.rerun(new RerunRequest.FailedJobsOf(build391()))).isInstanceOf(RerunResult.Started.class);
        api.verify(1, patchRequestedFor(urlPathEqualTo(PROJECT)));
    }

    @Test
    void aForkPullRequestBuildIsRetriedInAProjectNamedForIt() {
        stubPullRequestBuild(true);
        HttpUrl base = HttpUrl.get("http://localhost:" + api.port() + "/fabrikam");
        var allowing = new AzureProvider("az", HttpUrl.get("https://dev.azure.com/fabrikam"),
                kit.http("az", new HostPolicy(base, List.of()), ApiAuth.basic("", () -> TOKEN)), CiTestKit.caches(),
                Set.of("fabrikam-fiber-git"));

        assertThat(allowing.rerun(new RerunRequest.FailedJobsOf(build391()))).isInstanceOf(RerunResult.Started.class);
    }

    @Test
    void aBuildAzureWillNotRetryIsAClearErrorWithAzuresReasonAndNotAskedAgain() {
        // The body's shape is Azure DevOps' error object ({"$id", "innerException", "message", "typeName", ...}).
        api.stubFor(patch(urlPathEqualTo(PROJECT)).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
                "application/json").withBody("{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF215106: Build 391 "
                        + "cannot be retried because it is still in progress.\",\"typeName\":\"Microsoft.TeamFoundation.Build."
                        + "WebApi.InvalidBuildException, Microsoft.TeamFoundation.Build2.WebApi\",\"typeKey\":\"InvalidBuildException\","
                        + "\"errorCode\":0,\"eventId\":3000}")));

        var result = azure.rerun(new RerunRequest.FailedJobsOf(build391()));

        assertThat(result).isInstanceOf(CiProblem.Rejected.class);
        assertThat(((CiProblem) result).message()).contains("(400)", "cannot be retried because it is still in progress");
        api.verify(1, patchRequestedFor(urlPathEqualTo(PROJECT)));
    }

    @Test
    void singleJobRerunIsUnsupportedWithWhatToDoInstead() {
        var resolved = (ResolveResult.Resolved) azure.resolve(link("https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391"));

        var result = azure.rerun(new RerunRequest.SingleJob(resolved.targets().getFirst().ref()));

        assertThat(result).isInstanceOf(RerunResult.Unsupported.class);
        assertThat(api.findAll(patchRequestedFor(urlPathEqualTo(PROJECT)))).isEmpty();
    }
}
