package dev.pipelinetriage.adapter.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * WireMock playing Slack's Web API with the answers its reference pages document (docs.slack.dev/reference/methods
 * auth.test, chat.postMessage, chat.update, chat.postEphemeral, views.open, usergroups.users.list), plus a journal
 * tests block on instead of sleeping: {@link #await} returns when a method has been called n times.
 */
final class SlackFakes implements AutoCloseable {
    /** The example answer on docs.slack.dev/reference/methods/auth.test, with the bot's ids. */
    static final String AUTH_TEST = """
            {"ok":true,"url":"https://subarachnoid.slack.com/","team":"Subarachnoid Workspace","user":"triage",
             "team_id":"T012AB3C4","user_id":"UBOT12345","bot_id":"B0BOT1234"}""";

    final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final Map<String, BlockingQueue<Map<String, String>>> calls = new ConcurrentHashMap<>();
    final List<String> methods = new CopyOnWriteArrayList<>();

    SlackFakes() {
        server.addMockServiceRequestListener((request, response) -> record(request));
        server.start();
        stubDocumentedAnswers();
    }

    private void stubDocumentedAnswers() {
        server.stubFor(post("/api/auth.test").willReturn(okJson(AUTH_TEST)));
        server.stubFor(post("/api/chat.postMessage").willReturn(okJson(fixture("chat.postMessage.200.ok.json"))));
        server.stubFor(post("/api/chat.update").willReturn(okJson(fixture("chat.update.200.ok.json"))));
        server.stubFor(post("/api/chat.postEphemeral").willReturn(okJson(fixture("chat.postEphemeral.200.ok.json"))));
        server.stubFor(post("/api/views.open").willReturn(okJson(fixture("views.open.200.ok.json"))));
        server.stubFor(post("/api/usergroups.users.list").willReturn(okJson(fixture("usergroups.users.list.200.ok.json"))));
    }

    static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/fixtures/slack/documented", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + server.port() + "/api/";
    }

    private void record(Request request) {
        if (!request.getUrl().startsWith("/api/")) {
            return; // a response_url, whose JSON body is no form
        }
        String method = request.getUrl().replaceFirst("^/api/", "");
        if (method.equals("auth.test")) {
            return;
        }
        Map<String, String> form = form(request.getBodyAsString());
        form.put("_authorization", String.valueOf(request.getHeader("Authorization")));
        methods.add(method);
        calls.computeIfAbsent(method, m -> new LinkedBlockingQueue<>()).add(form);
    }

    /** The form fields of the next {@code n} calls of {@code method}, waiting for each up to a generous deadline. */
    List<Map<String, String>> await(String method, int n) {
        BlockingQueue<Map<String, String>> queue = calls.computeIfAbsent(method, m -> new LinkedBlockingQueue<>());
        List<Map<String, String>> taken = new CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                Map<String, String> call = queue.poll(60, TimeUnit.SECONDS);
                if (call == null) {
                    throw new AssertionError("expected " + n + " " + method + " calls, got " + i + "; calls so far: " + methods);
                }
                taken.add(call);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return taken;
    }

    /** Calls of {@code method} not yet taken by {@link #await}. */
    int pending(String method) {
        BlockingQueue<Map<String, String>> queue = calls.get(method);
        return queue == null ? 0 : queue.size();
    }

    /** Forgets the calls recorded so far, for tests that share one bot and one fake. */
    void forget() {
        calls.clear();
        methods.clear();
    }

    /** As new: the documented answers only (what tests stubbed is gone), and no call recorded. */
    void reset() {
        server.resetAll();
        stubDocumentedAnswers();
        forget();
    }

    long count(String method) {
        return methods.stream().filter(method::equals).count();
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    void stubRateLimitedOnce(String method, int retryAfterSeconds) {
        server.stubFor(post("/api/" + method).inScenario("429").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                        .withHeader("Content-Type", "application/json").withBody(fixture("ratelimited.429.json")))
                .willSetStateTo("served"));
        server.stubFor(post("/api/" + method).inScenario("429").whenScenarioStateIs("served")
                .willReturn(okJson(fixture(method + ".200.ok.json"))));
    }

    @Override
    public void close() {
        server.stop();
    }
}
