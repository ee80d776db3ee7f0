package dev.pipelinetriage.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinetriage.domain.CiKind;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every URL a failed-run payload carries must be on the instance's scheme, host and port, or the delivery is refused
 * with 422 naming the field. The payloads are the documented examples (fixtures/webhooks/README.md names each
 * source) as failures, with one URL changed per case.
 */
class PayloadUrlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which protocol reads the payload, with its event header. */
    enum Kind {
        RUN, JOB, PIPELINE, GITLAB_JOB, AZURE_BUILD;

        Delivery read(WebhookSource source, JsonNode payload) {
            return switch (this) {
                case RUN -> GitHubDeliveries.read(source, Map.of("X-GitHub-Event", "workflow_run")::get, payload);
                case JOB -> GitHubDeliveries.read(source, Map.of("X-GitHub-Event", "workflow_job")::get, payload);
                case PIPELINE -> GitLabDeliveries.read(source, Map.of("X-Gitlab-Event", "Pipeline Hook")::get, payload);
                case GITLAB_JOB -> GitLabDeliveries.read(source, Map.of("X-Gitlab-Event", "Job Hook")::get, payload);
                case AZURE_BUILD -> GenericDeliveries.read(source, name -> null, payload, url -> null);
            };
        }

        WebhookSource source() {
            return switch (this) {
                case RUN, JOB -> DeliveriesTest.GITHUB;
                case PIPELINE, GITLAB_JOB -> DeliveriesTest.GITLAB;
                case AZURE_BUILD -> DeliveriesTest.AZURE;
            };
        }

        /** The documented example of this kind, as a failure. */
        ObjectNode failed() {
            return switch (this) {
                case RUN -> {
                    ObjectNode p = DeliveriesTest.fixture("github-workflow_run.completed.json");
                    ((ObjectNode) p.get("workflow_run")).put("conclusion", "failure");
                    yield p;
                }
                case JOB -> DeliveriesTest.fixture("github-workflow_job.completed.failure.json");
                case PIPELINE -> {
                    ObjectNode p = DeliveriesTest.fixture("gitlab-pipeline-hook.json");
                    ((ObjectNode) p.get("object_attributes")).put("status", "failed");
                    yield p;
                }
                case GITLAB_JOB -> DeliveriesTest.fixture("gitlab-job-hook.json").put("build_status", "failed");
                case AZURE_BUILD -> azureBuild();
            };
        }
    }

    /** The fields "Service hook events" shows for build.complete, with the build's web link. */
    private static ObjectNode azureBuild() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"id": "33433986-7f56-4969-bfd4-3e59774c75ad", "eventType": "build.complete", "publisherId": "tfs",
                     "resource": {"id": 2727068, "status": "completed", "result": "failed",
                       "url": "https://dev.azure.com/fabrikam/web/_apis/build/Builds/2727068",
                       "_links": {"web": {"href": "https://dev.azure.com/fabrikam/web/_build/results?buildId=2727068"}},
                       "project": {"name": "web"}}}""");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Case(String what, Kind kind, String path, String value, String reason) {
        @Override
        public String toString() {
            return what;
        }

        ObjectNode payload() {
            ObjectNode payload = kind.failed();
            String[] parts = path.split("/");
            ObjectNode parent = payload;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = (ObjectNode) parent.get(parts[i]);
            }
            if (value == null) {
                parent.remove(parts[parts.length - 1]);
            } else if (value.matches("-?\\d+")) {
                parent.put(parts[parts.length - 1], Integer.parseInt(value));
            } else {
                parent.put(parts[parts.length - 1], value);
            }
            return payload;
        }
    }

    static Stream<Case> foreign() {
        String repo = "/octo-org/octo-repo";
        String api = "/repos/octo-org/octo-repo/actions/runs/289782451";
        String project = "/gitlab-org/gitlab-test";
        return Stream.of(
                new Case("a repository on another host", Kind.RUN, "repository/html_url", "https://ghe.example.org" + repo,
                        "repository.html_url is on https://ghe.example.org, not on instance 'github' (https://github.com)"),
                new Case("a repository on the instance's host at another port", Kind.RUN, "repository/html_url",
                        "https://github.com:8443" + repo, "repository.html_url is on https://github.com:8443"),
                new Case("a repository over plain http", Kind.RUN, "repository/html_url", "http://github.com" + repo,
                        "repository.html_url is on http://github.com,"),
                new Case("a repository on a look-alike host", Kind.RUN, "repository/html_url",
                        "https://github.com.evil.com" + repo, "repository.html_url is on https://github.com.evil.com"),
                new Case("a repository without its URL", Kind.RUN, "repository/html_url", null,
                        "repository.html_url is missing"),
                new Case("a repository URL that is a number", Kind.RUN, "repository/html_url", "42",
                        "repository.html_url is not an absolute http(s) URL"),
                new Case("a repository API URL elsewhere", Kind.RUN, "repository/url", "https://api.evil.com" + repo,
                        "repository.url is on https://api.evil.com"),
                new Case("a run page elsewhere", Kind.RUN, "workflow_run/html_url", "https://github.com.evil.com" + repo
                        + "/actions/runs/289782451", "workflow_run.html_url is on https://github.com.evil.com"),
                new Case("a run's jobs_url elsewhere", Kind.RUN, "workflow_run/jobs_url", "https://evil.example" + api
                        + "/jobs", "workflow_run.jobs_url is on https://evil.example, not on instance 'github' "
                        + "(https://api.github.com or https://github.com)"),
                new Case("a run's logs_url on the API host at another port", Kind.RUN, "workflow_run/logs_url",
                        "https://api.github.com:444" + api + "/logs", "workflow_run.logs_url is on https://api.github.com:444"),
                new Case("a run's url with user info", Kind.RUN, "workflow_run/url", "https://api.github.com@evil.example" + api,
                        "workflow_run.url is not an absolute http(s) URL"),
                new Case("a run's rerun_url as javascript", Kind.RUN, "workflow_run/rerun_url", "javascript:alert(1)",
                        "workflow_run.rerun_url is not an absolute http(s) URL"),
                new Case("a job page elsewhere", Kind.JOB, "workflow_job/html_url", "https://evil.example" + repo
                        + "/runs/1291536064", "workflow_job.html_url is on https://evil.example"),
                new Case("a job's run_url elsewhere", Kind.JOB, "workflow_job/run_url", "https://evil.example" + api,
                        "workflow_job.run_url is on https://evil.example"),
                new Case("a job's API url elsewhere", Kind.JOB, "workflow_job/url", "http://api.github.com/repos/x/y/actions/jobs/1",
                        "workflow_job.url is on http://api.github.com,"),
                new Case("a job's check_run_url elsewhere", Kind.JOB, "workflow_job/check_run_url", "https://evil.example/x",
                        "workflow_job.check_run_url is on https://evil.example"),
                new Case("a GitLab project at another port", Kind.PIPELINE, "project/web_url", "http://192.168.64.1:3006"
                        + project, "project.web_url is on http://192.168.64.1:3006, not on instance 'gitlab' "
                        + "(http://192.168.64.1:3005)"),
                new Case("a GitLab project over https", Kind.PIPELINE, "project/web_url", "https://192.168.64.1:3005" + project,
                        "project.web_url is on https://192.168.64.1:3005"),
                new Case("a GitLab pipeline page elsewhere", Kind.PIPELINE, "object_attributes/url", "http://example.com"
                        + project + "/-/pipelines/31", "object_attributes.url is on http://example.com"),
                new Case("a GitLab clone URL elsewhere", Kind.PIPELINE, "project/git_http_url", "http://evil.example"
                        + project + ".git", "project.git_http_url is on http://evil.example"),
                new Case("a GitLab job's project without its URL", Kind.GITLAB_JOB, "project/web_url", null,
                        "project.web_url is missing"),
                new Case("a GitLab job's repository homepage elsewhere", Kind.GITLAB_JOB, "repository/homepage",
                        "http://evil.example" + project, "repository.homepage is on http://evil.example"),
                new Case("a GitLab job's clone URL elsewhere", Kind.GITLAB_JOB, "repository/git_http_url",
                        "http://192.168.64.1" + project + ".git", "repository.git_http_url is on http://192.168.64.1,"),
                new Case("an Azure build's API URL elsewhere", Kind.AZURE_BUILD, "resource/url",
                        "https://dev.azure.com.evil.com/fabrikam/web/_apis/build/Builds/2727068",
                        "resource.url is on https://dev.azure.com.evil.com"),
                new Case("an Azure build's page elsewhere", Kind.AZURE_BUILD, "resource/_links/web/href",
                        "https://evil.example/fabrikam/web/_build/results?buildId=2727068",
                        "resource._links.web.href is on https://evil.example"));
    }

    @ParameterizedTest(name = "{0} is refused with 422 naming the field")
    @MethodSource("foreign")
    void aPayloadUrlOffTheInstanceIsRefusedWith422NamingTheField(Case c) {
        Delivery read = c.kind().read(c.kind().source(), c.payload());

        assertThat(read).isInstanceOf(Delivery.Refused.class);
        assertThat(((Delivery.Refused) read).status()).isEqualTo(422);
        assertThat(((Delivery.Refused) read).reason()).contains(c.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theDocumentedExamplesOnTheirInstanceAreFailures(Kind kind) {
        assertThat(kind.read(kind.source(), kind.failed())).isInstanceOf(Delivery.Failure.class);
    }

    static Stream<Kind> kinds() {
        return Stream.of(Kind.values());
    }

    /** The documented run, moved to {@code https://ghe.example.com} (API under {@code /api/v3}), changed by {@code edit}. */
    private static Delivery onEnterprise(Consumer<ObjectNode> edit) {
        WebhookSource ghe = new WebhookSource("ghe", CiKind.GITHUB, URI.create("https://ghe.example.com"),
                URI.create("https://ghe.example.com/api/v3"), "s");
        ObjectNode payload;
        try {
            payload = (ObjectNode) JSON.readTree(Kind.RUN.failed().toString()
                    .replace("https://api.github.com/", "https://ghe.example.com/api/v3/")
                    .replace("https://github.com/", "https://ghe.example.com/"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        edit.accept(payload);
        return Kind.RUN.read(ghe, payload);
    }

    @Test
    void anEnterpriseServersPayloadIsReadOnItsOwnHostAndGitHubComsApiIsNotItsApi() {
        assertThat(onEnterprise(p -> { })).isInstanceOf(Delivery.Failure.class);

        Delivery publicApi = onEnterprise(p -> ((ObjectNode) p.get("workflow_run")).put("jobs_url",
                "https://api.github.com/repos/octo-org/octo-repo/actions/runs/289782451/jobs"));

        assertThat(publicApi).isEqualTo(new Delivery.Refused(422, "workflow_run.jobs_url is on https://api.github.com, "
                + "not on instance 'ghe' (https://ghe.example.com)"));
    }
}
