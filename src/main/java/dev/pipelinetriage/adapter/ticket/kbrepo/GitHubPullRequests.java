package dev.pipelinetriage.adapter.ticket.kbrepo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinetriage.adapter.ticket.TrackerHttp;
import dev.pipelinetriage.app.port.KnowledgeBaseRepository;
import dev.pipelinetriage.app.port.TrackerResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * A pull request on GitHub with the REST API's documented calls ("Git references": get and create a reference;
 * "Repository contents": create a file; "Pulls": create a pull request): the base branch's head commit, a new
 * branch on it, one commit per file on that branch, then the pull request into the base branch.
 */
final class GitHubPullRequests implements KnowledgeBaseRepository {
    private static final String API_VERSION = "2022-11-28";

    private final TrackerHttp http;
    private final URI apiUrl;
    private final String repository;
    private final String baseBranch;

    GitHubPullRequests(TrackerHttp http, URI apiUrl, String repository, String baseBranch) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.repository = repository;
        this.baseBranch = baseBranch;
    }

    @Override
    public String requestName() {
        return "pull request";
    }

    @Override
    public TrackerResult<Opened> open(Proposal proposal) {
        var head = http.send(request(repo("git", "ref", "heads", baseBranch)).get().build(),
                node -> text(node.path("object"), "sha"));
        if (!(head instanceof TrackerResult.Ok<String> sha)) {
            return ((TrackerResult.Failed<String>) head).as();
        }
        Map<String, Object> ref = Map.of("ref", "refs/heads/" + proposal.branch(), "sha", sha.value());
        var branch = http.send(request(repo("git", "refs")).post(http.body(ref)).build(), node -> node);
        if (branch instanceof TrackerResult.Failed<JsonNode> failed) {
            return failed.as();
        }
        for (var file : new TreeMap<>(proposal.files()).entrySet()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", "Add " + file.getKey());
            body.put("content", Base64.getEncoder().encodeToString(file.getValue().getBytes(StandardCharsets.UTF_8)));
            body.put("branch", proposal.branch());
            HttpUrl.Builder url = api().addPathSegment("repos").addPathSegments(repository).addPathSegment("contents");
            url.addPathSegments(file.getKey());
            var put = http.send(request(url.build()).put(http.body(body)).build(), node -> node);
            if (put instanceof TrackerResult.Failed<JsonNode> failed) {
                return failed.as();
            }
        }
        Map<String, Object> pull = new LinkedHashMap<>();
        pull.put("title", proposal.title());
        pull.put("head", proposal.branch());
        pull.put("base", baseBranch);
        pull.put("body", proposal.description());
        return http.send(request(repo("pulls")).post(http.body(pull)).build(), node -> new Opened(url(node, "html_url")));
    }

    private Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url).header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION);
    }

    private HttpUrl.Builder api() {
        return HttpUrl.get(apiUrl.toString().replaceAll("/+$", "")).newBuilder();
    }

    private HttpUrl repo(String... rest) {
        HttpUrl.Builder url = api().addPathSegment("repos").addPathSegments(repository);
        for (String segment : rest) {
            url.addPathSegments(segment);
        }
        return url.build();
    }

    static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an answer without " + field);
        }
        return value;
    }

    static String url(JsonNode node, String field) {
        String value = text(node, field);
        if (!value.startsWith("http")) {
            throw new IllegalArgumentException(field + " is not a web link");
        }
        return value;
    }
}
