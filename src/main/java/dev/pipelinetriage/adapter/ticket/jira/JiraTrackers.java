package dev.pipelinetriage.adapter.ticket.jira;

import dev.pipelinetriage.adapter.ticket.TrackerHttp;
import dev.pipelinetriage.app.port.TicketTracker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import okhttp3.OkHttpClient;

/** Builds the Jira tracker for each flavour; the credential goes into the auth interceptor and nowhere else. */
public final class JiraTrackers {
    private JiraTrackers() {
    }

    /** Jira Cloud: REST v3 with ADF, basic auth with the account's e-mail and an API token. */
    public static TicketTracker cloud(OkHttpClient shared, JiraSettings settings, String email, String apiToken, Clock clock) {
        String basic = Base64.getEncoder().encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
        return new JiraTracker(new TrackerHttp(shared, "Basic " + basic, clock), settings, new Adf());
    }

    /** Jira Data Center: REST v2 with wiki markup, a personal access token as bearer. */
    public static TicketTracker dataCenter(OkHttpClient shared, JiraSettings settings, String personalAccessToken,
            Clock clock) {
        return new JiraTracker(new TrackerHttp(shared, "Bearer " + personalAccessToken, clock), settings, new WikiMarkup());
    }
}
