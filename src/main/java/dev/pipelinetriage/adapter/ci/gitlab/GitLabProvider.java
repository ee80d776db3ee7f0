package dev.pipelinetriage.adapter.ci.gitlab;

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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * GitLab CI on gitlab.com or a self-managed GitLab, over REST API v4 (docs.gitlab.com/api/jobs, /api/pipelines).
 * Projects are addressed by their path, URL-encoded once as a single {@code :id} segment.
 */
public final class GitLabProvider extends HttpCiProvider {
    static final String READ_SCOPE = "read_api";
    static final String WRITE_SCOPE = "api (read_api cannot retry jobs)";
    /** gitlab-runner's marker when a job's output passed the runner's output_limit. */
    static final String RUNNER_LIMIT_MARKER = "Job's log exceeded limit of";
    /** Successful pipelines asked for at once; the first one older than the failing pipeline is the one. */
    private static final int GREEN_PIPELINES = 20;

    private final ForkReruns forkReruns;

    public GitLabProvider(String instance, HttpUrl web, InstanceHttp http, CiCaches caches) {
        this(instance, web, http, caches, Set.of());
    }

    /** @param forkRerunsIn project paths where pipelines of merge requests from forks may be retried from chat */
    public GitLabProvider(String instance, HttpUrl web, InstanceHttp http, CiCaches caches, Set<String> forkRerunsIn) {
        super(CiKind.GITLAB, instance, web, http, caches, new GitLabLinks(instance)::parse);
        this.forkReruns = new ForkReruns(instance, forkRerunsIn);
    }

    @Override
    public ResolveResult resolve(CiLink link) {
        if (link.job().isEmpty()) {
            return switch (loadPipeline(link.run().orElseThrow())) {
                case HttpOutcome.Ok<Run> ok -> new ResolveResult.Resolved(ok.value(), ok.value().failedJobs());
                case HttpOutcome.Failed<Run> failed -> failed.problem();
            };
        }
        Ask ask = new Ask("job " + link.jobId() + " in " + link.project(), READ_SCOPE);
        HttpUrl url = project(link.project()).addPathSegment("jobs").addPathSegment(link.jobId()).build();
        return switch (http.getJson(url, GitLabJson.JobJson.class, ask)) {
            case HttpOutcome.Failed<GitLabJson.JobJson> failed -> failed.problem();
            case HttpOutcome.Ok<GitLabJson.JobJson> ok -> {
                RunRef run = new RunRef(instance, CiKind.GITLAB, link.project(), Long.toString(ok.value().pipeline().id()), 0);
                yield switch (loadPipeline(run)) {
                    case HttpOutcome.Ok<Run> pipeline -> new ResolveResult.Resolved(pipeline.value(), List.of(
                            pipeline.value().jobs().stream().filter(j -> j.ref().id().equals(link.jobId())).findFirst()
                                    .orElseGet(() -> toJob(run, ok.value()))));
                    case HttpOutcome.Failed<Run> failed -> failed.problem();
                };
            }
        };
    }

    @Override
    protected FetchResult download(Job job, long maxBytes) {
        JobRef ref = job.ref();
        HttpUrl url = project(ref.run().project()).addPathSegment("jobs").addPathSegment(ref.id()).addPathSegment("trace").build();
        return download(new Request.Builder().url(url).get().build(),
                new Ask("the log of job " + ref.id() + " in " + ref.run().project(), READ_SCOPE), job, maxBytes,
                response -> response.code() != 404 ? Optional.empty() : Optional.of(new CiProblem.NotFound("GitLab has "
                        + "no log for job " + ref.id() + " in " + ref.run().project() + " on CI instance '" + instance
                        + "' (404): the job does not exist, its log was erased or expired, or the token cannot see the "
                        + "project.")),
                c -> c.lines().stream().skip(Math.max(0, c.lines().size() - 20))
                        .anyMatch(l -> l.text().contains(RUNNER_LIMIT_MARKER)));
    }

    /**
     * "List project pipelines" with {@code ref}, {@code status=success}, newest id first, then that pipeline's jobs;
     * the default branch comes from "Get a single project". Pipeline ids grow, so a smaller id is an older pipeline.
     */
    @Override
    public GreenRunResult lastGreen(Run failing, Job job) {
        String path = failing.ref().project();
        String branch = failing.knownOrigin().map(RunOrigin::branch).orElse(null);
        return onBranchElseDefault(branch, () -> switch (http.getJson(project(path).build(), GitLabJson.ProjectJson.class,
                new Ask("the default branch of " + path, READ_SCOPE))) {
            case HttpOutcome.Ok<GitLabJson.ProjectJson> ok -> new HttpOutcome.Ok<>(Objects.requireNonNullElse(
                    ok.value().defaultBranch(), ""));
            case HttpOutcome.Failed<GitLabJson.ProjectJson> f -> new HttpOutcome.Failed<>(f.problem());
        }, ref -> greenOn(failing.ref(), ref, job));
    }

    private GreenRunResult greenOn(RunRef failing, String ref, Job job) {
        HttpUrl url = project(failing.project()).addPathSegment("pipelines").addQueryParameter("ref", ref)
                .addQueryParameter("status", "success").addQueryParameter("order_by", "id").addQueryParameter("sort", "desc")
                .addQueryParameter("per_page", Integer.toString(GREEN_PIPELINES)).build();
        Ask ask = new Ask("the successful pipelines of " + ref + " in " + failing.project(), READ_SCOPE);
        GitLabJson.PipelineJson green;
        switch (http.getJson(url, GitLabJson.PipelineJson[].class, ask)) {
            case HttpOutcome.Ok<GitLabJson.PipelineJson[]> ok -> {
                var older = Arrays.stream(ok.value()).filter(p -> p.id() < Long.parseLong(failing.runId())
                        && "success".equals(p.status())).findFirst();
                if (older.isEmpty()) {
                    return new GreenRunResult.None("no pipeline of " + ref + " in " + failing.project()
                            + " succeeded before pipeline " + failing.runId());
                }
                green = older.get();
            }
            case HttpOutcome.Failed<GitLabJson.PipelineJson[]> failed -> {
                return failed.problem();
            }
        }
        return switch (withJobs(failing.withRunId(green.id()).withAttempt(0), green)) {
            case HttpOutcome.Ok<Run> ok -> sameJob(ok.value(), job);
            case HttpOutcome.Failed<Run> failed -> failed.problem();
        };
    }

    @Override
    public RerunResult rerun(RerunRequest request) {
        RunRef run = switch (request) {
            case RerunRequest.SingleJob s -> s.job().run();
            case RerunRequest.FailedJobsOf f -> f.run();
        };
        Optional<RerunResult> refused = refusal(run);
        if (refused.isPresent()) {
            return refused.get();
        }
        return switch (request) {
            case RerunRequest.SingleJob s -> retryJob(s.job());
            case RerunRequest.FailedJobsOf f -> retryPipeline(f.run());
        };
    }

    /**
     * Why the pipeline must not be retried from chat, if it must not: a merge request pipeline whose source branch is
     * in a fork ran in this project (with its runners and CI/CD variables) code nobody with access to it wrote, and a
     * retry would run it again. Also refused when the merge request cannot be told, or the answer says nothing.
     */
    private Optional<RerunResult> refusal(RunRef run) {
        if (forkReruns.allowedIn(run.project())) {
            return Optional.empty();
        }
        GitLabJson.PipelineJson pipeline;
        switch (pipelineJson(run)) {
            case HttpOutcome.Ok<GitLabJson.PipelineJson> ok -> pipeline = ok.value();
            case HttpOutcome.Failed<GitLabJson.PipelineJson> failed -> {
                return Optional.of(failed.problem());
            }
        }
        if (!pipeline.forMergeRequest()) {
            return Optional.empty();
        }
        Optional<String> iid = pipeline.mergeRequestIid();
        if (iid.isEmpty()) {
            return Optional.of(notAllowed(run, "ran for a merge request its ref '" + pipeline.ref() + "' does not name, "
                    + "so whether its code came from a fork is unknown"));
        }
        Ask mergeRequest = new Ask("merge request !" + iid.get() + " in " + run.project(), READ_SCOPE);
        HttpUrl mr = project(run.project()).addPathSegment("merge_requests").addPathSegment(iid.get()).build();
        return switch (http.getJson(mr, GitLabJson.MergeRequestJson.class, mergeRequest)) {
            case HttpOutcome.Ok<GitLabJson.MergeRequestJson> ok -> ok.value().fromFork()
                    ? Optional.of(notAllowed(run, "ran merge request !" + iid.get() + ", whose source branch is in a fork"))
                    : Optional.empty();
            case HttpOutcome.Failed<GitLabJson.MergeRequestJson> failed -> Optional.of(failed.problem());
        };
    }

    private RerunResult notAllowed(RunRef run, String why) {
        return forkReruns.refuse("Pipeline " + run.runId() + " " + why + ", with the runners and CI/CD variables of "
                + run.project() + ", and a retry would run that code again");
    }

    private RerunResult retryJob(JobRef job) {
        Ask ask = new Ask("a retry of job " + job.id() + " in " + job.run().project(), WRITE_SCOPE);
        HttpUrl url = project(job.run().project()).addPathSegment("jobs").addPathSegment(job.id()).addPathSegment("retry").build();
        try (Response response = http.execute(post(url))) {
            if (!response.isSuccessful()) {
                return http.problems().fromResponse(response, ask);
            }
            GitLabJson.JobJson retried = http.decode(response, GitLabJson.JobJson.class);
            return new RerunResult.Started(jobUrl(job.run().project(), retried.id()), false);
        } catch (InterruptedIOException timeout) {
            // Not repeated: look for a newer job of the same name in the pipeline first.
            HttpUrl jobs = project(job.run().project()).addPathSegment("pipelines").addPathSegment(job.run().runId())
                    .addPathSegment("jobs").addQueryParameter("include_retried", "true")
                    .addQueryParameter("per_page", "100").build();
            return switch (http.getJson(jobs, GitLabJson.JobJson[].class, ask)) {
                case HttpOutcome.Ok<GitLabJson.JobJson[]> ok -> Arrays.stream(ok.value())
                        .filter(j -> job.name().equals(j.name()) && j.id() > Long.parseLong(job.id()))
                        .map(j -> (RerunResult) new RerunResult.Started(jobUrl(job.run().project(), j.id()), true))
                        .findFirst()
                        .orElse(new CiProblem.TimedOut("The retry request for job " + job.id() + " timed out and no "
                                + "newer job exists; check the pipeline before asking again."));
                case HttpOutcome.Failed<GitLabJson.JobJson[]> failed -> new CiProblem.TimedOut("The retry request "
                        + "for job " + job.id() + " timed out and whether it started is unknown; check the pipeline "
                        + "before asking again.");
            };
        } catch (IOException e) {
            return http.problems().fromException(e, ask, url.host());
        }
    }

    private RerunResult retryPipeline(RunRef run) {
        Ask ask = new Ask("a retry of the failed jobs of pipeline " + run.runId() + " in " + run.project(), WRITE_SCOPE);
        HttpUrl url = project(run.project()).addPathSegment("pipelines").addPathSegment(run.runId())
                .addPathSegment("retry").build();
        String link = web.newBuilder().addPathSegments(run.project()).addPathSegment("-").addPathSegment("pipelines")
                .addPathSegment(run.runId()).build().toString();
        try (Response response = http.execute(post(url))) {
            return response.isSuccessful() ? new RerunResult.Started(link, false)
                    : http.problems().fromResponse(response, ask);
        } catch (InterruptedIOException timeout) {
            return switch (pipelineJson(run)) {
                case HttpOutcome.Ok<GitLabJson.PipelineJson> ok when !status(ok.value().status()).finished() ->
                        new RerunResult.Started(link, true);
                default -> new CiProblem.TimedOut("The retry request for pipeline " + run.runId() + " timed out and "
                        + "the pipeline has not restarted; check it before asking again.");
            };
        } catch (IOException e) {
            return http.problems().fromException(e, ask, url.host());
        }
    }

    /** "Get a single pipeline": the pipeline as it is now. */
    private HttpOutcome<GitLabJson.PipelineJson> pipelineJson(RunRef ref) {
        Ask ask = new Ask("pipeline " + ref.runId() + " in " + ref.project(), READ_SCOPE);
        HttpUrl url = project(ref.project()).addPathSegment("pipelines").addPathSegment(ref.runId()).build();
        return http.getJson(url, GitLabJson.PipelineJson.class, ask);
    }

    private HttpOutcome<Run> loadPipeline(RunRef ref) {
        GitLabJson.PipelineJson pipeline;
        switch (pipelineJson(ref)) {
            case HttpOutcome.Ok<GitLabJson.PipelineJson> ok -> pipeline = ok.value();
            case HttpOutcome.Failed<GitLabJson.PipelineJson> failed -> {
                return new HttpOutcome.Failed<>(failed.problem());
            }
        }
        return withJobs(ref, pipeline);
    }

    /** The pipeline's jobs, with what it ran (its ref). */
    private HttpOutcome<Run> withJobs(RunRef ref, GitLabJson.PipelineJson pipeline) {
        HttpUrl jobsUrl = project(ref.project()).addPathSegment("pipelines").addPathSegment(ref.runId())
                .addPathSegment("jobs").addQueryParameter("per_page", "100").build();
        String branch = pipeline.ref() == null || pipeline.ref().isBlank() ? null : pipeline.ref();
        return switch (http.getJson(jobsUrl, GitLabJson.JobJson[].class,
                new Ask("the jobs of pipeline " + ref.runId() + " in " + ref.project(), READ_SCOPE))) {
            case HttpOutcome.Ok<GitLabJson.JobJson[]> ok -> new HttpOutcome.Ok<>(new Run(ref, status(pipeline.status()),
                    Arrays.stream(ok.value()).map(j -> toJob(ref, j)).toList(),
                    web.newBuilder().addPathSegments(ref.project()).addPathSegment("-").addPathSegment("pipelines")
                            .addPathSegment(ref.runId()).build().toString(), new RunOrigin(null, branch, null)));
            case HttpOutcome.Failed<GitLabJson.JobJson[]> failed -> new HttpOutcome.Failed<>(failed.problem());
        };
    }

    private static Job toJob(RunRef run, GitLabJson.JobJson j) {
        String name = j.name() == null || j.name().isBlank() ? "job " + j.id() : j.name();
        return new Job(new JobRef(run, Long.toString(j.id()), name, 0), status(j.status()), null);
    }

    static JobStatus status(String status) {
        if (status == null) {
            return JobStatus.UNKNOWN;
        }
        return switch (status) {
            case "created", "pending", "waiting_for_resource", "preparing", "scheduled", "manual" -> JobStatus.QUEUED;
            case "running" -> JobStatus.RUNNING;
            case "success" -> JobStatus.SUCCEEDED;
            case "failed" -> JobStatus.FAILED;
            case "canceled", "canceling" -> JobStatus.CANCELLED;
            case "skipped" -> JobStatus.SKIPPED;
            default -> JobStatus.UNKNOWN;
        };
    }

    private HttpUrl.Builder project(String path) {
        // One segment: OkHttp encodes the slashes of a nested group path as %2F, exactly once.
        return http.api().addPathSegment("projects").addPathSegment(path);
    }

    private String jobUrl(String project, long jobId) {
        return web.newBuilder().addPathSegments(project).addPathSegment("-").addPathSegment("jobs")
                .addPathSegment(Long.toString(jobId)).build().toString();
    }

    private static Request post(HttpUrl url) {
        return new Request.Builder().url(url).post(RequestBody.create(new byte[0], (MediaType) null)).build();
    }
}
