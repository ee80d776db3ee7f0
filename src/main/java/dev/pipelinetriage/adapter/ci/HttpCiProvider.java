package dev.pipelinetriage.adapter.ci;

import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.domain.CiKind;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * What every provider over HTTP shares: which instance it serves, the web URL links are pasted from, the
 * instance's guarded client and caches, and link parsing through {@link LinkParsing} so that every
 * provider refuses the same malformed and look-alike links the same way.
 */
public abstract class HttpCiProvider implements CiProvider {

    protected final String instance;
    protected final HttpUrl web;
    protected final InstanceHttp http;
    protected final CiCaches caches;
    private final CiKind kind;
    private final LinkParsing.PathParser links;

    protected HttpCiProvider(CiKind kind, String instance, HttpUrl web, InstanceHttp http, CiCaches caches,
            LinkParsing.PathParser links) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.web = Objects.requireNonNull(web, "web");
        this.http = Objects.requireNonNull(http, "http");
        this.caches = Objects.requireNonNull(caches, "caches");
        this.links = Objects.requireNonNull(links, "links");
    }

    @Override
    public final String instance() {
        return instance;
    }

    @Override
    public final CiKind kind() {
        return kind;
    }

    @Override
    public final LinkResult parseLink(String pasted) {
        return LinkParsing.parse(pasted, web, links);
    }
}
