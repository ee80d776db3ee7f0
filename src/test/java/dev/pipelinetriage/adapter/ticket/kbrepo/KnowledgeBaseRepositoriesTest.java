package dev.pipelinetriage.adapter.ticket.kbrepo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pipelinetriage.app.port.KnowledgeBaseRepository;
import dev.pipelinetriage.app.port.TrackerResult;
import dev.pipelinetriage.net.HttpClients;
import dev.pipelinetriage.testing.ClassServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Opening a proposal on GitHub (Git references, repository contents, pulls) and GitLab (commits with actions, merge
 * requests), against WireMock serving the documented bodies in fixtures/kb-proposals (its README names the pages).
 */
class KnowledgeBaseRepositoriesTest {
    private static final String TOKEN = "ghp_kbRepositoryToken000000000000000000000";
    private static final KnowledgeBaseRepository.Proposal PROPOSAL = new KnowledgeBaseRepository.Proposal(
            "triage/propose-widget-sync-1a2b3c", "Knowledge base: propose widget-sync-1a2b3c", "From card c-1.",
            Map.of("knowledge-base/widget-sync-1a2b3c.yaml", "id: widget-sync-1a2b3c\n",
                    "runbooks/widget-sync-1a2b3c.md", "# Widget sync\n"));

    @RegisterExtension
    static final ClassServer<WireMockServer> HOST = ClassServer.of(() -> {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        return server;
    }, WireMockServer::resetAll, WireMockServer::stop);

    private final ObjectMapper json = new ObjectMapper();
    private WireMockServer host;

    @BeforeEach
    void share() {
        host = HOST.get();
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/fixtures/kb-proposals", name));
    }

    private KnowledgeBaseRepository github() {
        return KnowledgeBaseRepositories.github(HttpClients.newShared(Optional.empty()),
                URI.create("http://localhost:" + host.port() + "/api/v3"), "acme/triage-kb", "main", TOKEN,
                Clock.systemUTC());
    }

    @Test
    void onGitHubABranchFromTheBaseBranchGetsEveryFileAndAPullRequestIntoTheBase() throws Exception {
        host.stubFor(get("/api/v3/repos/acme/triage-kb/git/ref/heads/main")
                .willReturn(aResponse().withStatus(200).withBody(fixture("github-git-ref.200.json"))));
        host.stubFor(post("/api/v3/repos/acme/triage-kb/git/refs")
                .willReturn(aResponse().withStatus(201).withBody(fixture("github-git-ref.200.json"))));
        host.stubFor(put(urlPathEqualTo("/api/v3/repos/acme/triage-kb/contents/knowledge-base/widget-sync-1a2b3c.yaml"))
                .willReturn(aResponse().withStatus(201).withBody(fixture("github-file-commit.201.json"))));
        host.stubFor(put(urlPathEqualTo("/api/v3/repos/acme/triage-kb/contents/runbooks/widget-sync-1a2b3c.md"))
                .willReturn(aResponse().withStatus(201).withBody(fixture("github-file-commit.201.json"))));
        host.stubFor(post("/api/v3/repos/acme/triage-kb/pulls")
                .willReturn(aResponse().withStatus(201).withBody(fixture("github-pull-request.201.json"))));

        TrackerResult<KnowledgeBaseRepository.Opened> opened = github().open(PROPOSAL);

        assertThat(opened).isEqualTo(new TrackerResult.Ok<>(new KnowledgeBaseRepository.Opened(
                "https://github.com/octocat/Hello-World/pull/1347")));
        JsonNode ref = json.readTree(host.findAll(postRequestedFor(urlPathEqualTo("/api/v3/repos/acme/triage-kb/git/refs")))
                .getFirst().getBodyAsString());
        assertThat(ref.path("ref").asText()).isEqualTo("refs/heads/triage/propose-widget-sync-1a2b3c");
        assertThat(ref.path("sha").asText()).isEqualTo("aa218f56b14c9653891f9e74264a383fa43fefbc");
        JsonNode file = json.readTree(host.findAll(putRequestedFor(urlPathEqualTo(
                "/api/v3/repos/acme/triage-kb/contents/knowledge-base/widget-sync-1a2b3c.yaml"))).getFirst().getBodyAsString());
        assertThat(new String(Base64.getDecoder().decode(file.path("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo("id: widget-sync-1a2b3c\n");
        assertThat(file.path("branch").asText()).isEqualTo("triage/propose-widget-sync-1a2b3c");
        JsonNode pull = json.readTree(host.findAll(postRequestedFor(urlPathEqualTo("/api/v3/repos/acme/triage-kb/pulls")))
                .getFirst().getBodyAsString());
        assertThat(pull.path("head").asText()).isEqualTo("triage/propose-widget-sync-1a2b3c");
        assertThat(pull.path("base").asText()).isEqualTo("main");
        assertThat(pull.path("body").asText()).isEqualTo("From card c-1.");
        host.verify(postRequestedFor(urlPathEqualTo("/api/v3/repos/acme/triage-kb/pulls"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aRefusedPullRequestIsAValueWithGitHubsWordsAndNoToken() throws Exception {
        host.stubFor(get("/api/v3/repos/acme/triage-kb/git/ref/heads/main")
                .willReturn(aResponse().withStatus(200).withBody(fixture("github-git-ref.200.json"))));
        host.stubFor(post("/api/v3/repos/acme/triage-kb/git/refs")
                .willReturn(aResponse().withStatus(422).withBody(fixture("github-validation-failed.422.json"))));

        TrackerResult<KnowledgeBaseRepository.Opened> opened = github().open(PROPOSAL);

        assertThat(opened).isInstanceOfSatisfying(TrackerResult.Failed.class, failed -> {
            assertThat(failed.problem()).isEqualTo(TrackerResult.Problem.REJECTED);
            assertThat(failed.message()).contains("422").contains("Validation Failed").doesNotContain(TOKEN);
        });
        host.verify(0, postRequestedFor(urlPathEqualTo("/api/v3/repos/acme/triage-kb/pulls")));
    }

    @Test
    void onGitLabOneCommitWithCreateActionsOnANewBranchAndAMergeRequestIntoTheBase() throws Exception {
        host.stubFor(post(urlPathEqualTo("/api/v4/projects/group%2Ftriage-kb/repository/commits"))
                .willReturn(aResponse().withStatus(201).withBody(fixture("gitlab-commit.201.json"))));
        host.stubFor(post(urlPathEqualTo("/api/v4/projects/group%2Ftriage-kb/merge_requests"))
                .willReturn(aResponse().withStatus(201).withBody(fixture("gitlab-merge-request.201.json"))));

        TrackerResult<KnowledgeBaseRepository.Opened> opened = KnowledgeBaseRepositories.gitlab(
                HttpClients.newShared(Optional.empty()), URI.create("http://localhost:" + host.port() + "/api/v4"),
                "group/triage-kb", "main", "glpat-kbToken0000000000", Clock.systemUTC()).open(PROPOSAL);

        assertThat(opened).isEqualTo(new TrackerResult.Ok<>(new KnowledgeBaseRepository.Opened(
                "http://gitlab.example.com/my-group/my-project/merge_requests/1")));
        JsonNode commit = json.readTree(host.findAll(postRequestedFor(urlPathEqualTo(
                "/api/v4/projects/group%2Ftriage-kb/repository/commits"))).getFirst().getBodyAsString());
        assertThat(commit.path("branch").asText()).isEqualTo("triage/propose-widget-sync-1a2b3c");
        assertThat(commit.path("start_branch").asText()).isEqualTo("main");
        assertThat(commit.path("actions")).hasSize(2);
        assertThat(commit.path("actions").get(0).path("action").asText()).isEqualTo("create");
        assertThat(commit.path("actions").get(0).path("file_path").asText()).isEqualTo("knowledge-base/widget-sync-1a2b3c.yaml");
        JsonNode request = json.readTree(host.findAll(postRequestedFor(urlPathEqualTo(
                "/api/v4/projects/group%2Ftriage-kb/merge_requests"))).getFirst().getBodyAsString());
        assertThat(request.path("source_branch").asText()).isEqualTo("triage/propose-widget-sync-1a2b3c");
        assertThat(request.path("target_branch").asText()).isEqualTo("main");
    }
}
