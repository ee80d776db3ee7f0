package dev.pipelinetriage.adapter.ticket.github;

import dev.pipelinetriage.adapter.ticket.TrackerHttp;
import dev.pipelinetriage.app.port.TicketTracker;
import java.time.Clock;
import okhttp3.OkHttpClient;

/** Builds the GitHub Issues tracker; the token goes into the auth interceptor and nowhere else. */
public final class GitHubIssues {
    private GitHubIssues() {
    }

    public static TicketTracker tracker(OkHttpClient shared, GitHubIssuesSettings settings, String token, Clock clock) {
        return new GitHubIssuesTracker(new TrackerHttp(shared, "Bearer " + token, clock), settings);
    }
}
