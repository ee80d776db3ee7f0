package dev.pipelinetriage.adapter.ci.github;

import dev.pipelinetriage.adapter.ci.Ask;
import dev.pipelinetriage.adapter.ci.CiCaches;
import dev.pipelinetriage.adapter.ci.ForkReruns;
import dev.pipelinetriage.adapter.ci.HttpOutcome;
import dev.pipelinetriage.adapter.ci.HttpCiProvider;
import dev.pipelinetriage.adapter.ci.InstanceHttp;
import dev.pipelinetriage.adapter.ci.LogDownload;
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
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * GitHub Actions on github.com or GitHub Enterprise Server, over the REST API
 * (docs.github.com/rest/actions/workflow-runs and /workflow-jobs).
 */
public final class GitHubProvider extends HttpCiProvider {
    static final String READ_SCOPE = "actions:read (fine-grained token or GitHub App), or repo for private "
            + "repositories (classic token)";
    static final String WRITE_SCOPE = "actions:write (fine-grained token or GitHub App), or repo (classic token)";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_JOB_PAGES = 10;
    /** Successful runs asked for at once; the first one older than the failing run is the one. */
    private static final int GREEN_RUNS = 5;
    /** docs.github.com "Re-running workflows and jobs": within 30 days of the initial run, at most 50 re-runs. */
    private static final Duration RERUN_WINDOW = Duration.ofDays(30);
    private static final int MAX_RERUNS = 50;

    private final ForkReruns forkReruns;

    /**
     * @param web the web URL users paste links from, e.g. {@code https://github.com}
     * @param http the instance's client; its host policy must list the log-storage hosts
     */
    public GitHubProvider(String instance, HttpUrl web, InstanceHttp http, CiCaches caches) {
        this(instance, web, http, caches, Set.of());
    }

    /**
     * @param forkRerunsIn repositories ({@code owner/repo}, any case) where runs that build code from outside the
     *     repository (pull requests from forks, {@code pull_request_target}) may be rerun; elsewhere they are not
     */
    public GitHubProvider(String instance, HttpUrl web, InstanceHttp http, CiCaches caches, Set<String> forkRerunsIn) {
        super(CiKind.GITHUB, instance, web, http, caches, new GitHubLinks(instance)::parse);
        this.forkReruns = new ForkReruns(instance, forkRerunsIn);
    }

    @Override
    public ResolveResult resolve(CiLink link) {
        if (link.job().isEmpty()) {
            RunRef ref = link.run().orElseThrow();
            return switch (loadRun(ref)) {
                case HttpOutcome.Ok<Run> ok -> new ResolveResult.Resolved(ok.value(), ok.value().failedJobs());
                case HttpOutcome.Failed<Run> failed -> failed.problem();
            };
        }
        String jobId = link.jobId();
        Ask ask = new Ask("job " + jobId + " in " + link.project(), READ_SCOPE);
        HttpUrl url = repo(link.project()).addPathSegments("actions/jobs").addPathSegment(jobId).build();
        GitHubJson.JobJson job;
        switch (http.getJson(url, GitHubJson.JobJson.class, ask)) {
            case HttpOutcome.Ok<GitHubJson.JobJson> ok -> job = ok.value();
            case HttpOutcome.Failed<GitHubJson.JobJson> failed -> {
                return failed.problem();
            }
        }
        String runId = Long.toString(job.runId());
        if (link.runId() != null && !link.runId().equals(runId)) {
            return new CiProblem.NotFound("Job " + jobId + " does not belong to run " + link.runId() + " in "
                    + link.project() + " on CI instance '" + instance + "'.");
        }
        int attempt = job.runAttempt() != null ? job.runAttempt() : link.attempt();
        RunRef runRef = new RunRef(instance, CiKind.GITHUB, link.project(), runId, attempt);
        return switch (loadRun(runRef)) {
            case HttpOutcome.Ok<Run> ok -> {
                Job target = ok.value().jobs().stream().filter(j -> j.ref().id().equals(jobId)).findFirst()
                        .orElseGet(() -> toJob(ok.value().ref(), job));
                yield new ResolveResult.Resolved(ok.value(), List.of(target));
            }
            case HttpOutcome.Failed<Run> failed -> failed.problem();
        };
    }

    @Override
    protected FetchResult download(Job job, long maxBytes) {
        JobRef ref = job.ref();
        Ask ask = new Ask("the log of job " + ref.id() + " in " + ref.run().project(), READ_SCOPE);
        HttpUrl url = repo(ref.run().project()).addPathSegments("actions/jobs").addPathSegment(ref.id())
                .addPathSegment("logs").build();
        String host = url.host();
        try {
            // Two rounds: a signed storage URL can expire between redirect and download; ask once more.
            for (int round = 0; ; round++) {
                HttpUrl location;
                try (Response api = http.execute(get(url))) {
                    if (api.code() == 410) {
                        return new CiProblem.Expired("GitHub no longer has the log of job " + ref.id() + " in "
                                + ref.run().project() + " (410): logs are kept for 90 days by default (the "
                                + "repository's retention setting may be shorter).");
                    }
                    if (api.isSuccessful()) {
                        return new FetchResult.Fetched(LogDownload.capture(api, ref, maxBytes, c -> false));
                    }
                    if (!api.isRedirect()) {
                        return http.problems().fromResponse(api, ask);
                    }
                    String header = api.header("Location");
                    location = header == null ? null : api.request().url().resolve(header);
                }
                if (location == null || !http.hosts().isLogHost(location)) {
                    return new CiProblem.Blocked("GitHub redirected the log download of job " + ref.id()
                            + " to " + (location == null ? "an unreadable location" : "host '" + location.host() + "'")
                            + ", which is not an allowed log-storage host; the redirect was not followed.");
                }
                host = location.host();
                // No credentials on this hop: it goes to storage, and a signed URL carries its own.
                Request blobRequest = new Request.Builder().url(location).get().build();
                try (Response blob = http.execute(blobRequest)) {
                    if (blob.isSuccessful()) {
                        return new FetchResult.Fetched(LogDownload.capture(blob, ref, maxBytes, c -> false));
                    }
                    if (blob.isRedirect()) {
                        return new CiProblem.Blocked("Log storage answered the download of job " + ref.id()
                                + "'s log with another redirect; only one hop is followed.");
                    }
                    if (round == 0 && (blob.code() == 403 || blob.code() == 401)) {
                        continue;
                    }
                    return new CiProblem.Rejected("Log storage refused the signed download link for job " + ref.id()
                            + "'s log twice (" + blob.code() + "); try again in a minute.", blob.code());
                }
            }
        } catch (IOException e) {
            return http.problems().fromException(e, ask, host);
        }
    }

    /**
     * "List workflow runs for a workflow" with {@code branch}, {@code status=success} and {@code created=<} the failing
     * run's creation, then that run's jobs; the default branch comes from "Get a repository".
     */
    @Override
    public GreenRunResult lastGreen(Run failing, Job job) {
        RunOrigin origin = failing.knownOrigin().orElse(null);
        if (origin == null || origin.definition() == null) {
            return new GreenRunResult.None("GitHub did not say which workflow run " + failing.ref().runId() + " ran");
        }
        String project = failing.ref().project();
        return onBranchElseDefault(origin.branch(), () -> switch (http.getJson(repo(project).build(),
                GitHubJson.RepoJson.class, new Ask("the default branch of " + project, READ_SCOPE))) {
            case HttpOutcome.Ok<GitHubJson.RepoJson> ok -> new HttpOutcome.Ok<>(Objects.requireNonNullElse(
                    ok.value().defaultBranch(), ""));
            case HttpOutcome.Failed<GitHubJson.RepoJson> f -> new HttpOutcome.Failed<>(f.problem());
        }, branch -> greenOn(failing, origin, branch, job));
    }

    private GreenRunResult greenOn(Run failing, RunOrigin origin, String branch, Job job) {
        RunRef ref = failing.ref();
        HttpUrl.Builder url = repo(ref.project()).addPathSegments("actions/workflows").addPathSegment(origin.definition())
                .addPathSegment("runs").addQueryParameter("branch", branch).addQueryParameter("status", "success")
                .addQueryParameter("per_page", Integer.toString(GREEN_RUNS));
        if (origin.created() != null) {
            url.addQueryParameter("created", "<" + origin.created());
        }
        Ask ask = new Ask("the successful runs of workflow " + origin.definition() + " on " + branch + " in "
                + ref.project(), READ_SCOPE);
        GitHubJson.RunJson green;
        switch (http.getJson(url.build(), GitHubJson.RunsJson.class, ask)) {
            case HttpOutcome.Ok<GitHubJson.RunsJson> ok -> {
                var older = ok.value().workflowRuns().stream()
                        .filter(r -> r.id() != Long.parseLong(ref.runId()) && "success".equals(r.conclusion()))
                        .filter(r -> origin.created() == null || r.createdAt() != null && r.createdAt().isBefore(origin.created()))
                        .findFirst();
                if (older.isEmpty()) {
                    return new GreenRunResult.None("no run of workflow " + origin.definition() + " on " + branch
                            + " succeeded before run " + ref.runId());
                }
                green = older.get();
            }
            case HttpOutcome.Failed<GitHubJson.RunsJson> failed -> {
                return failed.problem();
            }
        }
        return switch (withJobs(ref.withRunId(green.id()).withAttempt(0), green)) {
            case HttpOutcome.Ok<Run> ok -> sameJob(ok.value(), job);
            case HttpOutcome.Failed<Run> failed -> failed.problem();
        };
    }

    @Override
    public RerunResult rerun(RerunRequest request) {
        return switch (request) {
            case RerunRequest.FailedJobsOf f -> post(f.run(), repo(f.run().project()).addPathSegments("actions/runs")
                    .addPathSegment(f.run().runId()).addPathSegment("rerun-failed-jobs").build(),
                    new Ask("a rerun of the failed jobs of run " + f.run().runId() + " in " + f.run().project(),
                            WRITE_SCOPE));
            case RerunRequest.SingleJob s -> post(s.job().run(), repo(s.job().run().project())
                    .addPathSegments("actions/jobs").addPathSegment(s.job().id()).addPathSegment("rerun").build(),
                    new Ask("a rerun of job " + s.job().id() + " in " + s.job().run().project(), WRITE_SCOPE));
        };
    }

    private RerunResult post(RunRef run, HttpUrl url, Ask ask) {
        RunRef latest = run.withAttempt(0);
        int before;
        GitHubJson.RunJson current;
        switch (runJson(latest)) {
            case HttpOutcome.Ok<GitHubJson.RunJson> ok -> {
                if (ok.value().buildsOutsideCode() && !forkReruns.allowedIn(run.project())) {
                    return forkReruns.refuse("Run " + run.runId() + " built code from outside " + run.project()
                            + " (a pull request from a fork, or pull_request_target), and a rerun would run it again "
                            + "with the repository's privileges");
                }
                before = ok.value().runAttempt();
                current = ok.value();
            }
            case HttpOutcome.Failed<GitHubJson.RunJson> failed -> {
                return failed.problem();
            }
        }
        // An empty object: the API's only option, enable_debug_logging, is never sent.
        Request post = new Request.Builder().url(url).header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28").post(RequestBody.create("{}", JSON)).build();
        try (Response response = http.execute(post)) {
            Optional<String> pastLimit = response.code() == 403 ? beyondRerunLimits(current) : Optional.empty();
            if (pastLimit.isPresent()) {
                return new RerunResult.Unsupported("GitHub refused the rerun of run " + run.runId() + " (403): "
                        + pastLimit.get() + ". Start a new run instead (push, or run the workflow again).");
            }
            if (!response.isSuccessful()) {
                return http.problems().fromResponse(response, ask);
            }
        } catch (InterruptedIOException timeout) {
            // Not repeated: GitHub may have created the attempt. Look before anyone asks again.
            return switch (runJson(latest)) {
                case HttpOutcome.Ok<GitHubJson.RunJson> ok when ok.value().runAttempt() > before ->
                        new RerunResult.Started(runUrl(run, ok.value().runAttempt()), true);
                case HttpOutcome.Ok<GitHubJson.RunJson> ok -> new CiProblem.TimedOut("The rerun request for run "
                        + run.runId() + " timed out and no new attempt exists (still attempt " + before
                        + "); check the run page before asking again.");
                case HttpOutcome.Failed<GitHubJson.RunJson> failed -> new CiProblem.TimedOut("The rerun request for "
                        + "run " + run.runId() + " timed out and whether it started is unknown; check the run page "
                        + "before asking again.");
            };
        } catch (IOException e) {
            return http.problems().fromException(e, ask, url.host());
        }
        int attempt = switch (runJson(latest)) {
            case HttpOutcome.Ok<GitHubJson.RunJson> ok -> Math.max(ok.value().runAttempt(), before + 1);
            case HttpOutcome.Failed<GitHubJson.RunJson> failed -> before + 1;
        };
        return new RerunResult.Started(runUrl(run, attempt), false);
    }

    /**
     * Which of GitHub's documented rerun limits the run is past, if any ("Re-running workflows and jobs": up to 30
     * days after the initial run, at most 50 re-runs). Only asked after a 403, so a limit GitHub lifts costs nothing.
     */
    private Optional<String> beyondRerunLimits(GitHubJson.RunJson run) {
        if (run.createdAt() != null && run.createdAt().plus(RERUN_WINDOW).isBefore(http.clock().instant())) {
            return Optional.of("it started on " + run.createdAt().atZone(ZoneOffset.UTC).toLocalDate()
                    + ", and GitHub reruns a run only within " + RERUN_WINDOW.toDays() + " days of its start");
        }
        if (run.runAttempt() > MAX_RERUNS) {
            return Optional.of("it has been rerun " + (run.runAttempt() - 1) + " times, and GitHub allows at most "
                    + MAX_RERUNS);
        }
        return Optional.empty();
    }

    private HttpOutcome<Run> loadRun(RunRef ref) {
        var cached = caches.run(ref);
        if (cached.isPresent()) {
            return new HttpOutcome.Ok<>(cached.get());
        }
        GitHubJson.RunJson runJson;
        switch (runJson(ref)) {
            case HttpOutcome.Ok<GitHubJson.RunJson> ok -> runJson = ok.value();
            case HttpOutcome.Failed<GitHubJson.RunJson> failed -> {
                return new HttpOutcome.Failed<>(failed.problem());
            }
        }
        return withJobs(ref, runJson);
    }

    /** The run's jobs for the attempt {@code runJson} names; a finished run is cached. */
    private HttpOutcome<Run> withJobs(RunRef ref, GitHubJson.RunJson runJson) {
        RunRef concrete = ref.withAttempt(Math.max(1, runJson.runAttempt()));
        var cachedConcrete = caches.run(concrete);
        if (cachedConcrete.isPresent()) {
            return new HttpOutcome.Ok<>(cachedConcrete.get());
        }
        Ask ask = new Ask("the jobs of run " + ref.runId() + " in " + ref.project(), READ_SCOPE);
        List<Job> jobs = new ArrayList<>();
        for (int page = 1; page <= MAX_JOB_PAGES; page++) {
            HttpUrl url = repo(ref.project()).addPathSegments("actions/runs").addPathSegment(ref.runId())
                    .addPathSegment("attempts").addPathSegment(Integer.toString(concrete.attempt()))
                    .addPathSegment("jobs").addQueryParameter("per_page", "100")
                    .addQueryParameter("page", Integer.toString(page)).build();
            switch (http.getJson(url, GitHubJson.JobsJson.class, ask)) {
                case HttpOutcome.Ok<GitHubJson.JobsJson> ok -> {
                    ok.value().jobs().forEach(j -> jobs.add(toJob(concrete, j)));
                    if (ok.value().jobs().isEmpty() || jobs.size() >= ok.value().totalCount()) {
                        page = MAX_JOB_PAGES;
                    }
                }
                case HttpOutcome.Failed<GitHubJson.JobsJson> failed -> {
                    return new HttpOutcome.Failed<>(failed.problem());
                }
            }
        }
        Run run = new Run(concrete, status(runJson.status(), runJson.conclusion()), jobs,
                runUrl(concrete, concrete.attempt()), origin(runJson));
        caches.putRun(run);
        return new HttpOutcome.Ok<>(run);
    }

    private static RunOrigin origin(GitHubJson.RunJson run) {
        String branch = run.headBranch() == null || run.headBranch().isBlank() ? null : run.headBranch();
        return new RunOrigin(run.workflowId() == null ? null : Long.toString(run.workflowId()), branch, run.createdAt());
    }

    private HttpOutcome<GitHubJson.RunJson> runJson(RunRef ref) {
        HttpUrl.Builder url = repo(ref.project()).addPathSegments("actions/runs").addPathSegment(ref.runId());
        if (!ref.latestAttempt()) {
            url.addPathSegment("attempts").addPathSegment(Integer.toString(ref.attempt()));
        }
        return http.getJson(url.build(), GitHubJson.RunJson.class,
                new Ask("run " + ref.runId() + " in " + ref.project(), READ_SCOPE));
    }

    private Job toJob(RunRef run, GitHubJson.JobJson j) {
        String failedStep = j.steps().stream().filter(s -> "failure".equals(s.conclusion())).map(GitHubJson.StepJson::name)
                .findFirst().orElse(null);
        String name = j.name() == null || j.name().isBlank() ? "job " + j.id() : j.name();
        return new Job(new JobRef(run, Long.toString(j.id()), name, run.attempt()), status(j.status(), j.conclusion()),
                failedStep);
    }

    static JobStatus status(String status, String conclusion) {
        if (status == null) {
            return JobStatus.UNKNOWN;
        }
        return switch (status) {
            case "queued", "waiting", "requested", "pending" -> JobStatus.QUEUED;
            case "in_progress" -> JobStatus.RUNNING;
            case "completed" -> conclusion == null ? JobStatus.UNKNOWN : switch (conclusion) {
                case "success" -> JobStatus.SUCCEEDED;
                case "failure", "timed_out", "startup_failure" -> JobStatus.FAILED;
                case "cancelled" -> JobStatus.CANCELLED;
                case "skipped", "neutral" -> JobStatus.SKIPPED;
                default -> JobStatus.UNKNOWN;
            };
            default -> JobStatus.UNKNOWN;
        };
    }

    private HttpUrl.Builder repo(String project) {
        String[] parts = project.split("/", 2);
        return http.api().addPathSegment("repos").addPathSegment(parts[0]).addPathSegment(parts[1]);
    }

    private static Request get(HttpUrl url) {
        return new Request.Builder().url(url).header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28").get().build();
    }

    private String runUrl(RunRef run, int attempt) {
        return web.newBuilder().addPathSegments(run.project()).addPathSegments("actions/runs")
                .addPathSegment(run.runId()).addPathSegment("attempts").addPathSegment(Integer.toString(attempt))
                .build().toString();
    }
}
