package dev.pipelinetriage.adapter.ticket.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinetriage.adapter.ticket.TrackerHttp;
import dev.pipelinetriage.app.port.TicketDocument;
import dev.pipelinetriage.app.port.TicketDraft;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.app.port.TicketTracker;
import dev.pipelinetriage.app.port.TrackerResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * GitHub Issues in one repository. The signature's label is also written as a hidden marker at the end of the
 * body, so people (and a later search) can tell the bot's issues apart even if someone removes the label.
 */
final class GitHubIssuesTracker implements TicketTracker {
    private static final String API_VERSION = "2022-11-28";

    private final TrackerHttp http;
    private final GitHubIssuesSettings settings;

    GitHubIssuesTracker(TrackerHttp http, GitHubIssuesSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "github";
    }

    private Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url).header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION);
    }

    private HttpUrl.Builder api() {
        return HttpUrl.get(settings.apiUrl().toString().replaceAll("/+$", "")).newBuilder();
    }

    private HttpUrl issues(String... rest) {
        HttpUrl.Builder url = api().addPathSegment("repos").addPathSegments(settings.repository()).addPathSegment("issues");
        for (String segment : rest) {
            url.addPathSegment(segment);
        }
        return url.build();
    }

    @Override
    public TrackerResult<TicketRef> create(TicketDraft draft) {
        Set<String> labels = new LinkedHashSet<>(settings.labels());
        labels.addAll(draft.labels());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", draft.title());
        body.put("body", Markdown.render(draft.body(), "pipeline-triage " + String.join(" ", draft.labels())));
        body.put("labels", List.copyOf(labels));
        return http.send(request(issues()).post(http.body(body)).build(), this::ref);
    }

    private TicketRef ref(JsonNode issue) {
        long number = issue.path("number").asLong(-1);
        String url = issue.path("html_url").asText("");
        if (number < 1 || !url.startsWith("http")) {
            throw new IllegalArgumentException("an issue without number or html_url");
        }
        return new TicketRef(settings.repository() + "#" + number, url);
    }

    private String number(TicketRef ticket) {
        String key = ticket.key();
        int hash = key.lastIndexOf('#');
        if (hash < 0 || !key.substring(0, hash).equals(settings.repository()) || !key.substring(hash + 1).matches("\\d+")) {
            throw new IllegalArgumentException("ticket " + key + " is not an issue of " + settings.repository());
        }
        return key.substring(hash + 1);
    }

    @Override
    public TrackerResult<List<TicketRef>> findByLabel(String label) {
        String q = "repo:" + settings.repository() + " is:issue label:\"" + label.replace("\"", "") + "\"";
        HttpUrl url = api().addPathSegments("search/issues").addQueryParameter("q", q).addQueryParameter("sort", "created")
                .addQueryParameter("order", "asc").build();
        return http.send(request(url).get().build(), body -> {
            List<TicketRef> found = new ArrayList<>();
            for (JsonNode item : body.path("items")) {
                if (!item.has("pull_request")) {
                    found.add(ref(item));
                }
            }
            return List.copyOf(found);
        });
    }

    @Override
    public TrackerResult<Boolean> isOpen(TicketRef ticket) {
        return http.send(request(issues(number(ticket))).get().build(), body -> "open".equals(body.path("state").asText()));
    }

    @Override
    public TrackerResult<TicketRef> comment(TicketRef ticket, TicketDocument text) {
        return http.send(request(issues(number(ticket), "comments"))
                .post(http.body(Map.of("body", Markdown.render(text, null)))).build(), body -> ticket);
    }

    @Override
    public TrackerResult<TicketRef> reopen(TicketRef ticket) {
        return http.send(request(issues(number(ticket)))
                .patch(http.body(Map.of("state", "open", "state_reason", "reopened"))).build(), body -> ticket);
    }
}
