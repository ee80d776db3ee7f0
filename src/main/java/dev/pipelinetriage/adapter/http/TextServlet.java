package dev.pipelinetriage.adapter.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/** A text document rendered on every GET, e.g. {@code /metrics} in the Prometheus text format. */
public final class TextServlet extends HttpServlet {
    /** The Prometheus text exposition format. */
    public static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final String contentType;
    private final transient Supplier<String> body;

    public TextServlet(String contentType, Supplier<String> body) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = Objects.requireNonNull(body, "body");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String text = body.get();
        response.setStatus(200);
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(text);
    }
}
