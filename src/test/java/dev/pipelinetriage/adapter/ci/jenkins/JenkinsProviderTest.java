package dev.pipelinetriage.adapter.ci.jenkins;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
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
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.RunRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jenkins against WireMock fakes. jenkins.io "Remote Access API" documents the URLs but no response bodies,
 * so the bodies are the recorded fixtures of the cdancy/jenkins-rest client (build api/json, consoleText, queue
 * item, crumbIssuer xpath text, buildWithParameters 201 + Location), as collected in api-samples.
 */
class JenkinsProviderTest {
    private static final String JOB = "/jenkins/job/team/job/fish";
    private static final RunRef BUILD = new RunRef("jk", CiKind.JENKINS, "team/fish", "10", 1);
    private static final Job FAILED = new Job(new JobRef(BUILD, "10", "team/fish #10", 1), JobStatus.FAILED, null);

    private final CiTestKit kit = new CiTestKit();
    private WireMockServer api;
    private JenkinsProvider jenkins;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        jenkins = provider(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    private JenkinsProvider provider(Duration timeout) {
        HttpUrl base = HttpUrl.get("http://localhost:" + api.port() + "/jenkins");
        var http = kit.http("jk", new HostPolicy(base, List.of()), ApiAuth.basic("bot", () -> TOKEN),
                CiTestKit.policy(timeout), Dns.SYSTEM);
        return new JenkinsProvider("jk", base, http, CiTestKit.caches());
    }

    private static String failedBuildJson() {
        return fixture("jenkins/documented/build-api-json.200.json").replace("\"SUCCESS\"", "\"FAILURE\"");
    }

    private CiLink link(String path) {
        return ((LinkResult.Parsed) jenkins.parseLink("http://localhost:" + api.port() + path)).link();
    }

    @Test
    void consoleLinkInAFolderResolvesTheFailedBuildWithBasicAuth() {
        api.stubFor(get(urlPathEqualTo(JOB + "/10/api/json")).willReturn(okJson(failedBuildJson())));

        var resolved = (ResolveResult.Resolved) jenkins.resolve(link("/jenkins/job/team/job/fish/10/console"));

        assertThat(resolved.targets()).containsExactly(FAILED);
        assertThat(resolved.run().webUrl()).isEqualTo("http://localhost:" + api.port() + "/jenkins/job/team/job/fish/10/");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("bot:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        api.verify(getRequestedFor(urlPathEqualTo(JOB + "/10/api/json")).withHeader("Authorization", equalTo(basic)));
    }

    @Test
    void multibranchBranchNameIsEncodedOnceMoreForTheApi() {
        api.stubFor(get(urlPathEqualTo("/jenkins/job/repo/job/feature%252Fx/12/api/json")).willReturn(okJson(failedBuildJson())));

        var resolved = jenkins.resolve(link("/jenkins/blue/organizations/jenkins/repo/detail/feature%2Fx/12/pipeline"));

        assertThat(resolved).isInstanceOf(ResolveResult.Resolved.class);
        assertThat(((ResolveResult.Resolved) resolved).run().ref().project()).isEqualTo("repo/feature%2Fx");
    }

    @Test
    void consoleTextIsStreamedUnderTheCap() {
        api.stubFor(get(JOB + "/10/consoleText").willReturn(aResponse().withBody(fixture("jenkins/documented/consoleText.200.txt"))));

        var whole = ((FetchResult.Fetched) jenkins.fetchLog(FAILED, 1024 * 1024)).log();
        var capped = ((FetchResult.Fetched) provider(Duration.ofSeconds(5)).fetchLog(FAILED, 4096)).log();

        assertThat(whole.lines()).hasSize(450); // 449 newlines, and a last line without one
        assertThat(whole.truncated()).isFalse();
        assertThat(capped.capped()).isTrue();
        assertThat(capped.lines().getLast().text()).isEqualTo("Finished: SUCCESS");
        assertThat(capped.lines().getLast().number()).isEqualTo(450);
    }

    @Test
    void discardedBuildIsNotFoundWithTheRetentionHint() {
        api.stubFor(get(JOB + "/10/consoleText").willReturn(aResponse().withStatus(404)));

        var result = jenkins.fetchLog(FAILED, 4096);

        assertThat(((CiProblem) result).message()).contains("discarded", "team/fish #10");
    }

    @Test
    void rebuildSendsTheSameParametersAndNeverRequestsTheLocationUrl() {
        stubJobState(9);
        api.stubFor(get(urlPathEqualTo(JOB + "/10/api/json")).willReturn(okJson(failedBuildJson())));
        api.stubFor(post(JOB + "/buildWithParameters").willReturn(aResponse().withStatus(201)
                .withHeader("Location", "http://127.0.1.1:8080/queue/item/143/")));
        api.stubFor(get("/jenkins/queue/item/143/api/json").willReturn(okJson(fixture("jenkins/documented/queue-item-api-json.200.json"))));

        var result = jenkins.rerun(new RerunRequest.FailedJobsOf(BUILD));

        assertThat(result).isEqualTo(new RerunResult.Started("http://localhost:" + api.port() + "/jenkins/job/team/job/fish", false));
        api.verify(postRequestedFor(urlPathEqualTo(JOB + "/buildWithParameters"))
                .withFormParam("bear", equalTo("true")).withFormParam("fish", equalTo("salmon")));
    }

    @Test
    void rebuildFetchesACrumbWithItsSessionCookieWhenJenkinsAsksForOne() {
        stubJobState(10);
        api.stubFor(get(urlPathEqualTo(JOB + "/10/api/json")).willReturn(okJson(failedBuildJson())));
        api.stubFor(post(JOB + "/buildWithParameters").inScenario("crumb").whenScenarioStateIs(STARTED).willSetStateTo("crumbed")
                .willReturn(aResponse().withStatus(403).withBody("<html>No valid crumb was included in the request</html>")));
        api.stubFor(post(JOB + "/buildWithParameters").inScenario("crumb").whenScenarioStateIs("crumbed")
                .withHeader("Jenkins-Crumb", equalTo("04a1109fc2db171362c966ebe9fc87f0"))
                .withHeader("Cookie", equalTo("JSESSIONID.abc=node0xyz"))
                .willReturn(aResponse().withStatus(201).withHeader("Location", "http://127.0.1.1:8080/queue/item/1/")));
        api.stubFor(get(urlPathEqualTo("/jenkins/crumbIssuer/api/xml")).willReturn(aResponse()
                .withHeader("Set-Cookie", "JSESSIONID.abc=node0xyz; Path=/; HttpOnly")
                .withBody(fixture("jenkins/documented/crumbIssuer-xpath.200.txt"))));
        api.stubFor(get("/jenkins/queue/item/1/api/json").willReturn(okJson("{\"id\":1,\"executable\":{\"number\":11}}")));

        var result = jenkins.rerun(new RerunRequest.SingleJob(FAILED.ref()));

        assertThat(result).isEqualTo(new RerunResult.Started("http://localhost:" + api.port() + "/jenkins/job/team/job/fish/11/", false));
        api.verify(2, postRequestedFor(urlPathEqualTo(JOB + "/buildWithParameters")));
    }

    @Test
    void aCrumbRefusedAgainAfterTheOneRefreshFailsWithoutAThirdPost() {
        stubJobState(10);
        api.stubFor(get(urlPathEqualTo(JOB + "/10/api/json")).willReturn(okJson(failedBuildJson())));
        api.stubFor(post(JOB + "/buildWithParameters").willReturn(aResponse().withStatus(403)
                .withBody("<html>No valid crumb was included in the request</html>")));
        api.stubFor(get(urlPathEqualTo("/jenkins/crumbIssuer/api/xml")).willReturn(aResponse()
                .withHeader("Set-Cookie", "JSESSIONID.abc=node0xyz; Path=/; HttpOnly")
                .withBody(fixture("jenkins/documented/crumbIssuer-xpath.200.txt"))));

        var result = jenkins.rerun(new RerunRequest.SingleJob(FAILED.ref()));

        assertThat(result).isInstanceOf(CiProblem.Forbidden.class);
        assertThat(((CiProblem) result).message()).contains("(403)");
        api.verify(2, postRequestedFor(urlPathEqualTo(JOB + "/buildWithParameters")));
        api.verify(1, getRequestedFor(urlPathEqualTo("/jenkins/crumbIssuer/api/xml")));
    }

    @Test
    void timedOutRebuildReportsTheQueuedBuildInsteadOfPostingAgain() {
        var slow = provider(Duration.ofMillis(1000));
        api.stubFor(get(urlPathEqualTo(JOB + "/10/api/json")).willReturn(okJson(failedBuildJson())));
        api.stubFor(get(urlPathEqualTo(JOB + "/api/json")).inScenario("q").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"inQueue\":false,\"lastBuild\":{\"number\":10}}")));
        api.stubFor(get(urlPathEqualTo(JOB + "/api/json")).inScenario("q").whenScenarioStateIs("posted")
                .willReturn(okJson("{\"inQueue\":true,\"lastBuild\":{\"number\":10}}")));
        api.stubFor(post(JOB + "/buildWithParameters").inScenario("q").willSetStateTo("posted")
                .willReturn(aResponse().withStatus(201).withFixedDelay(3_000)));

        var result = slow.rerun(new RerunRequest.FailedJobsOf(BUILD));

        assertThat(result).isEqualTo(new RerunResult.Started("http://localhost:" + api.port() + "/jenkins/job/team/job/fish", true));
        api.verify(1, postRequestedFor(urlPathEqualTo(JOB + "/buildWithParameters")));
    }

    private void stubJobState(int lastBuild) {
        api.stubFor(get(urlPathEqualTo(JOB + "/api/json"))
                .willReturn(okJson("{\"inQueue\":false,\"lastBuild\":{\"number\":" + lastBuild + "}}")));
    }
}
