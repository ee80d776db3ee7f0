package dev.pipelinetriage.adapter.ci.jenkins;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipelinetriage.adapter.ci.CiTestKit.TOKEN;
import static dev.pipelinetriage.adapter.ci.CiTestKit.fixture;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.pipelinetriage.adapter.ci.ApiAuth;
import dev.pipelinetriage.adapter.ci.CiProviderContract;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.ci.HostPolicy;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.testing.ClassServer;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CI provider contract for Jenkins, on the recorded shapes collected in api-samples (the build's
 * {@code api/json}, marked FAILURE; {@code consoleText}); {@code lastSuccessfulBuild} answering 404 is a job that
 * never succeeded.
 */
class JenkinsContractTest extends CiProviderContract {
    private static final String JOB = "/jenkins/job/team/job/fish";

    @RegisterExtension
    static final ClassServer<WireMockServer> API = ClassServer.wireMock();

    private JenkinsProvider jenkins;

    @BeforeEach
    void provider_() {
        HttpUrl base = HttpUrl.get("http://localhost:" + API.get().port() + "/jenkins");
        var http = new CiTestKit().http("jk", new HostPolicy(base, List.of()), ApiAuth.basic("bot", () -> TOKEN));
        jenkins = new JenkinsProvider("jk", base, http, CiTestKit.caches());
    }

    @Override
    protected WireMockServer api() {
        return API.get();
    }

    @Override
    protected CiProvider provider() {
        return jenkins;
    }

    @Override
    protected String runLink() {
        return "http://localhost:" + API.get().port() + JOB + "/10/";
    }

    @Override
    protected String otherHostLink() {
        return "https://ci.other.example/jenkins/job/team/job/fish/10/";
    }

    @Override
    protected String notARunLink() {
        return "http://localhost:" + API.get().port() + "/jenkins/manage/";
    }

    @Override
    protected void stubFailedRun() {
        api().stubFor(get(urlPathEqualTo(JOB + "/10/api/json")).willReturn(okJson(
                fixture("jenkins/documented/build-api-json.200.json").replace("\"SUCCESS\"", "\"FAILURE\""))));
    }

    @Override
    protected MappingBuilder logOf(Job job) {
        return get(urlPathEqualTo(JOB + "/" + job.ref().run().runId() + "/consoleText"));
    }

    @Override
    protected void stubNoGreenRun(Run failing) {
        api().stubFor(get(urlPathEqualTo(JOB + "/lastSuccessfulBuild/api/json")).willReturn(aResponse().withStatus(404)));
    }
}
