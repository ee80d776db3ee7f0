package dev.pipelinetriage.adapter.ci.github;

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
import dev.pipelinetriage.app.port.CiProblem;
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
 * The last green run of a failed GitHub Actions job, against WireMock fakes serving the documented shapes of
 * docs.github.com "List workflow runs for a workflow" (the {@code workflow-run-paginated} example, its run made a
 * finished success the day before: fixtures/github/green-run/workflow-runs.json), "List jobs for a workflow run
 * attempt" (the {@code job-paginated} shape: green-run/jobs.json), "Get a repository" (only the fields read:
 * green-run/repo.json) and "Download job logs" (302 to log storage). The failing run is fixtures/github/failed-run.
 */
class GitHubLastGreenRunTest {
    private static final String REPO = GitHubFakes.REPO;
    private static final String RUNS = REPO + "/actions/workflows/159038/runs";
    private static final String NO_RUNS = "{\"total_count\": 0, \"workflow_runs\": []}";

    private final CiTestKit kit = new CiTestKit();
    private WireMockServer api;
    private WireMockServer blob;
    private GitHubProvider github;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort());
        blob = new WireMockServer(options().dynamicPort());
        api.start();
        blob.start();
        HttpUrl apiUrl = HttpUrl.get("http://localhost:" + api.port() + "/api/v3");
        var http = kit.http("gh", new HostPolicy(apiUrl, List.of("127.0.0.1")), ApiAuth.bearer(() -> TOKEN));
        github = new GitHubProvider("gh", HttpUrl.get("https://github.com"), http, CiTestKit.caches());
    }

    @AfterEach
    void stop() {
        api.stop();
        blob.stop();
    }

    /**
     * The failed run 30433642 as resolve reads it (workflow 159038, created 2020-01-22T19:33:08Z) on {@code branch},
     * in a repository whose default branch is main.
     */
    private Run failingRunOn(String branch) {
        api.stubFor(get(REPO).willReturn(okJson(fixture("github/green-run/repo.json"))));
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(fixture("github/failed-run/run.json")
                .replace("\"head_branch\": \"main\"", "\"head_branch\": \"" + branch + "\""))));
        api.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(fixture("github/failed-run/jobs.json"))));
        var link = ((LinkResult.Parsed) github.parseLink("https://github.com/octo-org/octo-repo/actions/runs/30433642")).link();
        return ((ResolveResult.Resolved) github.resolve(link)).run();
    }

    private static Job failedTestJob(Run run) {
        return run.failedJobs().getFirst();
    }

    private static MappingBuilder greenRunsOf(String branch) {
        return get(urlPathEqualTo(RUNS)).withQueryParam("branch", equalTo(branch)).withQueryParam("status", equalTo("success"));
    }

    private void stubGreenRun(String jobsJson) {
        api.stubFor(greenRunsOf("main").willReturn(okJson(fixture("github/green-run/workflow-runs.json"))));
        api.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433600/attempts/1/jobs")).willReturn(okJson(jobsJson)));
        api.stubFor(get(REPO + "/actions/jobs/399444401/logs").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + blob.port() + "/green.txt?sig=SIGNED")));
        blob.stubFor(get(urlPathEqualTo("/green.txt")).willReturn(aResponse().withBody(fixture("github/green-run/job-log.txt"))));
    }

    @Test
    void theSameJobOfTheLastGreenRunOnTheSameBranchIsFoundAndItsLogRead() {
        Run failing = failingRunOn("main");
        stubGreenRun(fixture("github/green-run/jobs.json"));

        var found = (GreenRunResult.Found) github.lastGreen(failing, failedTestJob(failing));

        assertThat(found.job().ref().id()).isEqualTo("399444401");
        assertThat(found.job().ref().name()).isEqualTo("test");
        assertThat(found.job().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(found.webUrl()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433600/attempts/1");
        api.verify(getRequestedFor(urlPathEqualTo(RUNS)).withQueryParam("branch", equalTo("main"))
                .withQueryParam("status", equalTo("success")).withQueryParam("created", equalTo("<2020-01-22T19:33:08Z"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        api.verify(0, getRequestedFor(urlPathEqualTo(REPO)));
        JobLog log = ((FetchResult.Fetched) github.fetchLog(found.job(), 64 * 1024)).log();
        assertThat(log.lines()).extracting(l -> l.text()).anyMatch(t -> t.contains("0 failures"));
    }

    @Test
    void theGreenLogIsCachedAsAnyFinishedJobsLog() {
        Run failing = failingRunOn("main");
        stubGreenRun(fixture("github/green-run/jobs.json"));
        var found = (GreenRunResult.Found) github.lastGreen(failing, failedTestJob(failing));

        github.fetchLog(found.job(), 64 * 1024);
        github.fetchLog(found.job(), 64 * 1024);

        api.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/actions/jobs/399444401/logs")));
    }

    @Test
    void aBranchWithoutAGreenRunFallsBackToTheDefaultBranch() {
        Run failing = failingRunOn("feature/x");
        stubGreenRun(fixture("github/green-run/jobs.json"));
        api.stubFor(greenRunsOf("feature/x").willReturn(okJson(NO_RUNS)));

        var found = (GreenRunResult.Found) github.lastGreen(failing, failedTestJob(failing));

        assertThat(found.job().ref().run().runId()).isEqualTo("30433600");
        api.verify(getRequestedFor(urlPathEqualTo(RUNS)).withQueryParam("branch", equalTo("feature/x")));
        api.verify(getRequestedFor(urlPathEqualTo(RUNS)).withQueryParam("branch", equalTo("main")));
    }

    @Test
    void noGreenRunOnTheBranchNorTheDefaultBranchIsNone() {
        Run failing = failingRunOn("feature/x");
        api.stubFor(greenRunsOf("feature/x").willReturn(okJson(NO_RUNS)));
        api.stubFor(greenRunsOf("main").willReturn(okJson(NO_RUNS)));

        var result = github.lastGreen(failing, failedTestJob(failing));

        assertThat(result).isInstanceOf(GreenRunResult.None.class);
        assertThat(((GreenRunResult.None) result).reason()).contains("main").contains("30433642");
    }

    @Test
    void aGreenRunThatIsTheFailingRunItselfOrNewerIsNotItsBaseline() {
        Run failing = failingRunOn("main");
        String rerunGreen = fixture("github/green-run/workflow-runs.json").replace("30433600", "30433642");
        String newer = fixture("github/green-run/workflow-runs.json").replace("2020-01-21T10:00:00Z", "2020-01-23T10:00:00Z");
        api.stubFor(greenRunsOf("main").willReturn(okJson(rerunGreen)));

        assertThat(github.lastGreen(failing, failedTestJob(failing))).isInstanceOf(GreenRunResult.None.class);

        api.stubFor(greenRunsOf("main").willReturn(okJson(newer)));
        assertThat(github.lastGreen(failing, failedTestJob(failing))).isInstanceOf(GreenRunResult.None.class);
    }

    @Test
    void aGreenRunWithoutAJobOfTheSameNameIsNone() {
        Run failing = failingRunOn("main");
        stubGreenRun(fixture("github/documented/list-jobs-for-workflow-run.200.json"));

        var result = github.lastGreen(failing, failedTestJob(failing));

        assertThat(result).isInstanceOf(GreenRunResult.None.class);
        assertThat(((GreenRunResult.None) result).reason()).contains("'test' is not in the last green run 30433600");
    }

    @Test
    void aJobThatWasSkippedInTheGreenRunIsNotABaseline() {
        Run failing = failingRunOn("main");
        stubGreenRun(fixture("github/green-run/jobs.json").replaceFirst(
                "(\"id\": 399444401,[\\s\\S]*?\"conclusion\": )\"success\"", "$1\"skipped\""));

        var result = github.lastGreen(failing, failedTestJob(failing));

        assertThat(((GreenRunResult.None) result).reason()).contains("'test' did not succeed");
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 500})
    void aFailedLookupIsAProblemNotAnException(int status) {
        Run failing = failingRunOn("main");
        api.stubFor(greenRunsOf("main").willReturn(aResponse().withStatus(status)
                .withBody("{\"message\":\"Resource not accessible by integration\"}")));

        var result = github.lastGreen(failing, failedTestJob(failing));

        assertThat(result).isInstanceOf(CiTestKit.problemFor(status));
        assertThat(((CiProblem) result).message()).doesNotContain(TOKEN);
    }

    @Test
    void aGreenLogOverTheCapKeepsItsHeadAndTailOnly() {
        Run failing = failingRunOn("main");
        stubGreenRun(fixture("github/green-run/jobs.json"));
        blob.stubFor(get(urlPathEqualTo("/green.txt")).willReturn(aResponse().withBody("green build output line\n".repeat(20_000))));
        var found = (GreenRunResult.Found) github.lastGreen(failing, failedTestJob(failing));

        JobLog log = ((FetchResult.Fetched) github.fetchLog(found.job(), 8 * 1024)).log();

        assertThat(log.capped()).isTrue();
        assertThat(log.sourceBytes()).isEqualTo(20_000L * "green build output line\n".length());
        assertThat(log.text().length()).isLessThanOrEqualTo(8 * 1024);
        assertThat(log.lines().getLast().number()).isEqualTo(20_000);
    }

    @Test
    void urlsInTheAnswersAreNeverRequestedAndTheLinkIsBuiltFromTheConfiguredWebHost() {
        CiTestKit.neverCalled(other -> {
            Run failing = failingRunOn("main");
            stubGreenRun(fixture("github/green-run/jobs.json").replace("https://api.github.com", other)
                    .replace("https://github.com", other));
            api.stubFor(greenRunsOf("main").willReturn(okJson(fixture("github/green-run/workflow-runs.json")
                    .replace("https://api.github.com", other).replace("https://github.com", other))));

            var found = (GreenRunResult.Found) github.lastGreen(failing, failedTestJob(failing));
            github.fetchLog(found.job(), 64 * 1024);

            assertThat(found.webUrl()).startsWith("https://github.com/octo-org/octo-repo/");
        });
    }
}
