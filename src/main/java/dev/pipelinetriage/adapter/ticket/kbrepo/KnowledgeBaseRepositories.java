package dev.pipelinetriage.adapter.ticket.kbrepo;

import dev.pipelinetriage.adapter.ticket.TrackerHttp;
import dev.pipelinetriage.app.port.KnowledgeBaseRepository;
import java.net.URI;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * Builds the client of the knowledge base's repository on GitHub or GitLab. It shares the ticket adapters' HTTP
 * (credential in an interceptor, every status mapped to a value, no blind retries of a write); the token goes into
 * that interceptor and nowhere else.
 */
public final class KnowledgeBaseRepositories {
    private KnowledgeBaseRepositories() {
    }

    /** @param repository {@code owner/repo} */
    public static KnowledgeBaseRepository github(OkHttpClient shared, URI apiUrl, String repository, String baseBranch,
            String token, Clock clock) {
        return new GitHubPullRequests(new TrackerHttp(shared, "Bearer " + token, clock), apiUrl, repository, baseBranch);
    }

    /** @param project the project's path ({@code group/sub/project}) */
    public static KnowledgeBaseRepository gitlab(OkHttpClient shared, URI apiUrl, String project, String baseBranch,
            String token, Clock clock) {
        return new GitLabMergeRequests(new TrackerHttp(shared, "Bearer " + token, clock), apiUrl, project, baseBranch);
    }
}
