package dev.pipelinetriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.TestKnowledgeBase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entry point, run with bash against the real jar in the file layout the image has
 * (/opt/pipeline-triage/{pipeline-triage.jar, knowledge-base, runbooks} becomes a temporary home).
 */
class ContainerEntrypointIT {
    private static final Path ENTRYPOINT = Path.of(System.getProperty("pipelineTriage.root"), "src/main/docker/entrypoint.sh");
    private static final String BOT_TOKEN = "xoxb-1111-2222-entrypointtesttoken";

    @TempDir
    Path home;

    private ProcessBuilder entrypoint(Map<String, String> env, String... args) throws Exception {
        if (!Files.exists(home.resolve("pipeline-triage.jar"))) {
            Files.copy(Path.of(System.getProperty("pipelineTriage.jar")), home.resolve("pipeline-triage.jar"));
            TestKnowledgeBase.copyInto(home);
        }
        ProcessBuilder builder = new ProcessBuilder(concat(List.of("bash", ENTRYPOINT.toString()), args))
                .directory(home.toFile());
        builder.environment().put("PIPELINE_TRIAGE_HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TMPDIR", Files.createDirectories(home.resolve("tmp")).toString());
        // Short runs: the C1 compiler alone halves their CPU (JAVA_OPTS is the image's way to add JVM flags).
        builder.environment().put("JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        builder.environment().putAll(env);
        return builder;
    }

    private static List<String> concat(List<String> head, String... tail) {
        var all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void itRunsTheJarWithTheArgumentsGiven() throws Exception {
        Process p = entrypoint(Map.of(), "--version").redirectErrorStream(true).start();

        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).containsPattern("(?m)^pipeline-triage \\d+\\.\\d+\\.\\d+\\S*$");
    }

    @Test
    void aMissingKnowledgeBaseDirectoryStopsItBeforeTheJvmStarts() throws Exception {
        Process p = entrypoint(Map.of("PIPELINE_TRIAGE_KNOWLEDGE_BASE", home.resolve("nowhere").toString()), "serve")
                .redirectErrorStream(true).start();

        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(66);
        assertThat(out).contains("knowledge base directory").contains("nowhere");
    }

    @Test
    void itServesWithJsonLogsAnswersItsHealthCheckAndStopsOnSigterm() throws Exception {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, """
                ci:
                  instances:
                    - {name: github, type: github, token: {env: GITHUB_TOKEN}}
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                  apiBaseUrl: http://127.0.0.1:9/api
                store:
                  directory: %s
                ops:
                  shutdownGraceSeconds: 5
                """.formatted(home.resolve("data")));
        Path stderr = home.resolve("stderr.log");
        // The ports come from the variables the image sets, not from options: any free port for each here.
        Process bot = entrypoint(Map.of("PIPELINE_TRIAGE_CONFIG", config.toString(), "GITHUB_TOKEN", "ghp_x",
                "SLACK_SIGNING_SECRET", "signing", "SLACK_BOT_TOKEN", BOT_TOKEN, "PIPELINE_TRIAGE_PORT", "0",
                "PIPELINE_TRIAGE_MANAGEMENT_PORT", "0"), "serve", "--host", "127.0.0.1")
                .redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8));
            String serving = out.readLine();
            assertThat(serving).as("first line on stdout; stderr: %s", Files.readString(stderr)).isNotNull();
            Matcher ports = Pattern.compile("serving on 127\\.0\\.0\\.1:(\\d+) .* and 127\\.0\\.0\\.1:(\\d+) \\(GET /healthz")
                    .matcher(serving);
            assertThat(ports.find()).as(serving).isTrue();
            assertThat(ports.group(1)).isNotEqualTo(ports.group(2)).isNotEqualTo("0");

            assertThat(healthCheck(Map.of("PIPELINE_TRIAGE_MANAGEMENT_PORT", ports.group(2)))).as("management port").isZero();
            assertThat(healthCheck(Map.of("PIPELINE_TRIAGE_MANAGEMENT_PORT", "off", "PIPELINE_TRIAGE_PORT", ports.group(2))))
                    .as("off: the public port's variable is used").isZero();
            assertThat(healthCheck(Map.of("PIPELINE_TRIAGE_MANAGEMENT_PORT", ports.group(1))))
                    .as("the public port has no /healthz").isNotZero();
        } finally {
            bot.destroy();
        }
        assertThat(bot.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // Every line, from the first, is one JSON object: no JVM warning in plain text before the bot's logs.
        List<String> logs = Files.readAllLines(stderr);
        assertThat(logs).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{\"timestamp\":").endsWith("}"));
        assertThat(logs).anySatisfy(line -> assertThat(line).contains("\"level\":\"INFO\"").contains("listening on"));
        assertThat(String.join("\n", logs)).doesNotContain(BOT_TOKEN);
    }

    private int healthCheck(Map<String, String> env) throws Exception {
        Process health = entrypoint(env, "healthcheck").start();
        assertThat(health.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return health.exitValue();
    }

    @Test
    void theHealthCheckFailsWhenNothingListens() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(healthCheck(Map.of("PIPELINE_TRIAGE_MANAGEMENT_PORT", Integer.toString(closed)))).isNotZero();
    }
}
