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
import java.util.function.UnaryOperator;

/**
 * GitLab's {@code Pipeline Hook} and {@code Job Hook} ("Webhook events" in the GitLab docs): a pipeline whose
 * {@code object_attributes.status} is {@code failed}, or a job whose {@code build_status} is {@code failed},
 * becomes a {@link FailedRunEvent}. GitLab does not number pipeline attempts; a retried job that fails again fails
 * the same pipeline again, so the newest failed job id tells the two failures apart. A pipeline whose status is
 * {@code success} becomes a {@link Delivery.Finished}: if one of its failures was triaged, a retry passed.
 */
final class GitLabDeliveries {
    /** The web URLs of a Pipeline Hook (GitLab's hooks name no API URLs; {@code git_ssh_url} is no http URL). */
    private static final List<UrlField> PIPELINE_URLS = List.of(UrlField.identifying("project/web_url"),
            UrlField.web("project/git_http_url"), UrlField.web("object_attributes/url"));
    /** The web URLs of a Job Hook. */
    private static final List<UrlField> JOB_URLS = List.of(UrlField.identifying("project/web_url"),
            UrlField.web("project/git_http_url"), UrlField.web("repository/homepage"),
            UrlField.web("repository/git_http_url"));

    private GitLabDeliveries() {
    }

    static Delivery read(WebhookSource source, UnaryOperator<String> headers, JsonNode payload) {
        String event = headers.apply("X-Gitlab-Event");
        boolean pipeline = "Pipeline Hook".equals(event);
        if (!pipeline && !"Job Hook".equals(event)) {
            return new Delivery.Ignored("event '" + (event == null ? "" : event) + "' is not used; enable pipeline or "
                    + "job events");
        }
        String status = Payloads.text(payload, pipeline ? "object_attributes/status" : "build_status").orElse("");
        boolean passed = pipeline && status.equals("success");
        if (!status.equals("failed") && !passed) {
            return new Delivery.Ignored(event + " " + status);
        }
        Optional<Delivery> foreign = Payloads.foreignUrl(source, payload, pipeline ? PIPELINE_URLS : JOB_URLS);
        if (foreign.isPresent()) {
            return foreign.get();
        }
        Optional<String> project = Payloads.text(payload, "project/path_with_namespace");
        Optional<String> pipelineId = Payloads.id(payload, pipeline ? "object_attributes/id" : "pipeline_id");
        if (project.isEmpty() || pipelineId.isEmpty()) {
            return new Delivery.Refused(400, event + " payload without project.path_with_namespace or the pipeline id");
        }
        RunRef run;
        try {
            run = new RunRef(source.instance(), CiKind.GITLAB, project.get(), pipelineId.get(), 0);
        } catch (IllegalArgumentException e) {
            return new Delivery.Refused(400, "unusable project path: " + e.getMessage());
        }
        // Newer GitLab sends Idempotency-Key, the same on every retry of a delivery; older ones only the event UUID.
        String delivery = Optional.ofNullable(headers.apply("Idempotency-Key"))
                .orElse(headers.apply("X-Gitlab-Event-UUID"));
        if (passed) {
            // GitLab retries jobs inside the same pipeline: a pipeline that passes after a triaged failure was rerun.
            return new Delivery.Finished(new RunFinished(run, true, source.webUrl() + "/" + run.project()
                    + "/-/pipelines/" + run.runId()));
        }
        if (pipeline) {
            String branch = Payloads.text(payload, "object_attributes/tag").filter("true"::equals).isPresent() ? null
                    : Payloads.text(payload, "object_attributes/ref").orElse(null);
            return new Delivery.Failure(new FailedRunEvent(source.instance(), delivery, CiLink.toRun(run), branch,
                    newestFailedJob(payload)));
        }
        Optional<String> jobId = Payloads.id(payload, "build_id");
        if (jobId.isEmpty()) {
            return new Delivery.Refused(400, "Job Hook payload without build_id");
        }
        String branch = Payloads.text(payload, "tag").filter("true"::equals).isPresent() ? null
                : Payloads.text(payload, "ref").orElse(null);
        return new Delivery.Failure(new FailedRunEvent(source.instance(), delivery, CiLink.toJob(run, jobId.get()), branch,
                null));
    }

    /** The highest id among {@code builds[]} with status failed, or null when the payload lists none. */
    private static String newestFailedJob(JsonNode payload) {
        JsonNode builds = payload.get("builds");
        long newest = -1;
        if (builds != null && builds.isArray()) {
            for (JsonNode build : builds) {
                if ("failed".equals(build.path("status").asText()) && build.path("id").canConvertToLong()) {
                    newest = Math.max(newest, build.path("id").asLong());
                }
            }
        }
        return newest < 0 ? null : "job" + newest;
    }
}
