package dev.pipelinetriage.adapter.ticket.kbrepo;

import dev.pipelinetriage.adapter.ticket.TrackerHttp;
import dev.pipelinetriage.app.port.KnowledgeBaseRepository;
import dev.pipelinetriage.app.port.TrackerResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * A merge request on GitLab with the documented REST calls ("Commits API": create a commit with multiple files and
 * actions, here on a new branch started from the base branch; "Merge requests API": create a merge request). One
 * commit holds every file.
 */
final class GitLabMergeRequests implements KnowledgeBaseRepository {
    private final TrackerHttp http;
    private final URI apiUrl;
    private final String project;
    private final String baseBranch;

    GitLabMergeRequests(TrackerHttp http, URI apiUrl, String project, String baseBranch) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.project = project;
        this.baseBranch = baseBranch;
    }

    @Override
    public String requestName() {
        return "merge request";
    }

    @Override
    public TrackerResult<Opened> open(Proposal proposal) {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (var file : new TreeMap<>(proposal.files()).entrySet()) {
            actions.add(Map.of("action", "create", "file_path", file.getKey(), "content", file.getValue()));
        }
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("branch", proposal.branch());
        commit.put("start_branch", baseBranch);
        commit.put("commit_message", proposal.title());
        commit.put("actions", actions);
        var committed = http.send(request(project("repository", "commits")).post(http.body(commit)).build(),
                node -> GitHubPullRequests.text(node, "id"));
        if (committed instanceof TrackerResult.Failed<String> failed) {
            return failed.as();
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("source_branch", proposal.branch());
        request.put("target_branch", baseBranch);
        request.put("title", proposal.title());
        request.put("description", proposal.description());
        request.put("remove_source_branch", true);
        return http.send(request(project("merge_requests")).post(http.body(request)).build(),
                node -> new Opened(GitHubPullRequests.url(node, "web_url")));
    }

    private static Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url);
    }

    /** The project by its URL-encoded path, as the API accepts it in place of the id. */
    private HttpUrl project(String... rest) {
        HttpUrl.Builder url = HttpUrl.get(apiUrl.toString().replaceAll("/+$", "")).newBuilder().addPathSegment("projects")
                .addPathSegment(project);
        for (String segment : rest) {
            url.addPathSegment(segment);
        }
        return url.build();
    }
}
