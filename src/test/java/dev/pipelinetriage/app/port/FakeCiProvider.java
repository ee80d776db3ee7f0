package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.Job;
import dev.pipelinetriage.domain.JobLog;
import dev.pipelinetriage.domain.JobRef;
import dev.pipelinetriage.domain.JobStatus;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Run;
import dev.pipelinetriage.domain.RunRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CI instance in memory, for tests of the layers above the providers: links
 * {@code https://ci.example/OWNER/REPO/runs/ID}, each run with the configured failed jobs and log, reruns
 * recorded; a last green run (the run before, with its own log) only when one is configured.
 */
public final class FakeCiProvider implements CiProvider {
    private static final Pattern LINK = Pattern.compile("https://ci\\.example/([a-z0-9-]+/[a-z0-9-]+)/runs/(\\d+)");

    public final List<RerunRequest> reruns = new CopyOnWriteArrayList<>();
    private volatile List<String> failedJobs = List.of("test");
    private volatile List<String> log = List.of("Compiling app", "error[E0308]: mismatched types", "build failed");
    private volatile RerunResult rerunResult;
    private volatile List<String> greenLog;
    private volatile java.util.function.Supplier<GreenRunResult> greenAnswer;
    private volatile CiProblem greenLogProblem;
    private volatile CiProblem logProblem;
    private volatile java.util.function.Consumer<Job> beforeFetch = job -> { };
    /** The jobs whose last green run was asked for. */
    public final List<Job> greenLookups = new CopyOnWriteArrayList<>();

    public FakeCiProvider failedJobs(String... names) {
        this.failedJobs = List.of(names);
        return this;
    }

    public FakeCiProvider log(String... lines) {
        this.log = List.of(lines);
        return this;
    }

    /** Each failed job's last green run is the run before it, whose log is these lines. */
    public FakeCiProvider greenRun(String... lines) {
        this.greenLog = List.of(lines);
        return this;
    }

    /** What the last green run lookup answers instead (a problem, say, or a lookup that blocks or throws). */
    public FakeCiProvider greenRunAnswers(java.util.function.Supplier<GreenRunResult> answer) {
        this.greenAnswer = answer;
        return this;
    }

    /** The green run is found, but reading its log answers {@code problem}. */
    public FakeCiProvider greenLogUnreadable(CiProblem problem) {
        this.greenLogProblem = problem;
        return this;
    }

    /** Reading a failed job's log answers {@code problem}. */
    public FakeCiProvider logUnreadable(CiProblem problem) {
        this.logProblem = problem;
        return this;
    }

    /** Runs before each log is served: a test makes one download slow (it blocks) or counts them. */
    public FakeCiProvider beforeFetch(java.util.function.Consumer<Job> hook) {
        this.beforeFetch = hook;
        return this;
    }

    public FakeCiProvider rerunAnswers(RerunResult result) {
        this.rerunResult = result;
        return this;
    }

    public static RunRef run(String id, int attempt) {
        return new RunRef("fake", CiKind.GITHUB, "octo/repo", id, attempt);
    }

    @Override
    public String instance() {
        return "fake";
    }

    @Override
    public CiKind kind() {
        return CiKind.GITHUB;
    }

    @Override
    public LinkResult parseLink(String pasted) {
        if (!pasted.startsWith("https://ci.example/")) {
            return new LinkResult.NotThisInstance();
        }
        Matcher m = LINK.matcher(pasted);
        if (!m.matches()) {
            // A run link with a bad id is a broken run link; any other page of the host is not a run link at all.
            return pasted.matches("https://ci\\.example/[^/]+/[^/]+/runs/.*")
                    ? new LinkResult.Refused("run id must be a positive number")
                    : new LinkResult.Refused("fake link not recognised: expected OWNER/REPO/runs/ID", true);
        }
        return new LinkResult.Parsed(CiLink.toRun(new RunRef("fake", CiKind.GITHUB, m.group(1), m.group(2), 0)));
    }

    @Override
    public ResolveResult resolve(CiLink link) {
        RunRef ref = link.run().orElseThrow().withAttempt(1);
        List<Job> jobs = new ArrayList<>();
        int id = 100;
        for (String name : failedJobs) {
            jobs.add(new Job(new JobRef(ref, Integer.toString(id++), name, 1), JobStatus.FAILED, null));
        }
        return new ResolveResult.Resolved(new Run(ref, JobStatus.FAILED, jobs,
                "https://ci.example/" + ref.project() + "/runs/" + ref.runId()), jobs);
    }

    @Override
    public FetchResult fetchLog(Job job, long maxBytes) {
        beforeFetch.accept(job);
        if (job.status() == JobStatus.SUCCEEDED && greenLogProblem != null) {
            return greenLogProblem;
        }
        if (job.status() != JobStatus.SUCCEEDED && logProblem != null) {
            return logProblem;
        }
        List<String> text = job.status() == JobStatus.SUCCEEDED && greenLog != null ? greenLog : log;
        List<LogLine> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            lines.add(new LogLine(i + 1, text.get(i)));
        }
        return new FetchResult.Fetched(new JobLog(job.ref(), lines, false, false, 100));
    }

    @Override
    public GreenRunResult lastGreen(Run failing, Job job) {
        greenLookups.add(job);
        if (greenAnswer != null) {
            return greenAnswer.get();
        }
        if (greenLog == null) {
            return new GreenRunResult.None("no green run in the fake");
        }
        RunRef green = failing.ref().withRunId(Long.parseLong(failing.ref().runId()) - 1).withAttempt(1);
        return new GreenRunResult.Found(new Job(new JobRef(green, "9" + job.ref().id(), job.ref().name(), 1),
                JobStatus.SUCCEEDED, null), "https://ci.example/" + green.project() + "/runs/" + green.runId());
    }

    @Override
    public RerunResult rerun(RerunRequest request) {
        reruns.add(request);
        if (rerunResult != null) {
            return rerunResult;
        }
        RunRef run = ((RerunRequest.FailedJobsOf) request).run();
        return new RerunResult.Started("https://ci.example/" + run.project() + "/runs/" + run.runId() + "/attempts/"
                + (run.attempt() + 1), false);
    }
}
