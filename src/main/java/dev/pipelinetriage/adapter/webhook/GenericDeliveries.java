package dev.pipelinetriage.adapter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.FailedRunEvent;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.RunRef;
import dev.pipelinetriage.adapter.webhook.Payloads.UrlField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The generic hook for Jenkins, Azure DevOps and anything else that can POST JSON. Two shapes are read:
 * <ul>
 *   <li>Azure DevOps service hooks ("Service hook events" on learn.microsoft.com): {@code build.complete} with
 *       {@code resource.result}, and {@code ms.vss-pipelines.run-state-changed-event} with {@code resource.run};</li>
 *   <li>the bot's own shape: {@code {"runUrl": "..."}} or {@code {"project", "runId", "attempt", "jobId"}}, with
 *       optional {@code status}, {@code branch} and {@code deliveryId}.</li>
 * </ul>
 * A run URL is parsed by the instance's own link rules (the same as for a pasted link) and never requested.
 */
final class GenericDeliveries {
    private static final Set<String> FAILED = Set.of("failed", "failure", "error", "unstable");

    private GenericDeliveries() {
    }

    static Delivery read(WebhookSource source, UnaryOperator<String> headers, JsonNode payload,
            Function<String, FailedJobLogs.Routed> links) {
        Optional<String> eventType = Payloads.text(payload, "eventType");
        if (eventType.isPresent()) {
            return azure(source, eventType.get(), payload);
        }
        String status = Payloads.text(payload, "status").map(s -> s.toLowerCase(Locale.ROOT)).orElse("failed");
        if (!FAILED.contains(status)) {
            return new Delivery.Ignored("status " + status);
        }
        String delivery = Payloads.text(payload, "deliveryId").orElse(null);
        String branch = Payloads.text(payload, "branch").map(Payloads::branch).orElse(null);
        Optional<String> runUrl = Payloads.text(payload, "runUrl");
        if (runUrl.isPresent()) {
            return switch (links.apply(runUrl.get())) {
                case FailedJobLogs.RoutedTo r when r.provider().instance().equals(source.instance()) ->
                        new Delivery.Failure(new FailedRunEvent(source.instance(), delivery, r.link(), branch, null));
                case FailedJobLogs.RoutedTo r -> new Delivery.Refused(422, "runUrl belongs to instance '"
                        + r.provider().instance() + "', not to this hook's '" + source.instance() + "'");
                case FailedJobLogs.Unrouted u -> new Delivery.Refused(422, u.reason());
            };
        }
        Optional<String> project = Payloads.text(payload, "project");
        Optional<String> runId = Payloads.id(payload, "runId");
        if (project.isEmpty() || runId.isEmpty()) {
            return new Delivery.Refused(400, "give runUrl, or project and runId (see docs/webhooks.md)");
        }
        try {
            RunRef run = new RunRef(source.instance(), source.kind(), project.get(), runId.get(),
                    Payloads.integer(payload, "attempt", 0));
            Optional<String> jobId = Payloads.id(payload, "jobId");
            CiLink link = jobId.map(job -> CiLink.toJob(run, job)).orElse(CiLink.toRun(run));
            return new Delivery.Failure(new FailedRunEvent(source.instance(), delivery, link, branch, null));
        } catch (IllegalArgumentException e) {
            return new Delivery.Refused(400, e.getMessage());
        }
    }

    /** Azure DevOps service hooks: the project is the payload's project name, or its id (the API takes both). */
    private static Delivery azure(WebhookSource source, String eventType, JsonNode payload) {
        boolean build = eventType.equals("build.complete");
        if (!build && !eventType.equals("ms.vss-pipelines.run-state-changed-event")) {
            return new Delivery.Ignored("Azure DevOps event '" + eventType + "' is not used");
        }
        String result = Payloads.text(payload, build ? "resource/result" : "resource/run/result").orElse("")
                .toLowerCase(Locale.ROOT);
        if (!result.equals("failed")) {
            return new Delivery.Ignored(eventType + " " + result);
        }
        Optional<Delivery> foreign = Payloads.foreignUrl(source, payload, build
                ? List.of(UrlField.api("resource/url"), UrlField.web("resource/_links/web/href"))
                : List.of(UrlField.api("resource/run/url"), UrlField.web("resource/run/_links/web/href")));
        if (foreign.isPresent()) {
            return foreign.get();
        }
        Optional<String> project = Payloads.text(payload, "resource/project/name")
                .or(() -> Payloads.id(payload, "resourceContainers/project/id"));
        Optional<String> runId = Payloads.id(payload, build ? "resource/id" : "resource/run/id");
        if (project.isEmpty() || runId.isEmpty()) {
            return new Delivery.Refused(400, eventType + " payload without the project or the build id");
        }
        try {
            RunRef run = new RunRef(source.instance(), source.kind(), project.get(), runId.get(), 0);
            String branch = Payloads.text(payload, build ? "resource/sourceBranch" : "resource/run/resources/repositories/self/refName")
                    .map(Payloads::branch).orElse(null);
            return new Delivery.Failure(new FailedRunEvent(source.instance(), Payloads.text(payload, "id").orElse(null),
                    CiLink.toRun(run), branch, null));
        } catch (IllegalArgumentException e) {
            return new Delivery.Refused(400, e.getMessage());
        }
    }
}
