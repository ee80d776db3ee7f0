package dev.pipelinetriage.adapter.ticket.jira;

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
 * Jira Cloud (REST v3, ADF) and Data Center (REST v2, wiki markup): the same resources, a different API version
 * and body format. A ticket is found again by its signature label through JQL search, which Jira documents as
 * eventually consistent -- hence the caller's claim and its reconciliation delay.
 */
final class JiraTracker implements TicketTracker {
    private static final int MAX_FOUND = 10;

    private final TrackerHttp http;
    private final JiraSettings settings;
    private final JiraFormat format;

    JiraTracker(TrackerHttp http, JiraSettings settings, JiraFormat format) {
        this.http = http;
        this.settings = settings;
        this.format = format;
    }

    @Override
    public String name() {
        return "jira";
    }

    private HttpUrl.Builder api(String... segments) {
        HttpUrl.Builder url = HttpUrl.get(settings.base()).newBuilder().addPathSegments("rest/api/" + format.apiVersion());
        for (String segment : segments) {
            url.addPathSegments(segment);
        }
        return url;
    }

    private HttpUrl issue(String key, String... rest) {
        HttpUrl.Builder url = api("issue").addPathSegment(key);
        for (String segment : rest) {
            url.addPathSegment(segment);
        }
        return url.build();
    }

    @Override
    public TrackerResult<TicketRef> create(TicketDraft draft) {
        Set<String> labels = new LinkedHashSet<>(settings.labels());
        labels.addAll(draft.labels());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project", Map.of("key", settings.project()));
        fields.put("issuetype", Map.of("name", settings.issueType()));
        fields.put("summary", draft.title());
        fields.put("description", format.render(draft.body()));
        fields.put("labels", List.copyOf(labels));
        if (!settings.components().isEmpty()) {
            fields.put("components", settings.components().stream().map(c -> Map.of("name", c)).toList());
        }
        Request request = new Request.Builder().url(api("issue").build()).post(http.body(Map.of("fields", fields))).build();
        return http.send(request, body -> ref(body.get("key").asText()));
    }

    private TicketRef ref(String key) {
        if (key == null || !key.matches("[A-Z][A-Z0-9_]*-\\d+")) {
            throw new IllegalArgumentException("not an issue key: '" + key + "'");
        }
        return new TicketRef(key, settings.base() + "/browse/" + key);
    }

    @Override
    public TrackerResult<List<TicketRef>> findByLabel(String label) {
        String jql = "project = \"" + settings.project() + "\" AND labels = \"" + label.replace("\"", "") + "\" ORDER BY created ASC";
        HttpUrl url = api(format.searchPath()).addQueryParameter("jql", jql).addQueryParameter("fields", "status")
                .addQueryParameter("maxResults", Integer.toString(MAX_FOUND)).build();
        return http.send(new Request.Builder().url(url).get().build(), body -> {
            List<TicketRef> found = new ArrayList<>();
            for (JsonNode issue : body.path("issues")) {
                found.add(ref(issue.path("key").asText(null)));
            }
            return List.copyOf(found);
        });
    }

    @Override
    public TrackerResult<Boolean> isOpen(TicketRef ticket) {
        HttpUrl url = issue(ticket.key()).newBuilder().addQueryParameter("fields", "status").build();
        return http.send(new Request.Builder().url(url).get().build(),
                body -> !"done".equals(body.path("fields").path("status").path("statusCategory").path("key").asText()));
    }

    @Override
    public TrackerResult<TicketRef> comment(TicketRef ticket, TicketDocument text) {
        Request request = new Request.Builder().url(issue(ticket.key(), "comment"))
                .post(http.body(Map.of("body", format.render(text)))).build();
        return http.send(request, body -> ticket);
    }

    /** Picks the configured transition, else the first whose target is not in the done category. */
    @Override
    public TrackerResult<TicketRef> reopen(TicketRef ticket) {
        HttpUrl transitions = issue(ticket.key(), "transitions");
        TrackerResult<String> chosen = http.send(new Request.Builder().url(transitions).get().build(), body -> {
            for (JsonNode t : body.path("transitions")) {
                boolean named = settings.reopenTransition() != null
                        && settings.reopenTransition().equalsIgnoreCase(t.path("name").asText());
                boolean leavesDone = settings.reopenTransition() == null
                        && !"done".equals(t.path("to").path("statusCategory").path("key").asText());
                if (named || leavesDone) {
                    return t.path("id").asText();
                }
            }
            throw new IllegalArgumentException("no transition reopens " + ticket.key()
                    + (settings.reopenTransition() == null ? "" : " (looked for '" + settings.reopenTransition() + "')"));
        });
        return switch (chosen) {
            case TrackerResult.Failed<String> f -> f.as();
            case TrackerResult.Ok<String> id -> http.send(new Request.Builder().url(transitions)
                    .post(http.body(Map.of("transition", Map.of("id", id.value())))).build(), body -> ticket);
        };
    }
}
