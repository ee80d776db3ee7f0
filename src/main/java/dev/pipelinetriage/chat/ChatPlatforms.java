package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.port.TriageMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat platforms {@code serve} runs, in one place. Each platform's surface is wrapped in {@link MeteredSurface}
 * here and only here, and that one metered surface is what its handlers, its resumed pastes, webhook cards and the
 * weekly digest post through: nothing posts uncounted. Adding a platform is one more {@link ChatPlatform} given to
 * this registry.
 *
 * @param <E> what the HTTP server mounts for a platform's inbound requests
 */
public final class ChatPlatforms<E> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatPlatforms.class);

    private final List<Running<E>> running;

    /**
     * Meters every platform's surface, builds its endpoint over it, and registers its pending pastes' handler.
     *
     * @param metrics counts what each platform did not take ({@code chat_post_undelivered_total{platform}})
     * @param work resumes acknowledged pastes with the platform's metered surface
     * @throws IllegalArgumentException for two platforms of one name or two endpoints on one path
     */
    public ChatPlatforms(List<? extends ChatPlatform<E>> platforms, TriageMetrics metrics, AcknowledgedWork work) {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(work, "work");
        List<Running<E>> built = new ArrayList<>();
        for (ChatPlatform<E> platform : platforms) {
            String name = platform.name();
            for (Running<E> other : built) {
                if (other.name().equals(name)) {
                    throw new IllegalArgumentException("two chat platforms are named " + name);
                }
            }
            ChatSurface metered = new MeteredSurface(platform.surface(), metrics, name);
            ChatPlatform.Endpoint<E> endpoint = platform.endpoint(metered);
            for (Running<E> other : built) {
                if (other.endpoint().path().equals(endpoint.path())) {
                    throw new IllegalArgumentException("chat platforms " + other.name() + " and " + name
                            + " both serve " + endpoint.path());
                }
            }
            TriageConversation conversation = platform.conversation();
            work.handle(TriageConversation.kind(name), item -> conversation.resume(item, metered));
            built.add(new Running<>(name, metered, endpoint));
        }
        this.running = List.copyOf(built);
    }

    /** The platforms' names, in the order they were given. */
    public List<String> names() {
        return running.stream().map(Running::name).toList();
    }

    /** Every platform's metered surface by name, for webhook cards and rerun outcomes. */
    public Map<String, ChatSurface> surfaces() {
        Map<String, ChatSurface> surfaces = new LinkedHashMap<>();
        running.forEach(r -> surfaces.put(r.name(), r.surface()));
        return surfaces;
    }

    /**
     * The metered surface of platform {@code name}, e.g. for the weekly digest.
     *
     * @throws IllegalArgumentException naming the platforms there are, when none is called {@code name}
     */
    public ChatSurface surface(String name) {
        return running.stream().filter(r -> r.name().equals(name)).findFirst().map(Running::surface)
                .orElseThrow(() -> new IllegalArgumentException("no chat platform named '" + name + "' is configured"
                        + (running.isEmpty() ? "" : "; configured: " + String.join(", ", names()))));
    }

    /** What the HTTP server mounts: each platform's path and handler, in order. */
    public Map<String, E> endpoints() {
        Map<String, E> endpoints = new LinkedHashMap<>();
        running.forEach(r -> endpoints.put(r.endpoint().path(), r.endpoint().handler()));
        return endpoints;
    }

    /** How readiness names what it serves, e.g. {@code slack over Socket Mode and teams over the Bot Framework}. */
    public String banner() {
        return String.join(" and ", running.stream().map(r -> r.endpoint().description()).toList());
    }

    /** Starts the platforms' own connections (Slack's Socket Mode), in order, once the HTTP server listens. */
    public void start() throws IOException {
        for (Running<E> r : running) {
            r.endpoint().connection().start();
        }
    }

    /** Closes the platforms' connections, the last started first; one that fails does not keep the others open. */
    @Override
    public void close() {
        for (Running<E> r : running.reversed()) {
            try {
                r.endpoint().connection().close();
            } catch (RuntimeException e) {
                LOG.warn("chat platform {} did not close cleanly", r.name(), e);
            }
        }
    }

    private record Running<E>(String name, ChatSurface surface, ChatPlatform.Endpoint<E> endpoint) {
    }
}
