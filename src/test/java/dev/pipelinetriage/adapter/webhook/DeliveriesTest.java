package dev.pipelinetriage.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.app.FailedRunEvent;
import dev.pipelinetriage.app.RunFinished;
import dev.pipelinetriage.domain.CiKind;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.domain.RunRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Payloads as the providers document them (fixtures/webhooks/README.md names each source), read into failures:
 * only completed failures count, ids come from the payload's id fields, and a foreign host is refused.
 */
class DeliveriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final WebhookSource GITHUB = new WebhookSource("github", CiKind.GITHUB, URI.create("https://github.com"),
            URI.create("https://api.github.com"), "s");
    /** Where the documented GitLab examples' project lives. */
    static final WebhookSource GITLAB = new WebhookSource("gitlab", CiKind.GITLAB, URI.create("http://192.168.64.1:3005"),
            URI.create("http://192.168.64.1:3005/api/v4"), "s");
    private static final WebhookSource JENKINS = new WebhookSource("jenkins", CiKind.JENKINS,
            URI.create("https://ci.example.com"), URI.create("https://ci.example.com"), "s");
    static final WebhookSource AZURE = new WebhookSource("azure", CiKind.AZURE, URI.create("https://dev.azure.com/fabrikam"),
            URI.create("https://dev.azure.com/fabrikam"), "s");

    static ObjectNode fixture(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/fixtures/webhooks", name)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UnaryOperator<String> headers(String... pairs) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map::get;
    }

    private static FailedRunEvent failure(Delivery delivery) {
        assertThat(delivery).isInstanceOf(Delivery.Failure.class);
        return ((Delivery.Failure) delivery).event();
    }

    @Test
    void theDocumentedSuccessfulWorkflowRunIsIgnored() {
        Delivery read = GitHubDeliveries.read(GITHUB, headers("X-GitHub-Event", "workflow_run"),
                fixture("github-workflow_run.completed.json"));

        assertThat(read).isEqualTo(new Delivery.Ignored("workflow_run completed success"));
    }

    @Test
    void aFailedWorkflowRunNamesTheRunAttemptByIdsAndKeepsTheDeliveryId() {
        ObjectNode payload = fixture("github-workflow_run.completed.json");
        ((ObjectNode) payload.get("workflow_run")).put("conclusion", "failure").put("run_attempt", 2);

        FailedRunEvent event = failure(GitHubDeliveries.read(GITHUB, headers("X-GitHub-Event", "workflow_run",
                "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"), payload));

        assertThat(event.link()).isEqualTo(new CiLink("github", CiKind.GITHUB, "octo-org/octo-repo", "289782451", 2, null));
        assertThat(event.branch()).isEqualTo("master");
        assertThat(event.deliveryId()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
    }

    @Test
    void theDocumentedFailedWorkflowJobNamesTheJobOfItsRun() {
        FailedRunEvent event = failure(GitHubDeliveries.read(GITHUB, headers("X-GitHub-Event", "workflow_job"),
                fixture("github-workflow_job.completed.failure.json")));

        assertThat(event.link()).isEqualTo(new CiLink("github", CiKind.GITHUB, "Codertocat/Hello-World", "2202229078", 0,
                "289782451"));
        assertThat(event.failureKey()).contains("job:289782451");
    }

    @Test
    void pingIsAnsweredAndOtherEventsAreIgnored() {
        assertThat(GitHubDeliveries.read(GITHUB, headers("X-GitHub-Event", "ping"), fixture("github-ping.json")))
                .isInstanceOf(Delivery.Pong.class);
        assertThat(GitHubDeliveries.read(GITHUB, headers("X-GitHub-Event", "push"), fixture("github-ping.json")))
                .isInstanceOf(Delivery.Ignored.class);
    }

    @Test
    void aRunOnAnotherHostIsRefusedAndNeverBecomesAFailure() {
        ObjectNode payload = fixture("github-workflow_run.completed.json");
        ((ObjectNode) payload.get("workflow_run")).put("conclusion", "failure");
        ((ObjectNode) payload.get("repository")).put("html_url", "https://ghe.attacker.example/octo-org/octo-repo");

        Delivery read = GitHubDeliveries.read(GITHUB, headers("X-GitHub-Event", "workflow_run"), payload);

        assertThat(read).isInstanceOf(Delivery.Refused.class);
        assertThat(((Delivery.Refused) read).status()).isEqualTo(422);
        assertThat(((Delivery.Refused) read).reason()).contains("repository.html_url is on https://ghe.attacker.example");
    }

    @Test
    void theDocumentedPipelineHookNamesThePipelineAndItsNewestFailedJobWhenItFails() {
        ObjectNode payload = fixture("gitlab-pipeline-hook.json");
        ((ObjectNode) payload.get("object_attributes")).put("status", "failed");
        FailedRunEvent event = failure(GitLabDeliveries.read(GITLAB, headers("X-Gitlab-Event", "Pipeline Hook",
                "X-Gitlab-Event-UUID", "13792a34-cac6-4fda-95a8-c58e00a3954e"), payload));

        assertThat(event.link()).isEqualTo(new CiLink("gitlab", CiKind.GITLAB, "gitlab-org/gitlab-test", "31", 0, null));
        assertThat(event.branch()).isEqualTo("master");
        assertThat(event.revision()).isEqualTo("job378");
        assertThat(event.deliveryId()).isEqualTo("13792a34-cac6-4fda-95a8-c58e00a3954e");
    }

    @Test
    void theDocumentedSuccessfulPipelineHookIsAFinishedRunThatPassedLinkedOnTheConfiguredInstance() {
        Delivery read = GitLabDeliveries.read(GITLAB, headers("X-Gitlab-Event", "Pipeline Hook"),
                fixture("gitlab-pipeline-hook.json"));

        assertThat(read).isEqualTo(new Delivery.Finished(new RunFinished(new RunRef("gitlab", CiKind.GITLAB,
                "gitlab-org/gitlab-test", "31", 0), true, "http://192.168.64.1:3005/gitlab-org/gitlab-test/-/pipelines/31")));
    }

    @Test
    void aLaterWorkflowRunAttemptThatPassedIsAFinishedRunLinkedToItsAttempt() {
        ObjectNode payload = fixture("github-workflow_run.completed.json");
        ((ObjectNode) payload.get("workflow_run")).put("run_attempt", 2);

        Delivery read = GitHubDeliveries.read(GITHUB, headers("X-GitHub-Event", "workflow_run"), payload);

        assertThat(read).isEqualTo(new Delivery.Finished(new RunFinished(new RunRef("github", CiKind.GITHUB,
                "octo-org/octo-repo", "289782451", 2), true,
                "https://github.com/octo-org/octo-repo/actions/runs/289782451/attempts/2")));
    }

    @Test
    void aLaterWorkflowRunAttemptThatFailedIsAFailureThatAlsoEndsTheEarlierAttemptsWait() {
        ObjectNode payload = fixture("github-workflow_run.completed.json");
        ((ObjectNode) payload.get("workflow_run")).put("conclusion", "failure").put("run_attempt", 3);

        Delivery read = GitHubDeliveries.read(GITHUB, headers("X-GitHub-Event", "workflow_run"), payload);

        assertThat(((Delivery.Failure) read).finished()).isEqualTo(new RunFinished(new RunRef("github", CiKind.GITHUB,
                "octo-org/octo-repo", "289782451", 3), false,
                "https://github.com/octo-org/octo-repo/actions/runs/289782451/attempts/3"));
    }

    @Test
    void aFirstAttemptThatFailedAwaitsNothing() {
        ObjectNode payload = fixture("github-workflow_run.completed.json");
        ((ObjectNode) payload.get("workflow_run")).put("conclusion", "failure").put("run_attempt", 1);

        assertThat(((Delivery.Failure) GitHubDeliveries.read(GITHUB, headers("X-GitHub-Event", "workflow_run"), payload))
                .finished()).isNull();
    }

    @Test
    void aFailedJobHookNamesTheJobOfItsPipeline() {
        ObjectNode payload = fixture("gitlab-job-hook.json");
        assertThat(GitLabDeliveries.read(GITLAB, headers("X-Gitlab-Event", "Job Hook"), payload))
                .isInstanceOf(Delivery.Ignored.class);

        payload.put("build_status", "failed");
        FailedRunEvent event = failure(GitLabDeliveries.read(GITLAB, headers("X-Gitlab-Event", "Job Hook"), payload));

        assertThat(event.link()).isEqualTo(new CiLink("gitlab", CiKind.GITLAB, "gitlab-org/gitlab-test", "2366", 0, "1977"));
        assertThat(event.branch()).isEqualTo("gitlab-script-trigger");
    }

    @Test
    void theGenericHookTakesIdsOrARunUrlOfItsOwnInstance() throws IOException {
        Function<String, FailedJobLogs.Routed> noLinks = url -> new FailedJobLogs.Unrouted("Unknown CI host 'x'.");
        JsonNode ids = JSON.readTree("""
                {"status": "FAILURE", "project": "app/main", "runId": "42", "branch": "refs/heads/main", "deliveryId": "d-1"}""");

        FailedRunEvent event = failure(GenericDeliveries.read(JENKINS, headers(), ids, noLinks));

        assertThat(event.link()).isEqualTo(new CiLink("jenkins", CiKind.JENKINS, "app/main", "42", 0, null));
        assertThat(event.branch()).isEqualTo("main");
        assertThat(event.deliveryId()).isEqualTo("d-1");

        JsonNode foreign = JSON.readTree("{\"runUrl\": \"https://elsewhere.example/job/app/42/\"}");
        Delivery refused = GenericDeliveries.read(JENKINS, headers(), foreign, noLinks);
        assertThat(refused).isEqualTo(new Delivery.Refused(422, "Unknown CI host 'x'."));

        assertThat(GenericDeliveries.read(JENKINS, headers(), JSON.readTree("{\"status\": \"SUCCESS\", \"runId\": \"1\"}"),
                noLinks)).isInstanceOf(Delivery.Ignored.class);
        assertThat(GenericDeliveries.read(JENKINS, headers(), JSON.readTree("{\"status\": \"failed\"}"), noLinks))
                .isInstanceOf(Delivery.Refused.class);
    }

    @Test
    void azureServiceHooksGiveTheFailedBuildOfTheirProject() throws IOException {
        // The fields "Service hook events" shows for build.complete and the pipelines run-state-changed event.
        JsonNode build = JSON.readTree("""
                {"id": "33433986-7f56-4969-bfd4-3e59774c75ad", "eventType": "build.complete", "publisherId": "tfs",
                 "resource": {"id": 2727068, "buildNumber": "20221202.1", "status": "completed", "result": "failed",
                   "url": "https://dev.azure.com/fabrikam/web/_apis/build/Builds/2727068",
                   "sourceBranch": "refs/heads/main", "project": {"name": "web"}}}""");
        JsonNode run = JSON.readTree("""
                {"id": "e7f1a3b2-0000-4000-8000-000000000001", "eventType": "ms.vss-pipelines.run-state-changed-event",
                 "resource": {"run": {"id": 30, "state": "completed", "result": "failed",
                   "url": "https://dev.azure.com/fabrikam/web/_apis/pipelines/4/runs/30"}},
                 "resourceContainers": {"project": {"id": "4ad1c3a5-45d1-4fa3-9c72-4d6a7b9f7f0e"}}}""");

        FailedRunEvent fromBuild = failure(GenericDeliveries.read(AZURE, headers(), build, url -> null));
        FailedRunEvent fromRun = failure(GenericDeliveries.read(AZURE, headers(), run, url -> null));

        assertThat(fromBuild.link()).isEqualTo(new CiLink("azure", CiKind.AZURE, "web", "2727068", 0, null));
        assertThat(fromBuild.branch()).isEqualTo("main");
        assertThat(fromBuild.deliveryId()).isEqualTo("33433986-7f56-4969-bfd4-3e59774c75ad");
        assertThat(fromRun.link()).isEqualTo(new CiLink("azure", CiKind.AZURE, "4ad1c3a5-45d1-4fa3-9c72-4d6a7b9f7f0e", "30",
                0, null));
        assertThat(GenericDeliveries.read(AZURE, headers(), JSON.readTree("{\"eventType\": \"git.push\"}"), url -> null))
                .isInstanceOf(Delivery.Ignored.class);
    }
}
