package dev.pipelinetriage.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server a test class shares: started before its first test, reset before each test, stopped after its last.
 * Starting a fake or the whole bot costs far more than a test's own requests, so it happens once per class; the
 * reset gives every test the state a fresh start would. Register it in a static field:
 * <pre>{@code
 * @RegisterExtension @Order(1)
 * static final ClassServer<WireMockServer> ci = ClassServer.wireMock();
 * @RegisterExtension @Order(2)
 * static final ClassServer<Served> bot = ClassServer.of(() -> start(ci.get().port()),
 *         served -> Await.until("idle workers", () -> served.pendingTasks() == 0), Served::close);
 * }</pre>
 * Servers start in {@code @Order} and stop in reverse, so one may read the address of another in its start. Resets
 * run in {@code @Order} too, before the test class's own {@code @BeforeEach} methods (which then stub what the test
 * needs); where a bot's unfinished work could reach fakes already reset, one composite server holds both and its
 * reset waits for the bot first (as {@code ServedSlack} and {@code ServedTeams} do).
 *
 * @param <T> the server
 */
public final class ClassServer<T> implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final Start<T> start;
    private final Action<T> reset;
    private final Action<T> stop;
    private T server;
    private String startedFor;

    private ClassServer(Start<T> start, Action<T> reset, Action<T> stop) {
        this.start = Objects.requireNonNull(start, "start");
        this.reset = Objects.requireNonNull(reset, "reset");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /** Starts the server. */
    @FunctionalInterface
    public interface Start<T> {
        T start() throws Exception;
    }

    /** Resets or stops the server. */
    @FunctionalInterface
    public interface Action<T> {
        void accept(T server) throws Exception;
    }

    /**
     * @param reset brings the server back to the state just after {@code start}: forgets requests and what tests
     *     stubbed or stored
     */
    public static <T> ClassServer<T> of(Start<T> start, Action<T> reset, Action<T> stop) {
        return new ClassServer<>(start, reset, stop);
    }

    /** A WireMock server on a free port; each test starts without stubs, recorded requests or scenario states. */
    public static ClassServer<WireMockServer> wireMock() {
        return of(() -> {
            WireMockServer server = new WireMockServer(options().dynamicPort());
            server.start();
            return server;
        }, WireMockServer::resetAll, WireMockServer::stop);
    }

    /** The running server. */
    public T get() {
        if (server == null) {
            throw new IllegalStateException("the server starts before the class's first test: register the "
                    + "ClassServer in a static field with @RegisterExtension");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (server == null) {
            server = start.start();
            startedFor = context.getUniqueId();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        reset.accept(get());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        // A @Nested class shares its enclosing class's server; only the class that started it stops it.
        if (server != null && context.getUniqueId().equals(startedFor)) {
            T stopping = server;
            server = null;
            stop.accept(stopping);
        }
    }
}
