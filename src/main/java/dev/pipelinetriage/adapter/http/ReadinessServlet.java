package dev.pipelinetriage.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.app.Readiness;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/** {@code GET /readyz}: 200 when every check is up, else 503; the body names each check and what it found. */
public final class ReadinessServlet extends HttpServlet {
    private final transient Readiness readiness;
    private final transient ObjectMapper json = new ObjectMapper();

    public ReadinessServlet(Readiness readiness) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Readiness.Report report = readiness.report();
        ObjectNode body = json.createObjectNode().put("status", report.ready() ? "ready" : "not ready");
        ObjectNode checks = body.putObject("checks");
        for (Readiness.Check check : report.checks()) {
            checks.putObject(check.name()).put("status", check.up() ? "up" : "down").put("detail", check.detail());
        }
        response.setStatus(report.ready() ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        json.writeValue(response.getWriter(), body);
    }
}
