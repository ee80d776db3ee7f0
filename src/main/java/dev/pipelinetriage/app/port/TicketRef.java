package dev.pipelinetriage.app.port;

import java.util.Objects;

/** A ticket in the tracker: {@code key} as people say it ({@code OPS-123}, {@code #42}) and its web page. */
public record TicketRef(String key, String url) {
    public TicketRef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
    }
}
