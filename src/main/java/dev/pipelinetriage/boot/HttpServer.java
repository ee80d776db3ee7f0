package dev.pipelinetriage.boot;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Embedded Jetty 12: the chat endpoints ({@code POST /slack/events}, {@code POST /api/messages}) and {@code GET /healthz}. */
final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final AtomicBoolean ready;

    private HttpServer(Server server, ServerConnector connector, AtomicBoolean ready) {
        this.server = server;
        this.connector = connector;
        this.ready = ready;
    }

    /** @param endpoints servlets by path, e.g. {@code /slack/events} */
    static HttpServer start(String host, int port, Map<String, HttpServlet> endpoints) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        AtomicBoolean ready = new AtomicBoolean();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        endpoints.forEach((path, servlet) -> context.addServlet(new ServletHolder(path, servlet), path));
        context.addServlet(new ServletHolder("health", new Health(ready)), "/healthz");
        // Any other path, whatever the method, is not found (Jetty's default servlet would answer a POST with 405).
        context.addServlet(new ServletHolder("not-found", new NotFound()), "/");
        server.setHandler(context);
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        LOG.info("listening on {}:{}", host, connector.getLocalPort());
        return new HttpServer(server, connector, ready);
    }

    int port() {
        return connector.getLocalPort();
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

    /** 404 with a JSON body for a path no endpoint serves. */
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
