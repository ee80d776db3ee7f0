package dev.pipelinetriage.adapter.ci;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.GreenRunResult;
import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.app.port.ResolveResult;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobLog;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.Run;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link CiProvider} promises, checked against each provider's WireMock fake serving its documented
 * shapes (each subclass names them): links of its own host parsed, others passed on or refused with a reason; a
 * failed run resolved to its failed jobs; a log streamed under the cap, head and tail kept; every HTTP failure of a
 * log download reported as the same {@link CiProblem} kind whichever CI it came from, and so is a connection that breaks
 * on the way; no earlier green run is
 * {@link GreenRunResult.None}, not an error. Each subclass starts one fake per class ({@code ClassServer}).
 */
public abstract class CiProviderContract {

    /** The class's fake, reset before each test. */
    protected abstract WireMockServer api();

    /** The provider under test, calling only {@link #api()}. */
    protected abstract CiProvider provider();

    /** A pasted link to the failed run {@link #stubFailedRun()} serves. */
    protected abstract String runLink();

    /** A link of the same kind on a host this instance is not. */
    protected abstract String otherHostLink();

    /** A link on this instance's host to a page that is not a run, build or job. */
    protected abstract String notARunLink();

    /** Serves the failed run of {@link #runLink()} with at least one failed job. */
    protected abstract void stubFailedRun();

    /** The request for {@code job}'s log. */
    protected abstract MappingBuilder logOf(Job job);

    /** Serves what says that no run before {@code failing} succeeded. */
    protected abstract void stubNoGreenRun(Run failing);

    private Run failedRun() {
        stubFailedRun();
        var parsed = (LinkResult.Parsed) provider().parseLink(runLink());
        return ((ResolveResult.Resolved) provider().resolve(parsed.link())).run();
    }

    private Job failedJob() {
        return failedRun().failedJobs().getFirst();
    }

    @Test
    void aRunLinkOfThisInstanceIsParsedAndNamesTheInstance() {
        var result = provider().parseLink(runLink());

        assertThat(result).isInstanceOfSatisfying(LinkResult.Parsed.class, parsed -> {
            assertThat(parsed.link().instance()).isEqualTo(provider().instance());
            assertThat(parsed.link().kind()).isEqualTo(provider().kind());
        });
    }

    @Test
    void aLinkToAnotherHostIsLeftToTheOtherProviders() {
        assertThat(provider().parseLink(otherHostLink())).isInstanceOf(LinkResult.NotThisInstance.class);
    }

    @Test
    void aPageOfThisHostThatIsNotARunIsRefusedWithAReason() {
        assertThat(provider().parseLink(notARunLink())).isInstanceOfSatisfying(LinkResult.Refused.class,
                refused -> assertThat(refused.reason()).isNotBlank());
    }

    @Test
    void aFailedRunResolvesToItsFailedJobs() {
        stubFailedRun();
        var parsed = (LinkResult.Parsed) provider().parseLink(runLink());

        var resolved = (ResolveResult.Resolved) provider().resolve(parsed.link());

        assertThat(resolved.run().status()).isEqualTo(JobStatus.FAILED);
        assertThat(resolved.run().ref().instance()).isEqualTo(provider().instance());
        assertThat(resolved.targets()).isNotEmpty().allSatisfy(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.ref().run()).isEqualTo(resolved.run().ref());
        });
    }

    @Test
    void aLongLogIsKeptUnderTheCapWithItsHeadAndTail() {
        Job job = failedJob();
        String body = IntStream.rangeClosed(1, 4_000).mapToObj(i -> "line " + i + " of a long build log")
                .collect(Collectors.joining("\n", "", "\n"));
        api().stubFor(logOf(job).willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody(body)));

        var fetched = provider().fetchLog(job, 8 * 1024);

        JobLog log = ((FetchResult.Fetched) fetched).log();
        assertThat(log.truncated()).isTrue();
        assertThat(log.lines().stream().mapToLong(l -> l.text().length() + 1L).sum()).isLessThanOrEqualTo(8 * 1024);
        assertThat(log.lines().getFirst().text()).contains("line 1 of");
        assertThat(log.lines().getLast().text()).contains("line 4000 of");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 403, 404, 410, 429, 500, 502, 503})
    void aFailedLogDownloadIsTheSameProblemOnEveryCi(int status) {
        Job job = failedJob();
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"refused\"}");
        if (status == 429) {
            answer.withHeader("Retry-After", "30");
        }
        api().stubFor(logOf(job).willReturn(answer));

        var result = provider().fetchLog(job, 8 * 1024);

        Class<? extends CiProblem> expected = switch (status) {
            case 401 -> CiProblem.Unauthorized.class;
            case 403 -> CiProblem.Forbidden.class;
            case 404 -> CiProblem.NotFound.class;
            case 410 -> CiProblem.Expired.class;
            case 429 -> CiProblem.RateLimited.class;
            default -> CiProblem.ServerError.class;
        };
        assertThat(result).isInstanceOf(expected);
        assertThat(((CiProblem) result).message()).isNotBlank().doesNotContain(CiTestKit.TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "MALFORMED_RESPONSE_CHUNK", "EMPTY_RESPONSE"})
    void aConnectionThatBreaksDuringTheLogIsAProblemNamingTheCiNeverAnException(Fault fault) {
        Job job = failedJob();
        api().stubFor(logOf(job).willReturn(aResponse().withFault(fault)));

        var result = provider().fetchLog(job, 8 * 1024);

        assertThat(result).isInstanceOf(CiProblem.class);
        assertThat(((CiProblem) result).message()).contains("'" + provider().instance() + "'")
                .doesNotContain(CiTestKit.TOKEN);
    }

    @Test
    void noEarlierGreenRunIsNoneNotAnError() {
        Run failing = failedRun();
        stubNoGreenRun(failing);

        var result = provider().lastGreen(failing, failing.failedJobs().getFirst());

        assertThat(result).isInstanceOfSatisfying(GreenRunResult.None.class, none -> assertThat(none.reason()).isNotBlank());
    }
}
