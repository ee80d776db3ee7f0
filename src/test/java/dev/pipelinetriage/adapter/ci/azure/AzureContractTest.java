package dev.pipelinetriage.adapter.ci.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
 * The CI provider contract for Azure DevOps, on the documented shapes of Builds - Get (build 391, failed), Timeline -
 * Get (a failed job with its log id), Builds - Get Build Log, Definitions - Get and Builds - List (empty).
 */
class AzureContractTest extends CiProviderContract {
    private static final String PROJECT = "/fabrikam/Fabrikam-Fiber-Git";
    private static final String BUILDS = PROJECT + "/_apis/build/builds";

    @RegisterExtension
    static final ClassServer<WireMockServer> API = ClassServer.wireMock();

    private AzureProvider azure;

    @BeforeEach
    void provider_() {
        HttpUrl base = HttpUrl.get("http://localhost:" + API.get().port() + "/fabrikam");
        var http = new CiTestKit().http("az", new HostPolicy(base, List.of()), ApiAuth.basic("", () -> TOKEN));
        azure = new AzureProvider("az", HttpUrl.get("https://dev.azure.com/fabrikam"), http, CiTestKit.caches());
    }

    @Override
    protected WireMockServer api() {
        return API.get();
    }

    @Override
    protected CiProvider provider() {
        return azure;
    }

    @Override
    protected String runLink() {
        return "https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391";
    }

    @Override
    protected String otherHostLink() {
        return "https://dev.azure.com/contoso/Fabrikam-Fiber-Git/_build/results?buildId=391";
    }

    @Override
    protected String notARunLink() {
        return "https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_boards/board";
    }

    @Override
    protected void stubFailedRun() {
        api().stubFor(get(urlPathEqualTo(BUILDS + "/391")).willReturn(okJson(fixture("azure/documented/builds-get-failed.json"))));
        api().stubFor(get(urlPathEqualTo(BUILDS + "/391/timeline"))
                .willReturn(okJson(fixture("azure/documented/timeline-failed-job.json"))));
    }

    @Override
    protected MappingBuilder logOf(Job job) {
        return get(urlPathMatching(BUILDS + "/" + job.ref().run().runId() + "/logs/\\d+"));
    }

    @Override
    protected void stubNoGreenRun(Run failing) {
        api().stubFor(get(urlPathEqualTo(PROJECT + "/_apis/build/definitions/25"))
                .willReturn(okJson(fixture("azure/green-run/definition.json"))));
        api().stubFor(get(urlPathEqualTo(BUILDS)).willReturn(okJson("{\"count\": 0, \"value\": []}")));
    }
}
