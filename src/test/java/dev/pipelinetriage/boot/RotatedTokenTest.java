package dev.pipelinetriage.boot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.app.port.MutableClock;
import dev.pipelinetriage.app.port.ResolveResult;
import dev.pipelinetriage.app.port.TriageMetrics;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.net.HttpClients;
import dev.pipelinetriage.net.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CI token file that a sidecar rotates (a GitHub App installation token lives an hour) is used as soon as it changes,
 * without a restart. The fake serves "Get a workflow run" and "List jobs for a workflow run attempt" as the GitHub REST
 * documentation shows them (fixtures github/failed-run).
 */
class RotatedTokenTest {
    private static final String REPO = "/api/v3/repos/octo-org/octo-repo";

    @TempDir
    Path dir;
    private WireMockServer api;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final List<String> tokens = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        String run = Files.readString(fixture("github/failed-run/run.json"));
        api.stubFor(get(urlPathMatching(REPO + "/actions/runs/\\d+")).willReturn(okJson(run)));
        api.stubFor(get(urlPathMatching(REPO + "/actions/runs/\\d+/attempts/1/jobs"))
                .willReturn(okJson(Files.readString(fixture("github/failed-run/jobs.json")))));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    private static Path fixture(String path) {
        return Path.of(System.getProperty("pipelineTriage.root", "."), "src/test/resources/fixtures", path);
    }

    @Test
    void theNextRequestAfterTheTokenFileChangesCarriesTheNewToken() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("github-token"), "ghs_firstInstallationToken\n");
        var github = github(tokenFile);

        github.resolve(link(github, "https://github.com/octo-org/octo-repo/actions/runs/1"));
        Files.writeString(tokenFile, "ghs_secondInstallationToken\n");
        clock.advance(Duration.ofMinutes(1));
        var second = github.resolve(link(github, "https://github.com/octo-org/octo-repo/actions/runs/2"));

        assertThat(second).isInstanceOf(ResolveResult.Resolved.class);
        api.verify(getRequestedFor(urlPathEqualTo(REPO + "/actions/runs/1"))
                .withHeader("Authorization", equalTo("Bearer ghs_firstInstallationToken")));
        api.verify(getRequestedFor(urlPathEqualTo(REPO + "/actions/runs/2"))
                .withHeader("Authorization", equalTo("Bearer ghs_secondInstallationToken")));
        assertThat(tokens).containsExactly("ghs_firstInstallationToken", "ghs_secondInstallationToken");
    }

    @Test
    void aTokenRejectedWith401IsReadAgainAndTheRequestSentOnceMoreOnlyWhenTheFileHasANewOne() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("github-token"), "ghs_expiredToken\n");
        var github = github(tokenFile);
        // GitHub's documented 401 body for a bad token (basic-error: message, documentation_url)
        api.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/3")).withHeader("Authorization",
                equalTo("Bearer ghs_expiredToken")).atPriority(1).willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));

        var unchanged = github.resolve(link(github, "https://github.com/octo-org/octo-repo/actions/runs/3"));

        assertThat(unchanged).isInstanceOf(CiProblem.class);
        api.verify(1, getRequestedFor(urlPathEqualTo(REPO + "/actions/runs/3")));

        Files.writeString(tokenFile, "ghs_rotatedToken\n"); // rotated, and the check interval has not passed yet
        var rotated = github.resolve(link(github, "https://github.com/octo-org/octo-repo/actions/runs/3"));

        assertThat(rotated).isInstanceOf(ResolveResult.Resolved.class);
        api.verify(getRequestedFor(urlPathEqualTo(REPO + "/actions/runs/3"))
                .withHeader("Authorization", equalTo("Bearer ghs_rotatedToken")));
    }

    /** The GitHub instance the configuration names, reading its token from {@code tokenFile}; tokens read go to {@link #tokens}. */
    private CiProvider github(Path tokenFile) {
        var ci = ConfigLoader.parse("""
                ci:
                  instances:
                    - {name: github, type: github, webUrl: 'https://github.com', apiUrl: 'http://localhost:%d/api/v3',
                       token: {file: %s}}
                """.formatted(api.port(), tokenFile.toAbsolutePath())).ci();
        return CiWiring.providers(ci, Map.of(), HttpClients.newShared(Optional.empty()), clock, Sleeper.threadSleeper(),
                TriageMetrics.none(), tokens::add).getFirst();
    }

    private static CiLink link(CiProvider provider, String url) {
        return ((LinkResult.Parsed) provider.parseLink(url)).link();
    }
}
