package dev.pipelinetriage.adapter.ci.jenkins;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.pipelinetriage.adapter.ci.CiTestKit.TOKEN;
import static dev.pipelinetriage.adapter.ci.CiTestKit.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.adapter.ci.ApiAuth;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.ci.HostPolicy;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.GreenRunResult;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobLog;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.domain.RunRef;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The last green build of a failed Jenkins build. jenkins.io "Remote Access API" documents the URLs
 * ({@code lastSuccessfulBuild/api/json}, {@code consoleText}) but no bodies, so the answers are the cdancy/jenkins-rest
 * client's recorded fixtures collected in api-samples: the build api/json (build #10, SUCCESS) and its consoleText.
 * A job path names one branch's job, so there is no default branch to fall back to.
 */
class JenkinsLastGreenRunTest {
    private static final String JOB = "/jenkins/job/team/job/fish";
    private static final int CONSOLE_LINES = (int) fixture("jenkins/documented/consoleText.200.txt").lines().count();

    private final CiTestKit kit = new CiTestKit();
    private WireMockServer api;
    private JenkinsProvider jenkins;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        HttpUrl base = HttpUrl.get("http://localhost:" + api.port() + "/jenkins");
        var http = kit.http("jk", new HostPolicy(base, List.of()), ApiAuth.basic("bot", () -> TOKEN));
        jenkins = new JenkinsProvider("jk", base, http, CiTestKit.caches());
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    /** Build #{@code number} of team/fish, failed: a build is its own single job. */
    private static Run failedBuild(int number) {
        RunRef ref = new RunRef("jk", CiKind.JENKINS, "team/fish", Integer.toString(number), 1);
        Job job = new Job(new JobRef(ref, ref.runId(), "team/fish #" + number, 1), JobStatus.FAILED, null);
        return new Run(ref, JobStatus.FAILED, List.of(job), "https://jenkins.example/job/team/job/fish/" + number + "/");
    }

    private GreenRunResult lastGreenOf(Run failing) {
        return jenkins.lastGreen(failing, failing.jobs().getFirst());
    }

    @Test
    void theLastSuccessfulBuildBeforeTheFailingOneIsFoundAndItsConsoleRead() {
        api.stubFor(get(urlPathEqualTo(JOB + "/lastSuccessfulBuild/api/json"))
                .willReturn(okJson(fixture("jenkins/documented/build-api-json.200.json"))));
        api.stubFor(get(JOB + "/10/consoleText").willReturn(aResponse().withBody(fixture("jenkins/documented/consoleText.200.txt"))));

        var found = (GreenRunResult.Found) lastGreenOf(failedBuild(12));

        assertThat(found.job().ref().run().runId()).isEqualTo("10");
        assertThat(found.job().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(found.webUrl()).isEqualTo("http://localhost:" + api.port() + "/jenkins/job/team/job/fish/10/");
        JobLog log = ((FetchResult.Fetched) jenkins.fetchLog(found.job(), 1024 * 1024)).log();
        assertThat(log.lines()).hasSize(CONSOLE_LINES);
        jenkins.fetchLog(found.job(), 1024 * 1024);
        api.verify(1, getRequestedFor(urlPathEqualTo(JOB + "/10/consoleText")));
    }

    @Test
    void aJobThatNeverSucceededHasNone() {
        api.stubFor(get(urlPathEqualTo(JOB + "/lastSuccessfulBuild/api/json")).willReturn(aResponse().withStatus(404)));

        var result = lastGreenOf(failedBuild(12));

        assertThat(((GreenRunResult.None) result).reason()).contains("no build of team/fish has succeeded");
    }

    @Test
    void aLastSuccessfulBuildNewerThanTheFailingOneIsNotItsBaseline() {
        api.stubFor(get(urlPathEqualTo(JOB + "/lastSuccessfulBuild/api/json"))
                .willReturn(okJson(fixture("jenkins/documented/build-api-json.200.json"))));

        assertThat(lastGreenOf(failedBuild(10))).isInstanceOf(GreenRunResult.None.class);
        assertThat(lastGreenOf(failedBuild(9))).isInstanceOf(GreenRunResult.None.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 500})
    void aFailedLookupIsAProblemNotAnException(int status) {
        api.stubFor(get(urlPathEqualTo(JOB + "/lastSuccessfulBuild/api/json")).willReturn(aResponse().withStatus(status)));

        var result = lastGreenOf(failedBuild(12));

        assertThat(result).isInstanceOf(CiTestKit.problemFor(status));
    }

    @Test
    void aGreenConsoleOverTheCapKeepsItsHeadAndTailOnly() {
        api.stubFor(get(urlPathEqualTo(JOB + "/lastSuccessfulBuild/api/json"))
                .willReturn(okJson(fixture("jenkins/documented/build-api-json.200.json"))));
        api.stubFor(get(JOB + "/10/consoleText").willReturn(aResponse().withBody(fixture("jenkins/documented/consoleText.200.txt"))));
        var found = (GreenRunResult.Found) lastGreenOf(failedBuild(12));

        JobLog log = ((FetchResult.Fetched) jenkins.fetchLog(found.job(), 4 * 1024)).log();

        assertThat(log.capped()).isTrue();
        assertThat(log.lines().getLast().number()).isEqualTo(CONSOLE_LINES);
    }

    @Test
    void urlsInTheAnswersAreNeverRequested() {
        CiTestKit.neverCalled(other -> {
            api.stubFor(get(urlPathEqualTo(JOB + "/lastSuccessfulBuild/api/json")).willReturn(okJson(
                    fixture("jenkins/documented/build-api-json.200.json").replace("http://localhost:32769", other))));
            api.stubFor(get(JOB + "/10/consoleText").willReturn(aResponse().withBody("Finished: SUCCESS\n")));

            var found = (GreenRunResult.Found) lastGreenOf(failedBuild(12));
            jenkins.fetchLog(found.job(), 64 * 1024);
            assertThat(found.webUrl()).doesNotContain(other);
        });
    }
}
