package dev.pipelinetriage.boot;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded Jetty 12 on two ports: the public one with the chat and webhook endpoints ({@code POST /slack/events},
 * {@code POST /api/messages}, {@code POST /webhooks/...}) and the management one with {@code GET /healthz},
 * {@code /readyz} and {@code /metrics}, so that an Ingress or a load balancer in front of the public port never
 * exposes metrics. Without a management port both sets share the public one. Neither names Jetty or its version,
 * in a header or an error page.
 */
final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final String PUBLIC = "public";
    private static final String MANAGEMENT = "management";

    private final Server server;
    private final ServerConnector publicConnector;
    private final ServerConnector managementConnector;
    private final AtomicBoolean ready;

    private HttpServer(Server server, ServerConnector publicConnector, ServerConnector managementConnector,
            AtomicBoolean ready) {
        this.server = server;
        this.publicConnector = publicConnector;
        this.managementConnector = managementConnector;
        this.ready = ready;
    }

    /**
     * @param endpoints the public servlets by path, e.g. {@code /slack/events}
     * @param managementPort where {@code management} and {@code /healthz} are served: 0 for any free port, empty for
     *     the public port
     * @param management the operations servlets by path, e.g. {@code /metrics}
     */
    static HttpServer start(String host, int port, Map<String, HttpServlet> endpoints, OptionalInt managementPort,
            Map<String, HttpServlet> management) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("http");
        Server server = new Server(threads);
        server.setErrorHandler(quietErrors(new ErrorHandler()));
        ServerConnector publicConnector = connector(server, PUBLIC, host, port);
        ServerConnector managementConnector = managementPort.isPresent()
                ? connector(server, MANAGEMENT, host, managementPort.getAsInt()) : publicConnector;
        AtomicBoolean ready = new AtomicBoolean();
        Map<String, HttpServlet> operations = new LinkedHashMap<>(management);
        operations.put("/healthz", new Health(ready));
        if (managementConnector == publicConnector) {
            Map<String, HttpServlet> all = new LinkedHashMap<>(endpoints);
            all.putAll(operations);
            server.setHandler(context(all, PUBLIC));
        } else {
            server.setHandler(new ContextHandlerCollection(context(endpoints, PUBLIC), context(operations, MANAGEMENT)));
        }
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            throw new IOException("cannot listen on " + host + ":" + port
                    + managementPort.stream().mapToObj(p -> " and " + p).findFirst().orElse("") + ": " + e.getMessage(), e);
        }
        if (managementConnector == publicConnector) {
            LOG.info("listening on {}:{} (chat, webhooks, health and metrics)", host, publicConnector.getLocalPort());
        } else {
            LOG.info("listening on {}:{} (chat and webhooks) and {}:{} (health and metrics)", host,
                    publicConnector.getLocalPort(), host, managementConnector.getLocalPort());
        }
        return new HttpServer(server, publicConnector, managementConnector, ready);
    }

    /** A named connector that does not announce the server's name and version in a {@code Server} header. */
    private static ServerConnector connector(Server server, String name, String host, int port) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setName(name);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        return connector;
    }

    /** A servlet context answering only on the connector named {@code connector}. */
    private static ServletContextHandler context(Map<String, HttpServlet> servlets, String connector) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setVirtualHosts(List.of("@" + connector));
        context.setErrorHandler(quietErrors(new org.eclipse.jetty.ee10.servlet.ErrorHandler()));
        servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(path, servlet), path));
        context.addServlet(new ServletHolder("not-found", new NotFound()), "/");
        return context;
    }

    /** Error pages with the status and its reason only: no stack, no cause, no server name or version. */
    private static <H extends ErrorHandler> H quietErrors(H handler) {
        handler.setShowStacks(false);
        handler.setShowCauses(false);
        handler.setShowMessageInTitle(false);
        handler.setShowOrigin(false);
        return handler;
    }

    /** The public port: chat and webhooks. */
    int port() {
        return publicConnector.getLocalPort();
    }

    /** The port serving health and metrics: the management port, or the public one when there is none. */
    int managementPort() {
        return managementConnector.getLocalPort();
    }

    void ready() {
        ready.set(true);
    }

    void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        ready.set(false);
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("HTTP server did not stop cleanly", e);
        }
    }

    /** Any method on a path this port does not serve: 404 with a JSON body (Jetty's own fallback answers 405 to all but GET). */
    private static final class NotFound extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(404);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"no endpoint at this path\"}");
        }
    }

    /** 200 once everything is wired and listening, 503 before and while stopping. */
    private static final class Health extends HttpServlet {
        private final transient AtomicBoolean ready;

        Health(AtomicBoolean ready) {
            this.ready = ready;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.setStatus(ready.get() ? 200 : 503);
            response.getWriter().write(ready.get() ? "{\"status\":\"ready\"}" : "{\"status\":\"starting\"}");
        }
    }
}
