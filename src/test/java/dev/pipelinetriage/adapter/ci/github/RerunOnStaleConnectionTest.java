package dev.pipelinetriage.adapter.ci.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.adapter.ci.ApiAuth;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.ci.HostPolicy;
import dev.pipelinetriage.adapter.ci.IdleClosingServer;
import dev.pipelinetriage.adapter.ci.IdleClosingServer.Answered;
import dev.pipelinetriage.adapter.ci.IdleClosingServer.Reply;
import dev.pipelinetriage.app.port.CiProvider.RerunRequest;
import dev.pipelinetriage.app.port.RerunResult;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.RunRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rerun POST after a GET on the same host, against a real server that closes kept-alive connections when they are
 * reused (its keep-alive timeout racing the request). Shapes: GitHub "Get a workflow run" (fixture) and "Re-run
 * failed jobs from a workflow run" (201, empty object).
 */
class RerunOnStaleConnectionTest {
    private static final String REPO = "/api/v3/repos/octo-org/octo-repo";
    private static final RunRef RUN = new RunRef("gh", CiKind.GITHUB, "octo-org/octo-repo", "30433642", 1);

    private final CiTestKit kit = new CiTestKit();
    private IdleClosingServer server;
    private GitHubProvider github;

    @BeforeEach
    void start() throws Exception {
        String run = CiTestKit.fixture("github/failed-run/run.json");
        server = new IdleClosingServer(IdleClosingServer.routes(Map.of(
                "GET " + REPO + "/actions/runs/30433642", new Reply(200, run),
                "POST " + REPO + "/actions/runs/30433642/rerun-failed-jobs", new Reply(201, "{}"))));
        HttpUrl api = HttpUrl.get("http://127.0.0.1:" + server.port() + "/api/v3");
        var http = kit.http("gh", new HostPolicy(api, List.of("127.0.0.1")), ApiAuth.bearer(() -> CiTestKit.TOKEN),
                CiTestKit.policy(Duration.ofSeconds(5)), Dns.SYSTEM);
        github = new GitHubProvider("gh", HttpUrl.get("https://github.com"), http, CiTestKit.caches());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aRerunPostNeverRidesAPooledConnectionTheServerMayAlreadyHaveClosed() {
        RerunResult result = github.rerun(new RerunRequest.FailedJobsOf(RUN));

        assertThat(result).isInstanceOf(RerunResult.Started.class);
        assertThat(server.answered).containsOnlyOnce(
                new Answered("POST", REPO + "/actions/runs/30433642/rerun-failed-jobs"));
    }
}
