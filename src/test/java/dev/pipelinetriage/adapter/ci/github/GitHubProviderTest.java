package dev.pipelinetriage.adapter.ci.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
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
import dev.pipelinetriage.domain.JobLog;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.testing.ClassServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitHub Actions against WireMock fakes serving the documented shapes from docs.github.com "REST API endpoints
 * for workflow runs" (Get a workflow run, Re-run failed jobs) and "REST API endpoints for workflow jobs" (Get a
 * job, List jobs for a workflow run attempt, Download job logs: 302 to a short-lived URL), as captured in the
 * github/rest-api-description OpenAPI examples. The spec has no failed-job example, so fixtures/github/failed-run
 * is the documented job shape with conclusion "failure".
 */
class GitHubProviderTest {
    private static final String REPO = "/api/v3/repos/octo-org/octo-repo";
    private static final RunRef RUN = new RunRef("gh", CiKind.GITHUB, "octo-org/octo-repo", "30433642", 1);
    private static final Job FAILED_JOB = new Job(new JobRef(RUN, "399444497", "test", 1), JobStatus.FAILED, "Run Tests");

    @RegisterExtension
    static final ClassServer<WireMockServer> API = ClassServer.wireMock();
    @RegisterExtension
    static final ClassServer<WireMockServer> BLOB = ClassServer.wireMock();

    private final CiTestKit kit = new CiTestKit();
    private WireMockServer api;
    private WireMockServer blob;
    private GitHubProvider github;

    @BeforeEach
    void start() {
        api = API.get();
        blob = BLOB.get();
        github = provider(CiTestKit.policy(Duration.ofSeconds(5)));
    }

    private GitHubProvider provider(dev.pipelinetriage.adapter.ci.HttpPolicy policy) {
        HttpUrl apiUrl = HttpUrl.get("http://localhost:" + api.port() + "/api/v3");
        var hosts = new HostPolicy(apiUrl, List.of("127.0.0.1", "*.blob.core.windows.net"));
        var http = kit.http("gh", hosts, ApiAuth.bearer(() -> TOKEN), policy, Dns.SYSTEM);
        return new GitHubProvider("gh", HttpUrl.get("https://github.com"), http, CiTestKit.caches());
    }

    private void stubFailedRun() {
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(fixture("github/failed-run/run.json"))));
        api.stubFor(get(REPO + "/actions/runs/30433642/attempts/1").willReturn(okJson(fixture("github/failed-run/run.json"))));
        api.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(fixture("github/failed-run/jobs.json"))));
    }

    private CiLink link(String url) {
        return ((LinkResult.Parsed) github.parseLink(url)).link();
    }

    @Test
    void runLinkResolvesToTheRunsFailedJobsWithTheirFailedStep() {
        stubFailedRun();

        var result = github.resolve(link("https://github.com/octo-org/octo-repo/actions/runs/30433642"));

        var resolved = (ResolveResult.Resolved) result;
        assertThat(resolved.run().status()).isEqualTo(JobStatus.FAILED);
        assertThat(resolved.run().ref().attempt()).isEqualTo(1);
        assertThat(resolved.run().jobs()).hasSize(2);
        assertThat(resolved.targets()).containsExactly(FAILED_JOB);
        assertThat(resolved.run().webUrl()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/1");
        api.verify(getRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void documentedSuccessfulRunHasNoTargets() {
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(fixture("github/documented/get-workflow-run.200.json"))));
        api.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(fixture("github/documented/list-jobs-for-workflow-run.200.json"))));

        var resolved = (ResolveResult.Resolved) github.resolve(link("https://github.com/octo-org/octo-repo/actions/runs/30433642"));

        assertThat(resolved.run().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(resolved.run().jobs()).extracting(Job::status).containsExactly(JobStatus.SUCCEEDED);
        assertThat(resolved.targets()).isEmpty();
    }

    @Test
    void checkRunLinkIsResolvedThroughTheJobEndpoint() {
        stubFailedRun();
        api.stubFor(get(REPO + "/actions/jobs/399444497").willReturn(okJson(fixture("github/failed-run/job.json"))));

        var resolved = (ResolveResult.Resolved) github.resolve(link("https://github.com/octo-org/octo-repo/runs/399444497?check_suite_focus=true"));

        assertThat(resolved.targets()).containsExactly(FAILED_JOB);
    }

    @Test
    void jobLinkOfAnotherRunIsNotFound() {
        api.stubFor(get(REPO + "/actions/jobs/399444497").willReturn(okJson(fixture("github/failed-run/job.json"))));

        var result = github.resolve(link("https://github.com/octo-org/octo-repo/actions/runs/777/job/399444497"));

        assertThat(result).isInstanceOf(CiProblem.NotFound.class);
        assertThat(((CiProblem) result).message()).contains("does not belong to run 777");
    }

    @Test
    void githubLogRedirectIsFollowedWithoutToken() {
        String signed = "http://127.0.0.1:" + blob.port() + "/actions-results/job-logs.txt?sv=2023&se=2026&sig=SIGNATURE";
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(302).withHeader("Location", signed)));
        blob.stubFor(get(urlPathEqualTo("/actions-results/job-logs.txt"))
                .willReturn(aResponse().withStatus(200).withBody(fixture("github/failed-run/job-log.txt"))));

        var log = ((FetchResult.Fetched) github.fetchLog(FAILED_JOB, 1024 * 1024)).log();

        assertThat(log.truncated()).isFalse();
        assertThat(log.lines()).hasSize(7);
        assertThat(log.lines().get(6).text()).endsWith("##[error]Process completed with exit code 1.");
        api.verify(getRequestedFor(urlPathEqualTo(REPO + "/actions/jobs/399444497/logs"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        blob.verify(1, getRequestedFor(urlPathEqualTo("/actions-results/job-logs.txt"))
                .withoutHeader("Authorization").withQueryParam("sig", equalTo("SIGNATURE")));
    }

    @Test
    void logRedirectToAnUnlistedHostIsNotFollowedAndTheSignedUrlIsNotShown() {
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://evil.example.com/logs.txt?sig=SIGNATURE")));

        var result = github.fetchLog(FAILED_JOB, 1024 * 1024);

        assertThat(result).isInstanceOf(CiProblem.Blocked.class);
        assertThat(((CiProblem) result).message()).contains("evil.example.com").doesNotContain("SIGNATURE").doesNotContain("sig=");
    }

    @Test
    void logRedirectDowngradingToAnotherPortOfTheApiHostKeepsNoToken() {
        // Same host name as the API but another origin: the token must not follow it.
        var hosts = new HostPolicy(HttpUrl.get("http://localhost:" + api.port() + "/api/v3"), List.of("localhost"));
        var p = new GitHubProvider("gh", HttpUrl.get("https://github.com"),
                kit.http("gh", hosts, ApiAuth.bearer(() -> TOKEN)), CiTestKit.caches());
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://localhost:" + blob.port() + "/l.txt?sig=S")));
        blob.stubFor(get(urlPathEqualTo("/l.txt")).willReturn(aResponse().withBody("line\n")));

        assertThat(p.fetchLog(FAILED_JOB, 4096)).isInstanceOf(FetchResult.Fetched.class);
        blob.verify(getRequestedFor(urlPathEqualTo("/l.txt")).withoutHeader("Authorization"));
    }

    @Test
    void logStorageHostResolvingToAPrivateAddressIsRefused() {
        Dns rebinding = host -> host.endsWith(".blob.core.windows.net")
                ? List.of(java.net.InetAddress.getLoopbackAddress()) : Dns.SYSTEM.lookup(host);
        var hosts = new HostPolicy(HttpUrl.get("http://localhost:" + api.port() + "/api/v3"), List.of("*.blob.core.windows.net"));
        var p = new GitHubProvider("gh", HttpUrl.get("https://github.com"),
                kit.http("gh", hosts, ApiAuth.bearer(() -> TOKEN), CiTestKit.policy(Duration.ofSeconds(5)), rebinding),
                CiTestKit.caches());
        // The API is plain http in tests, so an http storage URL is allowed by scheme; the address check must stop it.
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://productionresultssa0.blob.core.windows.net:" + blob.port() + "/l.txt?sig=S")));

        var result = p.fetchLog(FAILED_JOB, 4096);

        assertThat(result).isInstanceOf(CiProblem.Blocked.class);
        assertThat(((CiProblem) result).message()).contains("private or loopback address");
        assertThat(blob.getAllServeEvents()).isEmpty();
    }

    @Test
    void expiredSignedUrlIsRefreshedOnceFromTheApi() {
        String signed = "http://127.0.0.1:" + blob.port() + "/l.txt?sig=S";
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(302).withHeader("Location", signed)));
        blob.stubFor(get(urlPathEqualTo("/l.txt")).inScenario("expiry").whenScenarioStateIs(STARTED).willSetStateTo("fresh")
                .willReturn(aResponse().withStatus(403).withBody("<Error><Code>AuthenticationFailed</Code></Error>")));
        blob.stubFor(get(urlPathEqualTo("/l.txt")).inScenario("expiry").whenScenarioStateIs("fresh")
                .willReturn(aResponse().withBody("ok\n")));

        assertThat(github.fetchLog(FAILED_JOB, 4096)).isInstanceOf(FetchResult.Fetched.class);
        api.verify(2, getRequestedFor(urlPathEqualTo(REPO + "/actions/jobs/399444497/logs")));
    }

    @Test
    void aSignedUrlStillRefusedAfterTheOneRefreshIsAClearProblemWithoutTheSignature() {
        String signed = "http://127.0.0.1:" + blob.port() + "/l.txt?sig=SECRETSIGNATURE";
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(302).withHeader("Location", signed)));
        blob.stubFor(get(urlPathEqualTo("/l.txt")).willReturn(aResponse().withStatus(403)
                .withBody("<Error><Code>AuthenticationFailed</Code></Error>")));

        var result = github.fetchLog(FAILED_JOB, 4096);

        assertThat(result).isInstanceOf(CiProblem.class);
        assertThat(((CiProblem) result).message()).contains("job 399444497", "refused the signed download link", "twice")
                .doesNotContain("SECRETSIGNATURE");
        api.verify(2, getRequestedFor(urlPathEqualTo(REPO + "/actions/jobs/399444497/logs")));
        blob.verify(2, getRequestedFor(urlPathEqualTo("/l.txt")));
    }

    @Test
    void secondRedirectFromLogStorageIsNotFollowed() {
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + blob.port() + "/l.txt?sig=S")));
        blob.stubFor(get(urlPathEqualTo("/l.txt")).willReturn(aResponse().withStatus(302).withHeader("Location", "http://10.0.0.5/")));

        var result = github.fetchLog(FAILED_JOB, 4096);

        assertThat(result).isInstanceOf(CiProblem.Blocked.class);
        assertThat(((CiProblem) result).message()).contains("only one hop");
    }

    @Test
    void expiredLogIsReportedWithTheRetentionReason() {
        // Shape seen from the API after retention (rust-lang/triagebot#2241).
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(410)
                .withBody("{\"message\":\"Server Error\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"410\"}")));

        var result = github.fetchLog(FAILED_JOB, 4096);

        assertThat(result).isInstanceOf(CiProblem.Expired.class);
        assertThat(((CiProblem) result).message()).contains("90 days");
    }

    @Test
    void hugeLogIsCappedKeepingHeadAndTailWithOriginalLineNumbers() {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) {
            body.append("line ").append(i).append(" of a long build output\n");
        }
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withBody(body.toString())));

        JobLog log = ((FetchResult.Fetched) github.fetchLog(FAILED_JOB, 64 * 1024)).log();

        assertThat(log.capped()).isTrue();
        assertThat(log.truncated()).isTrue();
        assertThat(log.sourceBytes()).isEqualTo(body.length());
        assertThat(log.lines().getFirst()).isEqualTo(new LogLine(1, "line 1 of a long build output"));
        assertThat(log.lines().getLast()).isEqualTo(new LogLine(100_000, "line 100000 of a long build output"));
        assertThat(log.lines()).allSatisfy(l -> assertThat(l.text()).isEqualTo("line " + l.number() + " of a long build output"));
        assertThat(log.text().length()).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void finishedJobsLogIsServedFromCacheTheSecondTime() {
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withBody("only once\n")));

        github.fetchLog(FAILED_JOB, 4096);
        var second = github.fetchLog(FAILED_JOB, 4096);

        assertThat(((FetchResult.Fetched) second).log().lines()).containsExactly(new LogLine(1, "only once"));
        api.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/actions/jobs/399444497/logs")));
    }

    @Test
    void unauthorizedSaysTheTokenIsInvalidOrExpired() {
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\"}")));

        var result = github.resolve(CiLink.toRun(RUN.withAttempt(0)));

        assertThat(result).isInstanceOf(CiProblem.Unauthorized.class);
        assertThat(((CiProblem) result).message()).contains("'gh'", "invalid or expired").doesNotContain(TOKEN);
    }

    @Test
    void forbiddenNamesTheMissingScopeAndIsNotRetried() {
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Must have admin rights to Repository.\"}")));

        var result = github.fetchLog(FAILED_JOB, 4096);

        assertThat(result).isInstanceOf(CiProblem.Forbidden.class);
        assertThat(((CiProblem.Forbidden) result).requiredScope()).contains("actions:read");
        assertThat(((CiProblem) result).message()).contains("actions:read", "Must have admin rights");
        api.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/actions/jobs/399444497/logs")));
        assertThat(kit.sleeps).isEmpty();
    }

    @Test
    void notFoundSaysToCheckTheLinkAndTheTokensAccess() {
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        var result = github.resolve(CiLink.toRun(RUN.withAttempt(0)));

        assertThat(result).isInstanceOf(CiProblem.NotFound.class);
        assertThat(((CiProblem) result).message()).contains("Run 30433642 in octo-org/octo-repo was not found", "404");
    }

    @Test
    void primaryRateLimitHoldsLaterRequestsBackUntilReset() {
        // docs.github.com "Rate limits for the REST API": exceeding the primary limit gives 403 or 429 with remaining 0.
        long reset = CiTestKit.NOW.getEpochSecond() + 40 * 60;
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset))
                .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\"}")));

        var first = github.resolve(CiLink.toRun(RUN.withAttempt(0)));
        var second = github.resolve(CiLink.toRun(RUN.withAttempt(0)));

        assertThat(first).isInstanceOf(CiProblem.RateLimited.class);
        assertThat(((CiProblem.RateLimited) first).retryAfter()).isEqualTo(Duration.ofMinutes(40));
        assertThat(((CiProblem) first).message()).contains("retry after 2400 s");
        assertThat(second).isInstanceOf(CiProblem.RateLimited.class);
        api.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642")));
    }

    @Test
    void shortRetryAfterIsHonouredThenTheRequestSucceeds() {
        stubFailedRun();
        api.stubFor(get(REPO + "/actions/runs/30433642").inScenario("limit").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        api.stubFor(get(REPO + "/actions/runs/30433642").inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(okJson(fixture("github/failed-run/run.json"))));

        var result = github.resolve(CiLink.toRun(RUN.withAttempt(0)));

        assertThat(result).isInstanceOf(ResolveResult.Resolved.class);
        assertThat(kit.sleeps).hasSize(1);
        assertThat(kit.sleeps.getFirst()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void secondaryLimitWithoutHeadersWaitsAtLeastAMinuteSoIsReportedNotRetried() {
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes.\"}")));

        var result = github.resolve(CiLink.toRun(RUN.withAttempt(0)));

        assertThat(result).isInstanceOf(CiProblem.RateLimited.class);
        assertThat(((CiProblem.RateLimited) result).retryAfter()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        api.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642")));
    }

    @Test
    void serverErrorsAreRetriedWithJitteredBackoffThenReported() {
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(aResponse().withStatus(502)));

        var result = github.resolve(CiLink.toRun(RUN.withAttempt(0)));

        assertThat(result).isInstanceOf(CiProblem.ServerError.class);
        assertThat(((CiProblem) result).message()).contains("server error (502)", "try again later");
        api.verify(3, getRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642")));
        assertThat(kit.sleeps).hasSize(2);
        assertThat(kit.sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(kit.sleeps.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void slowApiGivesATimeoutMessage() {
        var slow = provider(CiTestKit.policy(Duration.ofMillis(1000)));
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson("{}").withFixedDelay(3_000)));

        var result = slow.resolve(CiLink.toRun(RUN.withAttempt(0)));

        assertThat(result).isInstanceOf(CiProblem.TimedOut.class);
        assertThat(((CiProblem) result).message()).contains("did not answer in time");
    }

    @Test
    void rerunOfFailedJobsSendsNoDebugFlagAndLinksTheNewAttempt() {
        stubRunAttempts();
        api.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs").inScenario("rerun")
                .whenScenarioStateIs(STARTED).willSetStateTo("rerun").willReturn(aResponse().withStatus(201).withBody("{}")));

        var result = github.rerun(new RerunRequest.FailedJobsOf(RUN));

        assertThat(result).isEqualTo(new RerunResult.Started(
                "https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/2", false));
        api.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs"))
                .withRequestBody(equalToJson("{}")));
    }

    @Test
    void rerunOfOneJobUsesTheJobEndpoint() {
        stubRunAttempts();
        api.stubFor(post(REPO + "/actions/jobs/399444497/rerun").inScenario("rerun").whenScenarioStateIs(STARTED)
                .willSetStateTo("rerun").willReturn(aResponse().withStatus(201).withBody("{}")));

        var result = github.rerun(new RerunRequest.SingleJob(FAILED_JOB.ref()));

        assertThat(result).isEqualTo(new RerunResult.Started(
                "https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/2", false));
        api.verify(postRequestedFor(urlPathEqualTo(REPO + "/actions/jobs/399444497/rerun")).withRequestBody(equalToJson("{}")));
    }

    @Test
    void rerunWithoutWritePermissionNamesTheScopeAndIsNotRetried() {
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(fixture("github/failed-run/run.json")
                .replace("\"created_at\": \"2020-01-22T19:33:08Z\"", "\"created_at\": \"2026-11-25T19:33:08Z\""))));
        api.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs").willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible by integration\"}")));

        var result = github.rerun(new RerunRequest.FailedJobsOf(RUN));

        assertThat(((CiProblem.Forbidden) result).requiredScope()).contains("actions:write");
        api.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));
    }

    @Test
    void aRefusedRerunOfARunOlderThanGitHubsThirtyDaysSaysSoInsteadOfBlamingTheToken() {
        stubRunAttempts(); // the documented run started on 2020-01-22
        api.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs").willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Unable to re-run this workflow run\"}")));

        var result = github.rerun(new RerunRequest.FailedJobsOf(RUN));

        assertThat(result).isInstanceOfSatisfying(RerunResult.Unsupported.class, unsupported -> assertThat(unsupported.reason())
                .contains("started on 2020-01-22", "within 30 days").doesNotContain("actions:write"));
    }

    @Test
    void aRefusedRerunOfARunRerunFiftyTimesSaysSo() {
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(fixture("github/failed-run/run.json")
                .replace("\"created_at\": \"2020-01-22T19:33:08Z\"", "\"created_at\": \"2026-11-25T19:33:08Z\"")
                .replace("\"run_attempt\": 1", "\"run_attempt\": 51"))));
        api.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs").willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Unable to re-run this workflow run\"}")));

        var result = github.rerun(new RerunRequest.FailedJobsOf(RUN));

        assertThat(((RerunResult.Unsupported) result).reason()).contains("rerun 50 times", "at most 50");
    }

    @Test
    void rerunServerErrorIsNotRetriedBecausePostIsNotIdempotent() {
        stubRunAttempts();
        api.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs").willReturn(aResponse().withStatus(503)));

        assertThat(github.rerun(new RerunRequest.FailedJobsOf(RUN))).isInstanceOf(CiProblem.ServerError.class);
        api.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));
    }

    @Test
    void timedOutRerunLooksForTheNewAttemptInsteadOfPostingAgain() {
        var slow = provider(CiTestKit.policy(Duration.ofMillis(1000)));
        stubRunAttempts();
        api.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs").inScenario("rerun").whenScenarioStateIs(STARTED)
                .willSetStateTo("rerun").willReturn(aResponse().withStatus(201).withBody("{}").withFixedDelay(3_000)));

        var result = slow.rerun(new RerunRequest.FailedJobsOf(RUN));

        assertThat(result).isEqualTo(new RerunResult.Started(
                "https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/2", true));
        api.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));
    }

    @Test
    void timedOutRerunWithoutANewAttemptIsReportedNotRepeated() {
        var slow = provider(CiTestKit.policy(Duration.ofMillis(1000)));
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(fixture("github/failed-run/run.json"))));
        api.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs")
                .willReturn(aResponse().withStatus(201).withBody("{}").withFixedDelay(3_000)));

        var result = slow.rerun(new RerunRequest.FailedJobsOf(RUN));

        assertThat(result).isInstanceOf(CiProblem.TimedOut.class);
        assertThat(((CiProblem) result).message()).contains("no new attempt exists", "before asking again");
        api.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));
    }

    /** Attempt 1 until a rerun POST moves the "rerun" scenario on, attempt 2 after. */
    /**
     * The run as "Get a workflow run" documents it (fixture github/failed-run/run.json), started by {@code event} from
     * the code of {@code headRepository}.
     */
    private void stubRunStartedBy(String event, String headRepository) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var run = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(fixture("github/failed-run/run.json"));
        run.put("event", event);
        ((com.fasterxml.jackson.databind.node.ObjectNode) run.get("repository")).put("full_name", "octo-org/octo-repo");
        ((com.fasterxml.jackson.databind.node.ObjectNode) run.get("head_repository")).put("full_name", headRepository);
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(mapper.writeValueAsString(run))));
    }

    private GitHubProvider reruningForkRunsIn(String repository) {
        HttpUrl apiUrl = HttpUrl.get("http://localhost:" + api.port() + "/api/v3");
        var http = kit.http("gh", new HostPolicy(apiUrl, List.of("127.0.0.1")), ApiAuth.bearer(() -> TOKEN),
                CiTestKit.policy(Duration.ofSeconds(5)), Dns.SYSTEM);
        return new GitHubProvider("gh", HttpUrl.get("https://github.com"), http, CiTestKit.caches(), Set.of(repository));
    }

    @Test
    void aRunOfAPullRequestFromAForkIsNotRerunAndNothingIsPosted() throws Exception {
        stubRunStartedBy("pull_request", "someone/octo-repo");

        var result = github.rerun(new RerunRequest.FailedJobsOf(RUN));

        assertThat(result).isInstanceOfSatisfying(RerunResult.NotAllowed.class, notAllowed -> assertThat(notAllowed.reason())
                .contains("built code from outside octo-org/octo-repo").contains("rerunForkRunsIn of CI instance 'gh'"));
        api.verify(0, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));
    }

    @Test
    void aPullRequestTargetRunIsNotRerunEvenFromTheRepositoryItself() throws Exception {
        stubRunStartedBy("pull_request_target", "octo-org/octo-repo");

        assertThat(github.rerun(new RerunRequest.SingleJob(FAILED_JOB.ref()))).isInstanceOf(RerunResult.NotAllowed.class);
        api.verify(0, postRequestedFor(urlPathEqualTo(REPO + "/actions/jobs/399444497/rerun")));
    }

    @Test
    void aPullRequestFromABranchOfTheRepositoryItselfIsRerun() throws Exception {
        stubRunStartedBy("pull_request", "Octo-Org/octo-repo");
        api.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs").willReturn(aResponse().withStatus(201).withBody("{}")));

        assertThat(github.rerun(new RerunRequest.FailedJobsOf(RUN))).isInstanceOf(RerunResult.Started.class);
    }

    @Test
    void aRepositoryListedUnderRerunForkRunsInHasItsForkRunsRerun() throws Exception {
        stubRunStartedBy("pull_request", "someone/octo-repo");
        api.stubFor(post(REPO + "/actions/runs/30433642/rerun-failed-jobs").willReturn(aResponse().withStatus(201).withBody("{}")));

        var result = reruningForkRunsIn("Octo-Org/Octo-Repo").rerun(new RerunRequest.FailedJobsOf(RUN));

        assertThat(result).isInstanceOf(RerunResult.Started.class);
        api.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642/rerun-failed-jobs")));
    }

    private void stubRunAttempts() {
        api.stubFor(get(REPO + "/actions/runs/30433642").inScenario("rerun").whenScenarioStateIs(STARTED)
                .willReturn(okJson(fixture("github/failed-run/run.json"))));
        api.stubFor(get(REPO + "/actions/runs/30433642").inScenario("rerun").whenScenarioStateIs("rerun")
                .willReturn(okJson(fixture("github/failed-run/run-attempt-2.json"))));
    }
}
