package dev.pipelinetriage.adapter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinetriage.app.FailedRunEvent;
import dev.pipelinetriage.app.RunFinished;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.adapter.webhook.Payloads.UrlField;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * GitHub's {@code workflow_run} and {@code workflow_job} events ("Webhook events and payloads" on docs.github.com):
 * a completed run or job whose conclusion is a failure becomes a {@link FailedRunEvent}; {@code ping} is answered;
 * every other event and action is ignored. Every URL of the run, job and repository must be on the instance
 * ({@link Payloads#foreignUrl}). A {@code workflow_run} of a later attempt ({@code run_attempt} above 1) is the rerun
 * of the earlier ones: when it passed it becomes a {@link Delivery.Finished}, when it failed the failure carries that
 * outcome too. The delivery id is {@code X-GitHub-Delivery}, which a redelivery keeps.
 */
final class GitHubDeliveries {
    /** Conclusions that mean the run did not pass for a reason worth explaining (not cancelled, not skipped). */
    private static final Set<String> FAILED = Set.of("failure", "timed_out", "startup_failure");

    /** The URLs of a {@code workflow_run} payload: pages on the web host, the rest on the API's. */
    private static final List<UrlField> RUN_URLS = List.of(UrlField.identifying("repository/html_url"),
            UrlField.api("repository/url"), UrlField.web("workflow_run/html_url"), UrlField.api("workflow_run/url"),
            UrlField.api("workflow_run/jobs_url"), UrlField.api("workflow_run/logs_url"),
            UrlField.api("workflow_run/check_suite_url"), UrlField.api("workflow_run/artifacts_url"),
            UrlField.api("workflow_run/cancel_url"), UrlField.api("workflow_run/rerun_url"),
            UrlField.api("workflow_run/previous_attempt_url"), UrlField.api("workflow_run/workflow_url"),
            UrlField.web("workflow_run/head_repository/html_url"), UrlField.api("workflow_run/head_repository/url"));
    /** The URLs of a {@code workflow_job} payload. */
    private static final List<UrlField> JOB_URLS = List.of(UrlField.identifying("repository/html_url"),
            UrlField.api("repository/url"), UrlField.web("workflow_job/html_url"), UrlField.api("workflow_job/url"),
            UrlField.api("workflow_job/run_url"), UrlField.api("workflow_job/check_run_url"));

    private GitHubDeliveries() {
    }

    /** The attempt's page on the configured instance ("Re-running workflows and jobs" links attempts so). */
    static String attemptPage(WebhookSource source, RunRef run) {
        return source.webUrl() + "/" + run.project() + "/actions/runs/" + run.runId() + "/attempts/" + run.attempt();
    }

    static Delivery read(WebhookSource source, UnaryOperator<String> headers, JsonNode payload) {
        String event = headers.apply("X-GitHub-Event");
        if ("ping".equals(event)) {
            return new Delivery.Pong();
        }
        if (!"workflow_run".equals(event) && !"workflow_job".equals(event)) {
            return new Delivery.Ignored("event '" + (event == null ? "" : event) + "' is not used; subscribe to "
                    + "workflow_run or workflow_job");
        }
        String object = event;
        String action = Payloads.text(payload, "action").orElse("");
        String conclusion = Payloads.text(payload, object + "/conclusion").orElse("");
        boolean rerunPassed = object.equals("workflow_run") && conclusion.equals("success")
                && Payloads.integer(payload, "workflow_run/run_attempt", 0) > 1;
        if (!action.equals("completed") || !FAILED.contains(conclusion) && !rerunPassed) {
            return new Delivery.Ignored(event + " " + action + (conclusion.isEmpty() ? "" : " " + conclusion));
        }
        Optional<Delivery> foreign = Payloads.foreignUrl(source, payload, object.equals("workflow_run") ? RUN_URLS : JOB_URLS);
        if (foreign.isPresent()) {
            return foreign.get();
        }
        Optional<String> repository = Payloads.text(payload, "repository/full_name")
                .filter(r -> r.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"));
        Optional<String> runId = Payloads.id(payload, object.equals("workflow_run") ? "workflow_run/id" : "workflow_job/run_id");
        if (repository.isEmpty() || runId.isEmpty()) {
            return new Delivery.Refused(400, event + " payload without repository.full_name or the run id");
        }
        int attempt = Payloads.integer(payload, object + "/run_attempt", 0);
        RunRef run = new RunRef(source.instance(), CiKind.GITHUB, repository.get(), runId.get(), attempt);
        String branch = Payloads.text(payload, object + "/head_branch").orElse(null);
        String delivery = headers.apply("X-GitHub-Delivery");
        if (object.equals("workflow_run")) {
            // A later attempt is the rerun of the earlier ones: its outcome is theirs too.
            RunFinished finished = attempt > 1 ? new RunFinished(run, rerunPassed, attemptPage(source, run)) : null;
            if (rerunPassed) {
                return new Delivery.Finished(finished);
            }
            return new Delivery.Failure(new FailedRunEvent(source.instance(), delivery, CiLink.toRun(run), branch, null),
                    finished);
        }
        Optional<String> jobId = Payloads.id(payload, "workflow_job/id");
        if (jobId.isEmpty()) {
            return new Delivery.Refused(400, "workflow_job payload without workflow_job.id");
        }
        return new Delivery.Failure(new FailedRunEvent(source.instance(), delivery, CiLink.toJob(run, jobId.get()), branch,
                null));
    }
}
