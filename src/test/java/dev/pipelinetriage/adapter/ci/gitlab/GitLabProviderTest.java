package dev.pipelinetriage.adapter.ci.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.RunRef;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GitLab against WireMock fakes serving the shapes of docs.gitlab.com "Jobs API" (Get a single job, List
 * pipeline jobs, Get a log file: 200 or 404 "Job not found or no log file", Retry a job), "Pipelines API" (Get a
 * single pipeline) and "User and IP rate limits" (429 "Retry later" with RateLimit-* headers).
 */
class GitLabProviderTest {
    private static final String PROJECT = "/api/v4/projects/group%2Fsub%2Fproject";
    private static final RunRef PIPELINE = new RunRef("gl", CiKind.GITLAB, "group/sub/project", "6", 0);
    private static final Job JOB_7 = new Job(new JobRef(PIPELINE, "7", "teaspoon", 0), JobStatus.FAILED, null);

    private final CiTestKit kit = new CiTestKit();
    private WireMockServer api;
    private GitLabProvider gitlab;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        gitlab = provider(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    private GitLabProvider provider(Duration timeout) {
        var hosts = new HostPolicy(HttpUrl.get("http://localhost:" + api.port() + "/api/v4"), List.of());
        var http = kit.http("gl", hosts, ApiAuth.header("PRIVATE-TOKEN", () -> TOKEN), CiTestKit.policy(timeout), Dns.SYSTEM);
        return new GitLabProvider("gl", HttpUrl.get("https://gitlab.example.com"), http, CiTestKit.caches());
    }

    private void stubPipeline() {
        api.stubFor(get(PROJECT + "/pipelines/6").willReturn(okJson(fixture("gitlab/documented/get-pipeline.200.json")
                .replace("\"status\": \"success\"", "\"status\": \"failed\""))));
        api.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines/6/jobs"))
                .willReturn(okJson(fixture("gitlab/documented/list-pipeline-jobs.200.json"))));
    }

    private CiLink link(String url) {
        return ((LinkResult.Parsed) gitlab.parseLink(url)).link();
    }

    @Test
    void pipelineLinkInANestedGroupResolvesItsFailedJobsWithThePathEncodedOnce() {
        stubPipeline();

        var resolved = (ResolveResult.Resolved) gitlab.resolve(link("https://gitlab.example.com/group/sub/project/-/pipelines/6"));

        assertThat(resolved.run().status()).isEqualTo(JobStatus.FAILED);
        assertThat(resolved.targets()).extracting(j -> j.ref().name()).containsExactly("rspec:other", "teaspoon");
        assertThat(resolved.run().webUrl()).isEqualTo("https://gitlab.example.com/group/sub/project/-/pipelines/6");
        api.verify(getRequestedFor(urlPathEqualTo(PROJECT + "/pipelines/6")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
    }

    @Test
    void jobLinkResolvesThatJobInItsPipeline() {
        stubPipeline();
        api.stubFor(get(PROJECT + "/jobs/7").willReturn(okJson(fixture("gitlab/documented/get-job.200.json").replace("\"id\": 8", "\"id\": 7"))));

        var resolved = (ResolveResult.Resolved) gitlab.resolve(link("https://gitlab.example.com/group/sub/project/-/jobs/7"));

        assertThat(resolved.targets()).containsExactly(JOB_7);
    }

    @Test
    void traceIsFetchedAndTheRunnerOutputLimitMarksTheLogCutAtSource() {
        api.stubFor(get(PROJECT + "/jobs/7/trace").willReturn(aResponse().withBody(fixture("gitlab/documented/trace-truncated-by-runner.txt"))));

        var log = ((FetchResult.Fetched) gitlab.fetchLog(JOB_7, 4096)).log();

        assertThat(log.capped()).isFalse();
        assertThat(log.cutAtSource()).isTrue();
        assertThat(log.truncated()).isTrue();
    }

    @Test
    void aTraceServedAsAZipArchiveIsAClearProblemNotAnExcerptOfCompressedBytes() throws Exception {
        var zip = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("trace.txt"));
            out.write(fixture("gitlab/documented/trace-truncated-by-runner.txt").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        api.stubFor(get(PROJECT + "/jobs/7/trace").willReturn(aResponse().withHeader("Content-Type", "application/zip")
                .withBody(zip.toByteArray())));

        var result = gitlab.fetchLog(JOB_7, 4096);

        assertThat(result).isInstanceOf(CiProblem.Rejected.class);
        assertThat(((CiProblem) result).message()).contains("the log of job 7", "zip archive", "'gl'");
    }

    @Test
    void aLogThatTricklesPastTheDeadlineIsATimeoutNotAHang() {
        var slow = provider(Duration.ofMillis(1000));
        api.stubFor(get(PROJECT + "/jobs/7/trace").willReturn(aResponse().withBody("line\n".repeat(200))
                .withChunkedDribbleDelay(20, 4_000)));

        var result = slow.fetchLog(JOB_7, 4096);

        assertThat(result).isInstanceOf(CiProblem.TimedOut.class);
        assertThat(((CiProblem) result).message()).contains("the log of job 7", "'gl'");
    }

    @Test
    void missingTraceSaysTheLogMayHaveBeenErased() {
        api.stubFor(get(PROJECT + "/jobs/7/trace").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"404 Not found\"}")));

        var result = gitlab.fetchLog(JOB_7, 4096);

        assertThat(result).isInstanceOf(CiProblem.NotFound.class);
        assertThat(((CiProblem) result).message()).contains("no log for job 7", "erased or expired");
    }

    @Test
    void expiredTokenIsUnauthorized() {
        api.stubFor(get(PROJECT + "/pipelines/6").willReturn(aResponse().withStatus(401).withBody("{\"message\":\"401 Unauthorized\"}")));

        var result = gitlab.resolve(CiLink.toRun(PIPELINE));

        assertThat(result).isInstanceOf(CiProblem.Unauthorized.class);
        assertThat(((CiProblem) result).message()).contains("invalid or expired").doesNotContain(TOKEN);
    }

    @Test
    void readOnlyTokenUsedForRetryNamesTheApiScope() {
        stubPipeline();
        api.stubFor(post(PROJECT + "/jobs/7/retry").willReturn(aResponse().withStatus(403)
                .withBody("{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher privileges than provided by the access token.\",\"scope\":\"api\"}")));

        var result = gitlab.rerun(new RerunRequest.SingleJob(JOB_7.ref()));

        assertThat(((CiProblem.Forbidden) result).requiredScope()).startsWith("api");
        api.verify(1, postRequestedFor(urlPathEqualTo(PROJECT + "/jobs/7/retry")));
    }

    @Test
    void rateLimitWithoutHeadersAssumesAMinuteAndIsReportedNotRetried() {
        api.stubFor(get(PROJECT + "/pipelines/6").willReturn(aResponse().withStatus(429)
                .withBody(fixture("gitlab/documented/rate-limited.429.txt"))));

        var result = gitlab.resolve(CiLink.toRun(PIPELINE));

        assertThat(((CiProblem.RateLimited) result).retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(((CiProblem) result).message()).contains("retry after 60 s");
        api.verify(1, getRequestedFor(urlPathEqualTo(PROJECT + "/pipelines/6")));
    }

    @Test
    void documentedRateLimitHeadersGiveTheWait() {
        api.stubFor(get(PROJECT + "/pipelines/6").willReturn(aResponse().withStatus(429)
                .withHeader("RateLimit-Limit", "60").withHeader("RateLimit-Name", "throttle_authenticated_api")
                .withHeader("RateLimit-Observed", "67").withHeader("RateLimit-Remaining", "0")
                .withHeader("RateLimit-Reset", Long.toString(CiTestKit.NOW.getEpochSecond() + 30))
                .withBody(fixture("gitlab/documented/rate-limited.429.txt"))));

        var result = gitlab.resolve(CiLink.toRun(PIPELINE));

        assertThat(((CiProblem.RateLimited) result).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryingAJobLinksTheNewJob() {
        stubPipeline();
        api.stubFor(post(PROJECT + "/jobs/7/retry").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("gitlab/documented/retry-job.response.json"))));

        var result = gitlab.rerun(new RerunRequest.SingleJob(JOB_7.ref()));

        assertThat(result).isEqualTo(new RerunResult.Started("https://gitlab.example.com/group/sub/project/-/jobs/1", false));
    }

    @Test
    void retryingThePipelineLinksThePipeline() {
        stubPipeline();
        api.stubFor(post(PROJECT + "/pipelines/6/retry").willReturn(okJson(fixture("gitlab/documented/get-pipeline.200.json"))));

        var result = gitlab.rerun(new RerunRequest.FailedJobsOf(PIPELINE));

        assertThat(result).isEqualTo(new RerunResult.Started("https://gitlab.example.com/group/sub/project/-/pipelines/6", false));
    }

    @Test
    void timedOutRetryFindsTheNewerJobInsteadOfRetryingAgain() {
        stubPipeline();
        var slow = provider(Duration.ofMillis(1000));
        api.stubFor(post(PROJECT + "/jobs/7/retry").willReturn(okJson("{}").withFixedDelay(3_000)));
        api.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines/6/jobs")).withQueryParam("include_retried", equalTo("true"))
                .willReturn(okJson("[{\"id\": 7, \"name\": \"teaspoon\", \"status\": \"failed\"},"
                        + "{\"id\": 9, \"name\": \"teaspoon\", \"status\": \"pending\"}]")));

        var result = slow.rerun(new RerunRequest.SingleJob(JOB_7.ref()));

        assertThat(result).isEqualTo(new RerunResult.Started("https://gitlab.example.com/group/sub/project/-/jobs/9", true));
        api.verify(1, postRequestedFor(urlPathEqualTo(PROJECT + "/jobs/7/retry")));
    }

    /** The documented pipeline as a merge request pipeline of merge request !1, whose answer is {@code mergeRequest}. */
    private void stubMergeRequestPipeline(String ref, String mergeRequest) {
        api.stubFor(get(PROJECT + "/pipelines/6").willReturn(okJson(fixture("gitlab/documented/get-pipeline.200.json")
                .replace("\"status\": \"success\"", "\"status\": \"failed\"")
                .replace("\"source\": \"push\"", "\"source\": \"merge_request_event\"")
                .replace("\"ref\": \"main\"", "\"ref\": \"" + ref + "\""))));
        api.stubFor(get(PROJECT + "/merge_requests/1").willReturn(okJson(mergeRequest)));
        api.stubFor(post(PROJECT + "/jobs/7/retry").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("gitlab/documented/retry-job.response.json"))));
        api.stubFor(post(PROJECT + "/pipelines/6/retry").willReturn(okJson(fixture("gitlab/documented/get-pipeline.200.json"))));
    }

    private static String sameProjectMergeRequest() {
        return fixture("gitlab/merge-request/from-fork.json").replace("\"source_project_id\": 2", "\"source_project_id\": 3");
    }

    @Test
    void aPipelineOfAMergeRequestFromAForkIsNotRetriedAndNothingIsPosted() {
        stubMergeRequestPipeline("refs/merge-requests/1/head", fixture("gitlab/merge-request/from-fork.json"));

        var job = gitlab.rerun(new RerunRequest.SingleJob(JOB_7.ref()));
        var pipeline = gitlab.rerun(new RerunRequest.FailedJobsOf(PIPELINE));

        assertThat(job).isInstanceOf(RerunResult.NotAllowed.class);
        assertThat(((RerunResult.NotAllowed) job).reason()).contains("merge request !1", "fork", "rerunForkRunsIn", "'gl'");
        assertThat(pipeline).isInstanceOf(RerunResult.NotAllowed.class);
        api.verify(0, postRequestedFor(urlPathEqualTo(PROJECT + "/jobs/7/retry")));
        api.verify(0, postRequestedFor(urlPathEqualTo(PROJECT + "/pipelines/6/retry")));
    }

    @Test
    void aMergedResultsPipelineOfAMergeRequestFromAForkIsNotRetriedEither() {
        stubMergeRequestPipeline("refs/merge-requests/1/merge", fixture("gitlab/merge-request/from-fork.json"));

        assertThat(gitlab.rerun(new RerunRequest.SingleJob(JOB_7.ref()))).isInstanceOf(RerunResult.NotAllowed.class);
    }

    @Test
    void aPipelineOfAMergeRequestWithinTheProjectIsRetried() {
        stubMergeRequestPipeline("refs/merge-requests/1/head", sameProjectMergeRequest());

        var result = gitlab.rerun(new RerunRequest.SingleJob(JOB_7.ref()));

        assertThat(result).isEqualTo(new RerunResult.Started("https://gitlab.example.com/group/sub/project/-/jobs/1", false));
    }

    @Test
    void aForkMergeRequestPipelineIsRetriedInAProjectNamedForItWithoutAskingAboutTheMergeRequest() {
        stubMergeRequestPipeline("refs/merge-requests/1/head", fixture("gitlab/merge-request/from-fork.json"));
        var hosts = new HostPolicy(HttpUrl.get("http://localhost:" + api.port() + "/api/v4"), List.of());
        var http = kit.http("gl", hosts, ApiAuth.header("PRIVATE-TOKEN", () -> TOKEN),
                CiTestKit.policy(Duration.ofSeconds(5)), Dns.SYSTEM);
        var allowing = new GitLabProvider("gl", HttpUrl.get("https://gitlab.example.com"), http, CiTestKit.caches(),
                Set.of("Group/Sub/Project"));

        var result = allowing.rerun(new RerunRequest.FailedJobsOf(PIPELINE));

        assertThat(result).isEqualTo(new RerunResult.Started("https://gitlab.example.com/group/sub/project/-/pipelines/6", false));
        api.verify(0, getRequestedFor(urlPathEqualTo(PROJECT + "/merge_requests/1")));
    }

    @Test
    void aMergeRequestPipelineWhoseRefNamesNoMergeRequestIsRefused() {
        stubMergeRequestPipeline("feature/login", sameProjectMergeRequest());

        var result = gitlab.rerun(new RerunRequest.SingleJob(JOB_7.ref()));

        assertThat(((RerunResult.NotAllowed) result).reason()).contains("'feature/login'", "unknown");
        api.verify(0, postRequestedFor(urlPathEqualTo(PROJECT + "/jobs/7/retry")));
    }

    @Test
    void aMergeRequestThatCannotBeReadStopsTheRetryWithTheReason() {
        stubMergeRequestPipeline("refs/merge-requests/1/head", "{}");
        api.stubFor(get(PROJECT + "/merge_requests/1").willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"404 Not found\"}")));

        var result = gitlab.rerun(new RerunRequest.SingleJob(JOB_7.ref()));

        assertThat(result).isInstanceOf(CiProblem.NotFound.class);
        api.verify(0, postRequestedFor(urlPathEqualTo(PROJECT + "/jobs/7/retry")));
    }
}
