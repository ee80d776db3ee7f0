package dev.pipelinetriage.adapter.ci;

import okhttp3.Response;
import okhttp3.Request;
import java.util.function.Predicate;
import java.io.IOException;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.CiProvider;
import dev.pipelinetriage.app.port.GreenRunResult;
import dev.pipelinetriage.app.port.LinkResult;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.Run;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * What every provider over HTTP shares: which instance it serves, the web URL links are pasted from, the
 * instance's guarded client and caches, link parsing through {@link LinkParsing} so that every
 * provider refuses the same malformed and look-alike links the same way, and the rules of the last green run
 * search (the branch, else the default branch; the same job name, and that job succeeded).
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

    @Override
    public final boolean hasLinkShape(String pasted) {
        return LinkParsing.hasShape(pasted, web, links);
    }

    /** A finished job's log comes from the cache; else it is downloaded, and cached once the job has finished. */
    @Override
    public final FetchResult fetchLog(Job job, long maxBytes) {
        var cached = caches.log(job.ref());
        if (cached.isPresent()) {
            return new FetchResult.Fetched(cached.get());
        }
        FetchResult fetched = download(job, maxBytes);
        if (fetched instanceof FetchResult.Fetched f) {
            caches.putLog(f.log(), job.status().finished());
        }
        return fetched;
    }

    /** Downloads a job's log that is not cached, keeping at most {@code maxBytes}, or says why it cannot. */
    protected abstract FetchResult download(Job job, long maxBytes);

    /**
     * The usual download: one request; the statuses this provider reads in its own way ({@code known}: GitLab's
     * 404, Azure's sign-in page), then the shared reading of every other failure; the body captured under the
     * cap; a lost connection or a timeout told as such.
     *
     * @param known the problem a response means for this provider, when it knows better than the shared rules
     * @param cutAtSource whether the CI itself cut the captured log (a runner's size limit)
     */
    protected final FetchResult download(Request request, Ask ask, Job job, long maxBytes,
            Function<Response, Optional<CiProblem>> known, Predicate<LogCapture.Captured> cutAtSource) {
        try (Response response = http.execute(request)) {
            Optional<CiProblem> problem = known.apply(response);
            if (problem.isPresent()) {
                return problem.get();
            }
            if (!response.isSuccessful()) {
                return http.problems().fromResponse(response, ask);
            }
            return new FetchResult.Fetched(LogDownload.capture(response, job.ref(), maxBytes, cutAtSource));
        } catch (IOException e) {
            return http.problems().fromException(e, ask, request.url().host());
        }
    }

    /**
     * The last green run on {@code branch}, else on the default branch when that is another branch. The default
     * branch is asked for only when the branch has none; a problem asking for it is the answer.
     *
     * @param branch the failing run's branch, or null when the provider did not say
     * @param defaultBranch asks the CI for the repository's (or definition's) default branch; empty when it has none
     * @param onBranch the search on one branch
     */
    protected static GreenRunResult onBranchElseDefault(String branch, Supplier<HttpOutcome<String>> defaultBranch,
            Function<String, GreenRunResult> onBranch) {
        GreenRunResult first = branch == null ? new GreenRunResult.None("the run does not say which branch it built")
                : onBranch.apply(branch);
        if (!(first instanceof GreenRunResult.None)) {
            return first;
        }
        return switch (defaultBranch.get()) {
            case HttpOutcome.Ok<String> ok when ok.value().isEmpty() || ok.value().equals(branch) -> first;
            case HttpOutcome.Ok<String> ok -> onBranch.apply(ok.value());
            case HttpOutcome.Failed<String> failed -> failed.problem();
        };
    }

    /** The job of the same name in a green run, provided it succeeded there. */
    protected static GreenRunResult sameJob(Run green, Job failed) {
        String name = failed.ref().name();
        Optional<Job> same = green.jobs().stream().filter(j -> j.ref().name().equals(name)).filter(
                j -> j.status() == JobStatus.SUCCEEDED).findFirst();
        if (same.isPresent()) {
            return new GreenRunResult.Found(same.get(), green.webUrl());
        }
        boolean present = green.jobs().stream().anyMatch(j -> j.ref().name().equals(name));
        return new GreenRunResult.None("job '" + name + "' " + (present ? "did not succeed" : "is not")
                + " in the last green run " + green.ref().runId() + " of " + green.ref().project());
    }
}
