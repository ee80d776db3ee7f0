package dev.pipelinetriage.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built jar's {@code analyze URL} against WireMock fakes of the GitHub REST API (docs.github.com
 * "Get a workflow run", "List jobs for a workflow run attempt", "Download job logs" with its 302 to storage),
 * with a configuration file and a token file, as a user would.
 */
class AnalyzeLinkEndToEndIT {
    private static final String REPO = "/api/v3/repos/octo-org/octo-repo";
    private static final String TOKEN = "ghp_end2endTokenValue";

    record Result(int exit, String out, String err) {
    }

    @TempDir
    Path dir;
    private WireMockServer api;
    private WireMockServer blob;
    private Path config;

    @BeforeEach
    void start() throws IOException {
        api = new WireMockServer(options().dynamicPort());
        blob = new WireMockServer(options().dynamicPort());
        api.start();
        blob.start();
        Path token = dir.resolve("github-token");
        Files.writeString(token, TOKEN + "\n");
        config = dir.resolve("pipeline-triage.yaml");
        Files.writeString(config, """
                ci:
                  instances:
                    - name: github
                      type: github
                      webUrl: https://github.com
                      apiUrl: http://localhost:%d/api/v3
                      logHosts: [127.0.0.1]
                      token: {file: %s}
                slack: {signingSecret: {env: UNSET_SIGNING_SECRET}, botToken: {env: UNSET_BOT_TOKEN}}
                """.formatted(api.port(), token.toAbsolutePath()));
    }

    @AfterEach
    void stop() {
        api.stop();
        blob.stop();
    }

    private static String fixture(String path) throws IOException {
        return Files.readString(Path.of(System.getProperty("pipelineTriage.root"), "src/test/resources/fixtures", path));
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Short runs: the C1 compiler alone halves their CPU. What is under test is the jar, not the JIT.
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("pipelineTriage.jar")));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(Path.of(System.getProperty("pipelineTriage.root")).toFile());
        builder.environment().remove("PIPELINE_TRIAGE_CONFIG");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the jar finished").isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** The documented run, its failed job, and the job's log behind the 302 to storage. */
    private void serveFailedRun() throws IOException {
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(okJson(fixture("github/failed-run/run.json"))));
        api.stubFor(get(urlPathEqualTo(REPO + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(fixture("github/failed-run/jobs.json"))));
        api.stubFor(get(REPO + "/actions/jobs/399444497/logs").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + blob.port() + "/job-logs.txt?sig=SIGNATURE")));
        blob.stubFor(get(urlPathEqualTo("/job-logs.txt")).willReturn(aResponse().withBody(fixture("github/failed-run/job-log.txt"))));
    }

    @Test
    void analyzeRunLinkTriagesEachFailedJobFromTheFakes() throws Exception {
        serveFailedRun();

        var result = run("analyze", "--json", "--config", config.toString(),
                "https://github.com/octo-org/octo-repo/actions/runs/30433642");

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode jobs = new ObjectMapper().readTree(result.out());
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).get("job").asText()).isEqualTo("test");
        assertThat(jobs.get(0).get("run").asText()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/1");
        assertThat(jobs.get(0).get("report").get("verdict").asText()).isIn("code", "platform", "flaky", "unknown");
        assertThat(jobs.get(0).get("report").get("truncated").asBoolean()).isFalse();
        assertThat(result.out() + result.err()).doesNotContain(TOKEN).doesNotContain("SIGNATURE");
        api.verify(getRequestedFor(urlPathEqualTo(REPO + "/actions/runs/30433642")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        blob.verify(getRequestedFor(urlPathEqualTo("/job-logs.txt")).withoutHeader("Authorization"));
    }

    @Test
    void theConfiguredTokenEchoedIntoTheLogIsHiddenByValueThoughItHasNoKnownFormat() throws Exception {
        String opaque = "k7Qm2vX9pL4rT8wZ";
        Files.writeString(dir.resolve("github-token"), opaque + "\n");
        serveFailedRun();
        String log = fixture("github/failed-run/job-log.txt").replace("  Actual: 41",
                "  Actual: 41\n2026-11-26T09:00:09.5000000Z upload id " + opaque + " rejected by artifacts.example");
        blob.stubFor(get(urlPathEqualTo("/job-logs.txt")).willReturn(aResponse().withBody(log)));

        var result = run("analyze", "--json", "--config", config.toString(),
                "https://github.com/octo-org/octo-repo/actions/runs/30433642");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("artifacts.example").doesNotContain(opaque);
        assertThat(result.err()).doesNotContain(opaque);
    }

    @Test
    void anInvalidKnowledgeBaseFoundOnceTheLogIsInHandExitsWithThreeAndNamesTheProblem() throws Exception {
        serveFailedRun();
        Path kb = Files.createDirectories(dir.resolve("kb"));
        Files.writeString(kb.resolve("broken.yaml"), "id: broken\ntitle: [unclosed\n");

        var result = run("analyze", "--config", config.toString(), "--kb", kb.toString(),
                "https://github.com/octo-org/octo-repo/actions/runs/30433642");

        assertThat(result.exit()).as(result.err()).isEqualTo(3);
        assertThat(result.err()).contains("broken.yaml", "the knowledge base has 1 problem(s)")
                .doesNotContain("Exception").doesNotContain(TOKEN);
        assertThat(result.out()).isEmpty();
        blob.verify(getRequestedFor(urlPathEqualTo("/job-logs.txt")));
    }

    @Test
    void analyzeLookAlikeHostIsRefusedWithoutAnyRequest() throws Exception {
        var result = run("analyze", "--config", config.toString(), "https://github.com.evil.com/o/r/actions/runs/1");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown CI host 'github.com.evil.com'").doesNotContain("Exception");
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void analyzeExpiredTokenGivesTheActionableMessage() throws Exception {
        api.stubFor(get(REPO + "/actions/runs/30433642").willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));

        var result = run("analyze", "--config", config.toString(), "https://github.com/octo-org/octo-repo/actions/runs/30433642");

        assertThat(result.exit()).isEqualTo(4);
        assertThat(result.err()).contains("rejected the bot's token (401)").doesNotContain(TOKEN);
    }

    @Test
    void analyzeLinkWithoutConfigurationSaysHowToProvideIt() throws Exception {
        var result = run("analyze", "https://github.com/octo-org/octo-repo/actions/runs/30433642");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--config FILE", "PIPELINE_TRIAGE_CONFIG");
    }
}
