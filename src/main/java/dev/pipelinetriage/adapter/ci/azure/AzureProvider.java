package dev.pipelinetriage.adapter.ci.azure;

import dev.pipelinetriage.adapter.ci.Ask;
import dev.pipelinetriage.adapter.ci.CiCaches;
import dev.pipelinetriage.adapter.ci.ForkReruns;
import dev.pipelinetriage.adapter.ci.HttpOutcome;
import dev.pipelinetriage.adapter.ci.HttpCiProvider;
import dev.pipelinetriage.adapter.ci.InstanceHttp;
import dev.pipelinetriage.app.port.CiProblem;
import dev.pipelinetriage.app.port.FetchResult;
import dev.pipelinetriage.app.port.GreenRunResult;
import dev.pipelinetriage.app.port.RerunResult;
import dev.pipelinetriage.app.port.ResolveResult;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.domain.RunOrigin;
import dev.pipelinetriage.domain.RunRef;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Azure Pipelines on Azure DevOps Services or Server, over the Build REST API (api-version 7.1). A job is a
 * timeline record of type "Job"; its log is the record's log id.
 */
public final class AzureProvider extends HttpCiProvider {
    static final String READ_SCOPE = "Build (Read) (vso.build)";
    static final String WRITE_SCOPE = "Build (Read & execute) (vso.build_execute)";
    private static final String API_VERSION = "7.1";
    private static final MediaType JSON = MediaType.get("application/json");
    /** Successful builds asked for at once; the first one older than the failing build is the one. */
    private static final int GREEN_BUILDS = 10;

    private final ForkReruns forkReruns;

    public AzureProvider(String instance, HttpUrl web, InstanceHttp http, CiCaches caches) {
        this(instance, web, http, caches, Set.of());
    }

    /** @param forkRerunsIn project names where builds of pull requests from forks may be retried from chat */
    public AzureProvider(String instance, HttpUrl web, InstanceHttp http, CiCaches caches, Set<String> forkRerunsIn) {
        super(CiKind.AZURE, instance, web, http, caches, new AzureLinks(instance)::parse);
        this.forkReruns = new ForkReruns(instance, forkRerunsIn);
    }

    @Override
    public ResolveResult resolve(CiLink link) {
        RunRef ref = link.run().orElseThrow();
        Ask ask = new Ask("build " + ref.runId() + " in project " + ref.project(), READ_SCOPE);
        AzureJson.BuildJson build;
        switch (build(ref, ask)) {
            case HttpOutcome.Ok<AzureJson.BuildJson> ok -> build = ok.value();
            case HttpOutcome.Failed<AzureJson.BuildJson> failed -> {
                return failed.problem();
            }
        }
        return switch (timeline(ref)) {
            case HttpOutcome.Failed<AzureJson.TimelineJson> failed -> failed.problem();
            case HttpOutcome.Ok<AzureJson.TimelineJson> ok -> {
                Run run = run(ref, build, ok.value().records());
                caches.putRun(run);
                List<Job> targets = link.job().isEmpty() ? run.failedJobs()
                        : run.jobs().stream().filter(j -> j.ref().id().equals(link.jobId())).toList();
                if (targets.isEmpty() && link.job().isPresent()) {
                    yield new CiProblem.NotFound("Job " + link.jobId() + " is not in build " + ref.runId()
                            + "'s timeline on CI instance '" + instance + "'.");
                }
                yield new ResolveResult.Resolved(run, targets);
            }
        };
    }

    /** The build's jobs are its timeline's Job records; the attempt is the newest a Job record names. */
    private Run run(RunRef ref, AzureJson.BuildJson build, List<AzureJson.RecordJson> records) {
        int attempt = records.stream().filter(r -> "Job".equals(r.type())).map(AzureProvider::attemptOf)
                .max(Comparator.naturalOrder()).orElse(1);
        RunRef concrete = ref.withAttempt(attempt);
        List<Job> jobs = records.stream().filter(r -> "Job".equals(r.type()) && r.id() != null)
                .sorted(Comparator.comparing(r -> r.order() == null ? 0 : r.order()))
                .map(r -> new Job(new JobRef(concrete, r.id().toLowerCase(Locale.ROOT),
                        r.name() == null ? r.id() : r.name(), attemptOf(r)), recordStatus(r), failedTask(records, r.id())))
                .toList();
        String branch = build.sourceBranch() == null || build.sourceBranch().isBlank() ? null : build.sourceBranch();
        RunOrigin origin = new RunOrigin(build.definition() == null ? null : Long.toString(build.definition().id()),
                branch, null);
        return new Run(concrete, buildStatus(build), jobs, resultsUrl(ref), origin);
    }

    /**
     * "Builds - List" of the definition with {@code branchName}, {@code resultFilter=succeeded}, newest first, then
     * that build's timeline; the default branch is the definition's repository's ("Definitions - Get"). Build ids
     * grow, so a smaller id is an older build.
     */
    @Override
    public GreenRunResult lastGreen(Run failing, Job job) {
        RunOrigin origin = failing.knownOrigin().orElse(null);
        if (origin == null || origin.definition() == null) {
            return new GreenRunResult.None("Azure DevOps did not say which definition build " + failing.ref().runId() + " ran");
        }
        RunRef ref = failing.ref();
        HttpUrl definition = http.api().addPathSegment(ref.project()).addPathSegments("_apis/build/definitions")
                .addPathSegment(origin.definition()).addQueryParameter("api-version", API_VERSION).build();
        return onBranchElseDefault(origin.branch(), () -> switch (http.getJson(definition, AzureJson.DefinitionJson.class,
                new Ask("the default branch of definition " + origin.definition() + " in project " + ref.project(), READ_SCOPE))) {
            case HttpOutcome.Ok<AzureJson.DefinitionJson> ok -> new HttpOutcome.Ok<>(ok.value().repository() == null ? ""
                    : Objects.requireNonNullElse(ok.value().repository().defaultBranch(), ""));
            case HttpOutcome.Failed<AzureJson.DefinitionJson> f -> new HttpOutcome.Failed<>(f.problem());
        }, branch -> greenOn(ref, origin.definition(), branch, job));
    }

    private GreenRunResult greenOn(RunRef failing, String definition, String branch, Job job) {
        HttpUrl url = http.api().addPathSegment(failing.project()).addPathSegments("_apis/build/builds")
                .addQueryParameter("definitions", definition).addQueryParameter("branchName", branch)
                .addQueryParameter("resultFilter", "succeeded").addQueryParameter("statusFilter", "completed")
                .addQueryParameter("queryOrder", "queueTimeDescending").addQueryParameter("$top", Integer.toString(GREEN_BUILDS))
                .addQueryParameter("api-version", API_VERSION).build();
        Ask ask = new Ask("the successful builds of definition " + definition + " on " + branch + " in project "
                + failing.project(), READ_SCOPE);
        AzureJson.BuildJson green;
        switch (http.getJson(url, AzureJson.BuildsJson.class, ask)) {
            case HttpOutcome.Ok<AzureJson.BuildsJson> ok -> {
                var older = ok.value().value().stream().filter(b -> b.id() < Long.parseLong(failing.runId())
                        && buildStatus(b) == JobStatus.SUCCEEDED).findFirst();
                if (older.isEmpty()) {
                    return new GreenRunResult.None("no build of definition " + definition + " on " + branch
                            + " succeeded before build " + failing.runId());
                }
                green = older.get();
            }
            case HttpOutcome.Failed<AzureJson.BuildsJson> failed -> {
                return failed.problem();
            }
        }
        RunRef greenRef = failing.withRunId(green.id()).withAttempt(0);
        return switch (timeline(greenRef)) {
            case HttpOutcome.Ok<AzureJson.TimelineJson> ok -> sameJob(run(greenRef, green, ok.value().records()), job);
            case HttpOutcome.Failed<AzureJson.TimelineJson> failed -> failed.problem();
        };
    }

    @Override
    protected FetchResult download(Job job, long maxBytes) {
        RunRef run = job.ref().run();
        Ask ask = new Ask("the log of job '" + job.ref().name() + "' in build " + run.runId(), READ_SCOPE);
        Optional<Long> logId;
        switch (timeline(run)) {
            case HttpOutcome.Ok<AzureJson.TimelineJson> ok -> logId = ok.value().records().stream()
                    .filter(r -> job.ref().id().equalsIgnoreCase(r.id()) && r.log() != null)
                    .map(r -> r.log().id()).findFirst();
            case HttpOutcome.Failed<AzureJson.TimelineJson> failed -> {
                return failed.problem();
            }
        }
        if (logId.isEmpty()) {
            return new CiProblem.NotFound("Job '" + job.ref().name() + "' of build " + run.runId() + " has no log on CI "
                    + "instance '" + instance + "' (it did not run, or retention removed it).");
        }
        HttpUrl url = builds(run).addPathSegment("logs").addPathSegment(Long.toString(logId.get()))
                .addQueryParameter("api-version", API_VERSION).build();
        return download(new Request.Builder().url(url).header("Accept", "text/plain").get().build(), ask, job, maxBytes,
                response -> response.code() == 203 ? Optional.of(http.problems().signInPage(ask)) : Optional.empty(),
                c -> false);
    }

    @Override
    public RerunResult rerun(RerunRequest request) {
        return switch (request) {
            case RerunRequest.SingleJob s -> new RerunResult.Unsupported("Azure Pipelines retries the failed jobs of a "
                    + "whole build, not a single job: rerun the run instead.");
            case RerunRequest.FailedJobsOf f -> retry(f.run());
        };
    }

    private RerunResult retry(RunRef run) {
        Ask ask = new Ask("a retry of the failed jobs of build " + run.runId() + " in project " + run.project(), WRITE_SCOPE);
        if (!forkReruns.allowedIn(run.project())) {
            switch (build(run, ask)) {
                case HttpOutcome.Ok<AzureJson.BuildJson> ok when ok.value().buildsAForkPullRequest() -> {
                    return forkReruns.refuse("Build " + run.runId() + " built pull request "
                            + ok.value().triggerInfo().getOrDefault("pr.number", "?") + " from a fork, and a retry would run "
                            + "that code again in project " + run.project());
                }
                case HttpOutcome.Ok<AzureJson.BuildJson> ok -> {
                }
                case HttpOutcome.Failed<AzureJson.BuildJson> failed -> {
                    return failed.problem();
                }
            }
        }
        HttpUrl url = builds(run).addQueryParameter("retry", "true").addQueryParameter("api-version", API_VERSION).build();
        // What the web UI's "Rerun failed jobs" sends: PATCH ?retry=true with an empty build body.
        Request patch = new Request.Builder().url(url).patch(RequestBody.create("{}", JSON)).build();
        try (Response response = http.execute(patch)) {
            if (response.code() == 203) {
                return http.problems().signInPage(ask);
            }
            return response.isSuccessful() ? new RerunResult.Started(resultsUrl(run), false)
                    : http.problems().fromResponse(response, ask);
        } catch (InterruptedIOException timeout) {
            return switch (build(run, ask)) {
                case HttpOutcome.Ok<AzureJson.BuildJson> ok when !buildStatus(ok.value()).finished() ->
                        new RerunResult.Started(resultsUrl(run), true);
                default -> new CiProblem.TimedOut("The retry request for build " + run.runId() + " timed out and the "
                        + "build has not restarted; check it before asking again.");
            };
        } catch (IOException e) {
            return http.problems().fromException(e, ask, url.host());
        }
    }

    /** "Builds - Get": the build as it is now. */
    private HttpOutcome<AzureJson.BuildJson> build(RunRef ref, Ask ask) {
        return http.getJson(builds(ref).addQueryParameter("api-version", API_VERSION).build(), AzureJson.BuildJson.class, ask);
    }

    private HttpOutcome<AzureJson.TimelineJson> timeline(RunRef ref) {
        return http.getJson(builds(ref).addPathSegment("timeline").addQueryParameter("api-version", API_VERSION).build(),
                AzureJson.TimelineJson.class, new Ask("the timeline of build " + ref.runId() + " in project " + ref.project(),
                        READ_SCOPE));
    }

    private static String failedTask(List<AzureJson.RecordJson> records, String jobId) {
        return records.stream().filter(r -> jobId.equals(r.parentId()) && "Task".equals(r.type()) && "failed".equals(r.result()))
                .sorted(Comparator.comparing(r -> r.order() == null ? 0 : r.order()))
                .map(AzureJson.RecordJson::name).findFirst().orElse(null);
    }

    private static int attemptOf(AzureJson.RecordJson r) {
        return r.attempt() == null || r.attempt() < 1 ? 1 : r.attempt();
    }

    static JobStatus buildStatus(AzureJson.BuildJson b) {
        if (b.status() == null) {
            return JobStatus.UNKNOWN;
        }
        return switch (b.status()) {
            case "notStarted", "postponed" -> JobStatus.QUEUED;
            case "inProgress", "cancelling" -> JobStatus.RUNNING;
            case "completed" -> result(b.result());
            default -> JobStatus.UNKNOWN;
        };
    }

    static JobStatus recordStatus(AzureJson.RecordJson r) {
        if (r.state() == null) {
            return JobStatus.UNKNOWN;
        }
        return switch (r.state()) {
            case "pending" -> JobStatus.QUEUED;
            case "inProgress" -> JobStatus.RUNNING;
            case "completed" -> result(r.result());
            default -> JobStatus.UNKNOWN;
        };
    }

    private static JobStatus result(String result) {
        if (result == null) {
            return JobStatus.UNKNOWN;
        }
        return switch (result) {
            case "succeeded", "succeededWithIssues" -> JobStatus.SUCCEEDED;
            case "failed", "partiallySucceeded" -> JobStatus.FAILED;
            case "canceled", "abandoned" -> JobStatus.CANCELLED;
            case "skipped", "none" -> JobStatus.SKIPPED;
            default -> JobStatus.UNKNOWN;
        };
    }

    private HttpUrl.Builder builds(RunRef ref) {
        return http.api().addPathSegment(ref.project()).addPathSegments("_apis/build/builds").addPathSegment(ref.runId());
    }

    private String resultsUrl(RunRef ref) {
        return web.newBuilder().addPathSegment(ref.project()).addPathSegments("_build/results")
                .addQueryParameter("buildId", ref.runId()).build().toString();
    }
}
