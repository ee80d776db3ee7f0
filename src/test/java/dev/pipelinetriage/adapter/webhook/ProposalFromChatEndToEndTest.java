package dev.pipelinetriage.adapter.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipelinetriage.adapter.ci.CiTestKit;
import dev.pipelinetriage.adapter.kb.KnowledgeBaseLoader;
import dev.pipelinetriage.adapter.store.PostgresDatabases;
import dev.pipelinetriage.app.KnowledgeBaseCheck;
import dev.pipelinetriage.app.port.AuditEntry;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.boot.config.OpsSection;
import dev.pipelinetriage.boot.config.ProposalsConfigLoader;
import dev.pipelinetriage.boot.config.WebhooksConfigLoader;
import dev.pipelinetriage.testing.Await;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Propose knowledge-base entry" from a Slack card, end to end, on two replicas of {@code serve} sharing one real
 * PostgreSQL. A GitHub {@code workflow_run} delivery (fixtures/webhooks) posts the card; clicks arrive as Slack
 * sends {@code block_actions}, signed as "Verifying requests from Slack" says; WireMock plays GitHub's Actions API
 * (fixtures/github/failed-run), Slack's Web API (fixtures/slack/documented) and the knowledge base's repository on
 * GitHub (Git references, repository contents and pulls; fixtures/kb-proposals names the pages).
 */
@ExtendWith(PostgresDatabases.Shared.class)
class ProposalFromChatEndToEndTest {
    private static final String HOOK_SECRET = "gh-hook-secret-0123456789";
    private static final String SLACK_SECRET = "e2e-signing-secret-0123456789abcdef";
    private static final String CHANNEL = "C0PLATFORM";
    private static final String CURATOR = "U0CURATOR1";
    private static final String DEVELOPER = "U0DEVELOP1";
    private static final String SECRET_IN_LOG = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    private static final String LOG = """
            2026-11-26T09:00:01.0000000Z ##[group]Run ./scripts/integration.sh
            2026-11-26T09:00:01.0000000Z Logging in to the widget registry with %s
            2026-11-26T09:00:02.0000000Z Starting widget service
            2026-11-26T09:00:05.0000000Z widget-sync: handshake with peer node-7 failed after 30 attempts
            2026-11-26T09:00:06.0000000Z ##[error]Process completed with exit code 3.
            """.formatted(SECRET_IN_LOG);
    private static final String KB_REPO = "/api/v3/repos/acme/triage-kb";
    private static PostgresDatabases databases;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private WireMockServer ci;
    private WireMockServer slack;
    private WireMockServer code;
    private ServeWiring.Served replicaA;
    private ServeWiring.Served replicaB;

    @BeforeAll
    static void startServer(PostgresDatabases shared) {
        databases = shared;
    }

    @BeforeEach
    void startTwoReplicasOnOneDatabase() throws Exception {
        ci = started();
        slack = started();
        code = started();
        slack.stubFor(post("/api/auth.test").willReturn(okJson("""
                {"ok":true,"url":"https://subarachnoid.slack.com/","team":"Subarachnoid Workspace","user":"triage",
                 "team_id":"T012AB3C4","user_id":"UBOT12345","bot_id":"B0BOT1234"}""")));
        for (String method : List.of("chat.postMessage", "chat.update", "chat.postEphemeral")) {
            slack.stubFor(post("/api/" + method).willReturn(okJson(Files.readString(
                    Path.of("src/test/resources/fixtures/slack/documented", method + ".200.ok.json")))));
        }
        String repo = "/api/v3/repos/octo-org/[^/]+";
        ci.stubFor(get(urlPathMatching(repo + "/actions/runs/30433642(/attempts/1)?"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/run.json"))));
        ci.stubFor(get(urlPathMatching(repo + "/actions/runs/30433642/attempts/1/jobs"))
                .willReturn(okJson(CiTestKit.fixture("github/failed-run/jobs.json"))));
        ci.stubFor(get(urlPathMatching(repo + "/actions/jobs/\\d+/logs")).willReturn(aResponse().withBody(LOG)));
        code.stubFor(get(KB_REPO + "/git/ref/heads/main").willReturn(okJson(kbFixture("github-git-ref.200.json"))));
        code.stubFor(post(KB_REPO + "/git/refs").willReturn(aResponse().withStatus(201)
                .withBody(kbFixture("github-git-ref.200.json"))));
        code.stubFor(put(urlPathMatching(KB_REPO + "/contents/.+")).willReturn(aResponse().withStatus(201)
                .withBody(kbFixture("github-file-commit.201.json"))));
        code.stubFor(post(KB_REPO + "/pulls").willReturn(aResponse().withStatus(201)
                .withBody(kbFixture("github-pull-request.201.json"))));
        String yaml = """
                ci:
                  instances:
                    - name: github
                      type: github
                      webUrl: https://github.com
                      apiUrl: http://localhost:%1$d/api/v3
                      token: {env: GITHUB_TOKEN}
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                  apiBaseUrl: http://localhost:%2$d/api/
                  postIntervalMillis: 0
                store:
                  type: postgres
                  url: %3$s
                  user: postgres
                  password: {env: STORE_PASSWORD}
                webhooks:
                  sources:
                    - instance: github
                      secret: {env: GITHUB_WEBHOOK_SECRET}
                  defaultChannel: slack:%4$s
                proposals:
                  host: github
                  apiUrl: http://localhost:%5$d/api/v3
                  repository: acme/triage-kb
                  token: {env: KB_REPOSITORY_TOKEN}
                  curators:
                    slack: {users: [%6$s]}
                """.formatted(ci.port(), slack.port(), databases.freshDatabase(), CHANNEL, code.port(), CURATOR);
        var config = ConfigLoader.parseForServe(yaml).withProposals(ProposalsConfigLoader.parse(yaml));
        var webhooks = WebhooksConfigLoader.parse(yaml, config.ci());
        var env = Map.of("GITHUB_TOKEN", "ghp_e2eGitHubTokenValue000000000000000000", "SLACK_SIGNING_SECRET",
                SLACK_SECRET, "SLACK_BOT_TOKEN", "xoxb-1111-2222-e2eBotTokenValue", "GITHUB_WEBHOOK_SECRET",
                HOOK_SECRET, "STORE_PASSWORD", "postgres", "KB_REPOSITORY_TOKEN", "ghp_kbRepositoryToken000000000000000000000");
        var setup = new ServeWiring.Setup(Clock.systemUTC(), d -> { }, d -> { }, "127.0.0.1", 0, 4, 100);
        replicaA = ServeWiring.start(config, OpsSection.defaults(), webhooks, env, setup);
        replicaB = ServeWiring.start(config, OpsSection.defaults(), webhooks, env, setup);
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        replicaA.close();
        replicaB.close();
        ci.stop();
        slack.stop();
        code.stop();
    }

    @Test
    void aCuratorsDoubleClickOnTwoReplicasOpensOnePullRequestWhoseRedactedEntryPassesLintAndTest() throws Exception {
        String cardId = postedCard();

        // A double click landing on both replicas at once.
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> click(replicaA, CURATOR, cardId));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> click(replicaB, CURATOR, cardId));
        assertThat(List.of(first.get().statusCode(), second.get().statusCode())).containsOnly(200);
        awaitQuiet(() -> toldTo(CURATOR).size() == 2);

        code.verify(1, postRequestedFor(urlPathEqualTo(KB_REPO + "/pulls")));
        assertThat(toldTo(CURATOR)).anySatisfy(text -> assertThat(text)
                .contains("<https://github.com/octocat/Hello-World/pull/1347|pull request>")
                .contains("proposing knowledge-base entry widget-sync-handshake-with-peer-"));
        assertThat(toldTo(CURATOR)).anySatisfy(text -> assertThat(text).contains("already proposed by <@" + CURATOR + ">")
                .contains("nothing was opened again"));
        // A later click, once the pull request is open, is pointed at it.
        click(replicaB, CURATOR, cardId);
        awaitQuiet(() -> toldTo(CURATOR).size() == 3);
        assertThat(toldTo(CURATOR).get(2)).contains("already proposed")
                .contains("<https://github.com/octocat/Hello-World/pull/1347|Open it>");
        code.verify(1, postRequestedFor(urlPathEqualTo(KB_REPO + "/pulls")));

        Map<String, String> files = proposedFiles();
        String entryPath = files.keySet().stream().filter(p -> p.startsWith("knowledge-base/")).findFirst().orElseThrow();
        assertThat(entryPath).matches("knowledge-base/widget-sync-handshake-with-peer-[0-9a-f]{6}\\.yaml");
        String pull = code.findAll(postRequestedFor(urlPathEqualTo(KB_REPO + "/pulls"))).getFirst().getBodyAsString();
        assertThat(json.readTree(pull).path("body").asText()).contains(cardId).contains("fp-");
        assertThat(String.join("\n", files.values()) + pull).doesNotContain(SECRET_IN_LOG);
        assertThat(files.get(entryPath)).contains("widget-sync: handshake with peer node-7 failed after 30 attempts")
                .contains("Logging in to the widget registry with");
        assertThat(lintAndTest(files)).isEmpty();
        assertThat(replicaA.auditLog().latest(20)).filteredOn(e -> e.action().equals("propose"))
                .extracting(AuditEntry::outcome).contains("requested", "opened", "duplicate");
    }

    @Test
    void aClickFromSomeoneWhoIsNotACuratorIsRefusedAuditedAndOpensNothing() throws Exception {
        String cardId = postedCard();

        assertThat(click(replicaB, DEVELOPER, cardId).statusCode()).isEqualTo(200);
        awaitQuiet(() -> toldTo(DEVELOPER).size() == 1);

        assertThat(toldTo(DEVELOPER).getFirst()).contains("Only knowledge-base curators may propose from chat");
        assertThat(code.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(replicaA.auditLog().latest(5)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("propose");
            assertThat(e.user()).isEqualTo(DEVELOPER);
            assertThat(e.outcome()).isEqualTo("denied");
        });
    }

    // ---- the card, the clicks, what the fakes saw ----

    /** A failed run no known error explains, delivered by GitHub; returns the id its card's buttons carry. */
    private String postedCard() throws Exception {
        ObjectNode payload = DeliveriesTest.fixture("github-workflow_run.completed.json");
        ((ObjectNode) payload.get("workflow_run")).put("conclusion", "failure").put("id", 30433642).put("run_attempt", 1);
        ((ObjectNode) payload.get("repository")).put("full_name", "octo-org/widgets").put("html_url",
                "https://github.com/octo-org/widgets");
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replicaA.port() + "/webhooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + hmac(HOOK_SECRET, new String(body, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
        awaitQuiet(() -> slackCalls("chat.postMessage").size() == 1);
        JsonNode blocks = json.readTree(slackCalls("chat.postMessage").getFirst().get("blocks"));
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                if (element.path("action_id").asText().equals("propose_entry")) {
                    return element.path("value").asText();
                }
            }
        }
        throw new AssertionError("the card has no Propose knowledge-base entry button: " + blocks);
    }

    private HttpResponse<String> click(ServeWiring.Served replica, String user, String cardId) {
        String payload = """
                {"type":"block_actions","team":{"id":"T012AB3C4","domain":"example"},
                 "user":{"id":"%s","username":"someone","team_id":"T012AB3C4"},"api_app_id":"AXXXXXXXXX","token":"XXYYZZ",
                 "trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
                 "container":{"type":"message","message_ts":"1503435956.000247","channel_id":"%s","is_ephemeral":false},
                 "channel":{"id":"%s","name":"ci-failures"},"message":{"type":"message","ts":"1503435956.000247","text":"card"},
                 "actions":[{"type":"button","action_id":"propose_entry","block_id":"card_actions","value":"%s",
                             "action_ts":"1548426417.840180"}]}""".formatted(user, CHANNEL, CHANNEL, cardId);
        String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        String ts = Long.toString(Clock.systemUTC().instant().getEpochSecond());
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", "v0=" + hmac(SLACK_SECRET, "v0:" + ts + ":" + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("the click was not delivered", e);
        }
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The texts the bot told {@code user} alone (chat.postEphemeral). */
    private List<String> toldTo(String user) {
        return slackCalls("chat.postEphemeral").stream().filter(c -> user.equals(c.get("user")))
                .map(c -> c.getOrDefault("text", "") + c.getOrDefault("blocks", "")).toList();
    }

    /** Every file the pull request's branch got, by repository path, decoded. */
    private Map<String, String> proposedFiles() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (LoggedRequest put : code.findAll(putRequestedFor(urlPathMatching(KB_REPO + "/contents/.+")))) {
            String path = put.getUrl().substring((KB_REPO + "/contents/").length());
            files.put(path, new String(Base64.getDecoder().decode(json.readTree(put.getBodyAsString()).path("content")
                    .asText()), StandardCharsets.UTF_8));
        }
        return files;
    }

    /** {@code kb lint} and {@code kb test}, as the command runs them, on the proposed files alone. */
    private static List<String> lintAndTest(Map<String, String> files) throws Exception {
        Path root = Files.createTempDirectory("proposed-kb-");
        for (var file : files.entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        KnowledgeBaseLoad load = new KnowledgeBaseLoader().load(root.resolve("knowledge-base"));
        KnowledgeBaseCheck check = Bootstrap.knowledgeBaseCheck();
        List<String> problems = new ArrayList<>(check.lint(load).stream().map(p -> p.message()).toList());
        if (load instanceof KnowledgeBaseLoad.Loaded loaded) {
            check.test(loaded, KnowledgeBaseCheck.inMemory(Bootstrap.triageService(loaded.knownErrors()), 30))
                    .forEach(p -> problems.add(p.message()));
        }
        return problems;
    }

    private static String kbFixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/fixtures/kb-proposals", name));
    }

    private List<Map<String, String>> slackCalls(String method) {
        List<Map<String, String>> calls = new ArrayList<>();
        for (LoggedRequest request : slack.findAll(postRequestedFor(urlPathEqualTo("/api/" + method)))) {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : request.getBodyAsString().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            calls.add(form);
        }
        return calls;
    }

    private void awaitQuiet(java.util.function.BooleanSupplier condition) {
        Await.until("the expected chat calls, and no task left on either replica", () -> condition.getAsBoolean()
                && replicaA.pendingTasks() == 0 && replicaB.pendingTasks() == 0);
    }
}
