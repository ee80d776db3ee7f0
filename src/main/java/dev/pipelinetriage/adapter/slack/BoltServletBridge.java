package dev.pipelinetriage.adapter.slack;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between a Jakarta servlet exchange and Bolt's request parser. Bolt's own servlet module stopped at 1.47 while Bolt
 * moved on; this is the little it did, written against Bolt's core API so every Slack jar shares one version.
 */
final class BoltServletBridge {
    private final SlackRequestParser parser;

    BoltServletBridge(AppConfig config) {
        this.parser = new SlackRequestParser(config);
    }

    /** @param body the raw body, already read and its signature verified by the caller */
    Request<?> toBoltRequest(HttpServletRequest request, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(request.getRequestURI())
                .queryString(QueryStringParser.toMap(request.getQueryString()))
                .headers(new RequestHeaders(headers))
                .requestBody(body)
                .remoteAddress(request.getRemoteAddr())
                .build());
    }

    static void write(HttpServletResponse response, Response answer) throws IOException {
        response.setStatus(answer.getStatusCode());
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        }
        if (answer.getContentType() != null) {
            response.setHeader("Content-Type", answer.getContentType());
        }
        if (answer.getBody() != null) {
            response.getWriter().write(answer.getBody());
        }
    }
}
