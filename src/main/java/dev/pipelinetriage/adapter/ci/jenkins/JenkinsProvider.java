package dev.pipelinetriage.adapter.ci.jenkins;

import dev.pipelinetriage.adapter.ci.Ask;
import dev.pipelinetriage.adapter.ci.CiCaches;
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
import dev.pipelinetriage.domain.RunRef;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Jenkins (any version with the remote access API), authenticated with a user name and API token. A build is
 * both the run and its single job; a rerun is a new build of the same job with the same parameters.
 */
public final class JenkinsProvider extends HttpCiProvider {
    static final String READ_SCOPE = "Overall/Read and Job/Read permission";
    static final String WRITE_SCOPE = "Job/Build permission";
    private static final Pattern QUEUE_ITEM = Pattern.compile("/queue/item/([0-9]{1,18})/?$");

    public JenkinsProvider(String instance, HttpUrl web, InstanceHttp http, CiCaches caches) {
        super(CiKind.JENKINS, instance, web, http, caches, new JenkinsLinks(instance)::parse);
    }

    @Override
    public ResolveResult resolve(CiLink link) {
        // A build has exactly one attempt: reruns are new builds. Attempt 1 makes finished builds cacheable.
        RunRef ref = link.run().orElseThrow().withAttempt(1);
        var cached = caches.run(ref);
        if (cached.isPresent()) {
            return new ResolveResult.Resolved(cached.get(), cached.get().failedJobs());
        }
        return switch (build(ref)) {
            case HttpOutcome.Failed<JenkinsJson.BuildJson> failed -> failed.problem();
            case HttpOutcome.Ok<JenkinsJson.BuildJson> ok -> {
                JobStatus status = status(ok.value());
                Job job = new Job(new JobRef(ref, ref.runId(), displayName(ref), 1), status, null);
                Run run = new Run(ref, status, List.of(job), buildUrl(web, ref));
                caches.putRun(run);
                yield new ResolveResult.Resolved(run, run.failedJobs());
            }
        };
    }

    @Override
    protected FetchResult download(Job job, long maxBytes) {
        RunRef run = job.ref().run();
        HttpUrl url = jobUrl(http.api(), run.project()).addPathSegment(run.runId()).addPathSegment("consoleText").build();
        return download(new Request.Builder().url(url).get().build(),
                new Ask("the console log of " + displayName(run), READ_SCOPE), job, maxBytes,
                response -> response.code() != 404 ? Optional.empty() : Optional.of(new CiProblem.NotFound("Jenkins has "
                        + "no build " + displayName(run) + " on CI instance '" + instance + "' (404): the build was "
                        + "discarded by the job's retention, or the link is wrong.")),
                c -> false);
    }

    /**
     * The job's {@code lastSuccessfulBuild/api/json}, when it is older than the failing build. A build is its own
     * single job, and the job path already names the branch (a multibranch project has one job per branch), so
     * there is no default branch to fall back to.
     */
    @Override
    public GreenRunResult lastGreen(Run failing, Job job) {
        RunRef ref = failing.ref();
        HttpUrl url = jobUrl(http.api(), ref.project()).addPathSegments("lastSuccessfulBuild/api/json")
                .addQueryParameter("tree", "number,result,building").build();
        return switch (http.getJson(url, JenkinsJson.BuildJson.class, new Ask("the last successful build of "
                + ref.project(), READ_SCOPE))) {
            case HttpOutcome.Failed<JenkinsJson.BuildJson> failed when failed.problem() instanceof CiProblem.NotFound ->
                    new GreenRunResult.None("no build of " + ref.project() + " has succeeded");
            case HttpOutcome.Failed<JenkinsJson.BuildJson> failed -> failed.problem();
            case HttpOutcome.Ok<JenkinsJson.BuildJson> ok when status(ok.value()) != JobStatus.SUCCEEDED
                    || ok.value().number() >= Long.parseLong(ref.runId()) -> new GreenRunResult.None("the last successful "
                    + "build of " + ref.project() + " is not older than #" + ref.runId());
            case HttpOutcome.Ok<JenkinsJson.BuildJson> ok -> {
                RunRef green = ref.withRunId(ok.value().number()).withAttempt(1);
                // The build is the job: its name is the build's, so there is no other job to look for by name.
                yield new GreenRunResult.Found(new Job(new JobRef(green, green.runId(), displayName(green), 1),
                        JobStatus.SUCCEEDED, null), buildUrl(web, green));
            }
        };
    }

    @Override
    public RerunResult rerun(RerunRequest request) {
        RunRef run = switch (request) {
            case RerunRequest.FailedJobsOf f -> f.run();
            case RerunRequest.SingleJob s -> s.job().run();
        };
        Ask ask = new Ask("a rebuild of " + displayName(run), WRITE_SCOPE);
        JenkinsJson.BuildJson build;
        switch (build(run)) {
            case HttpOutcome.Ok<JenkinsJson.BuildJson> ok -> build = ok.value();
            case HttpOutcome.Failed<JenkinsJson.BuildJson> failed -> {
                return failed.problem();
            }
        }
        int lastBefore;
        switch (jobState(run, ask)) {
            case HttpOutcome.Ok<JenkinsJson.JobJson> ok -> lastBefore = ok.value().lastBuild() == null ? 0 : ok.value().lastBuild().number();
            case HttpOutcome.Failed<JenkinsJson.JobJson> failed -> {
                return failed.problem();
            }
        }
        List<JenkinsJson.ParameterJson> parameters = build.actions().stream().flatMap(a -> a.parameters().stream())
                .filter(p -> p.name() != null && p.value() != null).toList();
        HttpUrl url = jobUrl(http.api(), run.project()).addPathSegment(parameters.isEmpty() ? "build" : "buildWithParameters").build();
        FormBody.Builder form = new FormBody.Builder();
        parameters.forEach(p -> form.add(p.name(), String.valueOf(p.value())));
        RequestBody body = parameters.isEmpty() ? RequestBody.create(new byte[0], (MediaType) null) : form.build();
        try {
            Request post = new Request.Builder().url(url).post(body).build();
            try (Response response = http.execute(post)) {
                if (response.isSuccessful()) {
                    return started(run, response.header("Location"));
                }
                if (response.code() != 403 || !response.peekBody(8192).string().toLowerCase(Locale.ROOT).contains("crumb")) {
                    return http.problems().fromResponse(response, ask);
                }
            }
            // Session-authenticated Jenkins wants a crumb bound to the session cookie (API tokens do not).
            Request withCrumb = crumbed(post, ask);
            if (withCrumb == null) {
                return new CiProblem.Forbidden("Jenkins CI instance '" + instance + "' asked for a CSRF crumb and "
                        + "would not issue one (403); use an API token for the bot's user.", WRITE_SCOPE);
            }
            try (Response response = http.execute(withCrumb)) {
                return response.isSuccessful() ? started(run, response.header("Location"))
                        : http.problems().fromResponse(response, ask);
            }
        } catch (InterruptedIOException timeout) {
            // Not repeated: a queued or newer build means Jenkins took the first request.
            return switch (jobState(run, ask)) {
                case HttpOutcome.Ok<JenkinsJson.JobJson> ok when ok.value().inQueue()
                        || (ok.value().lastBuild() != null && ok.value().lastBuild().number() > lastBefore) ->
                        new RerunResult.Started(ok.value().inQueue() || ok.value().lastBuild() == null
                                ? jobUrl(web, run.project()).build().toString()
                                : buildUrl(web, run.withAttempt(0).withRunId(ok.value().lastBuild().number())), true);
                default -> new CiProblem.TimedOut("The rebuild request for " + displayName(run) + " timed out and no "
                        + "new build is queued or running; check the job before asking again.");
            };
        } catch (IOException e) {
            return http.problems().fromException(e, ask, url.host());
        }
    }

    private Request crumbed(Request post, Ask ask) throws IOException {
        HttpUrl crumbUrl = http.api().addPathSegments("crumbIssuer/api/xml")
                .addQueryParameter("xpath", "concat(//crumbRequestField,\":\",//crumb)").build();
        try (Response crumb = http.execute(new Request.Builder().url(crumbUrl).get().build())) {
            if (!crumb.isSuccessful()) {
                return null;
            }
            String text = crumb.body().string().strip();
            int colon = text.indexOf(':');
            if (colon <= 0 || !text.matches("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+")) {
                return null;
            }
            Request.Builder builder = post.newBuilder().header(text.substring(0, colon), text.substring(colon + 1));
            List<String> cookies = crumb.headers("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList();
            if (!cookies.isEmpty()) {
                builder.header("Cookie", String.join("; ", cookies));
            }
            return builder.build();
        }
    }

    /**
     * Links the new build when Jenkins already started it, else the job page: the queue item id comes from the
     * Location path only; the Location URL itself is never requested.
     */
    private RerunResult started(RunRef run, String location) {
        Matcher m = location == null ? null : QUEUE_ITEM.matcher(location);
        if (m != null && m.find()) {
            HttpUrl item = http.api().addPathSegments("queue/item").addPathSegment(m.group(1)).addPathSegments("api/json").build();
            if (http.getJson(item, JenkinsJson.QueueItemJson.class, new Ask("queue item " + m.group(1), READ_SCOPE))
                    instanceof HttpOutcome.Ok<JenkinsJson.QueueItemJson> ok && ok.value().executable() != null) {
                return new RerunResult.Started(buildUrl(web, run.withRunId(ok.value().executable().number())), false);
            }
        }
        return new RerunResult.Started(jobUrl(web, run.project()).build().toString(), false);
    }

    private HttpOutcome<JenkinsJson.BuildJson> build(RunRef ref) {
        HttpUrl url = jobUrl(http.api(), ref.project()).addPathSegment(ref.runId()).addPathSegments("api/json")
                .addQueryParameter("tree", "number,result,building,actions[parameters[name,value]]").build();
        return http.getJson(url, JenkinsJson.BuildJson.class, new Ask("build " + displayName(ref), READ_SCOPE));
    }

    private HttpOutcome<JenkinsJson.JobJson> jobState(RunRef ref, Ask ask) {
        HttpUrl url = jobUrl(http.api(), ref.project()).addPathSegments("api/json")
                .addQueryParameter("tree", "inQueue,lastBuild[number]").build();
        return http.getJson(url, JenkinsJson.JobJson.class, ask);
    }

    static JobStatus status(JenkinsJson.BuildJson build) {
        if (build.building()) {
            return JobStatus.RUNNING;
        }
        if (build.result() == null) {
            return JobStatus.UNKNOWN;
        }
        return switch (build.result()) {
            case "SUCCESS" -> JobStatus.SUCCEEDED;
            case "FAILURE", "UNSTABLE" -> JobStatus.FAILED;
            case "ABORTED" -> JobStatus.CANCELLED;
            case "NOT_BUILT" -> JobStatus.SKIPPED;
            default -> JobStatus.UNKNOWN;
        };
    }

    /** Each job name becomes {@code job/NAME}, encoded once (a branch's literal %2F becomes %252F, as Jenkins wants). */
    private static HttpUrl.Builder jobUrl(HttpUrl.Builder base, String project) {
        for (String name : project.split("/")) {
            base.addPathSegment("job").addPathSegment(name);
        }
        return base;
    }

    private static HttpUrl.Builder jobUrl(HttpUrl base, String project) {
        return jobUrl(base.newBuilder(), project);
    }

    private static String buildUrl(HttpUrl web, RunRef run) {
        return jobUrl(web, run.project()).addPathSegment(run.runId()).addPathSegment("").build().toString();
    }

    private static String displayName(RunRef run) {
        return run.project() + " #" + run.runId();
    }
}
