package dev.pipelinetriage.adapter.ci.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipelinetriage.adapter.ci.CiTestKit.fixture;

import com.github.tomakehurst.wiremock.WireMockServer;

/** GitHub's side, for end-to-end tests of the chat adapters. */
public final class GitHubFakes {
    /** The REST API's path of the repository whose run {@link #serveFailedRun} serves. */
    public static final String REPO = "/api/v3/repos/octo-org/octo-repo";
    public static final String LINK = "https://github.com/octo-org/octo-repo/actions/runs/30433642";

    private GitHubFakes() {
    }

    /**
     * Run 30433642 of octo-org/octo-repo with one failed job, in the documented shapes: the run, its first attempt's
     * jobs, the job log's 302 to a signed blob URL (here on the same server) and the log itself.
     */
    public static void serveFailedRun(WireMockServer github) {
        github.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(fixture("github/failed-run/run.json"))));
        github.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(fixture("github/failed-run/jobs.json"))));
        github.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + github.port() + "/job-logs.txt?sig=SIGNATURE")));
        github.stubFor(get(urlPathEqualTo("/job-logs.txt")).willReturn(aResponse().withBody(
                fixture("github/failed-run/job-log.txt"))));
    }
}
