package dev.pipelinetriage.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.FailedJobLogs;
import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.domain.CiLink;
import dev.pipelinetriage.net.HttpClients;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every link shape users paste, routed through the configured instances exactly as {@code analyze URL} does. No
 * request is made: parsing alone decides, and the pasted URL is never requested.
 */
class LinkShapesTableTest {
    private static final String CONFIG = """
            ci:
              instances:
                - {name: github, type: github, token: {env: T}}
                - {name: ghe, type: github, webUrl: 'https://ghe.example.com', token: {env: T}}
                - {name: gitlab, type: gitlab, token: {env: T}}
                - {name: jenkins, type: jenkins, webUrl: 'https://ci.example.com/jenkins', username: bot, token: {env: T}}
                - {name: azure, type: azure, webUrl: 'https://dev.azure.com/fabrikam', token: {env: T}}
                - {name: vsts, type: azure, webUrl: 'https://contoso.visualstudio.com', token: {env: T}}
                - {name: tfs, type: azure, webUrl: 'https://tfs.example.com/tfs/DefaultCollection', token: {env: T}}
            """;

    private final FailedJobLogs router = new FailedJobLogs(CiWiring.providers(ConfigLoader.parse(CONFIG).ci(),
            Map.of("T", "token"), HttpClients.newShared(), Clock.systemUTC(), d -> {
                throw new AssertionError("no waiting while parsing links");
            }), 1 << 20);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://github.com/octo-org/octo-repo/actions/runs/30433642                             | github  | octo-org/octo-repo | 30433642 | 0 |
            https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/2                  | github  | octo-org/octo-repo | 30433642 | 2 |
            https://github.com/octo-org/octo-repo/actions/runs/30433642/job/399444496               | github  | octo-org/octo-repo | 30433642 | 0 | 399444496
            https://github.com/octo-org/octo-repo/actions/runs/30433642/job/399444496#step:7:42     | github  | octo-org/octo-repo | 30433642 | 0 | 399444496
            https://github.com/octo-org/octo-repo/runs/399444496?check_suite_focus=true             | github  | octo-org/octo-repo |          | 0 | 399444496
            https://github.com/octo-org/octo-repo/runs/29679449/jobs/399444496                      | github  | octo-org/octo-repo | 29679449 | 0 | 399444496
            https://github.com/octo-org/octo-repo/pull/1347/checks?check_run_id=399444496           | github  | octo-org/octo-repo |          | 0 | 399444496
            https://GitHub.com./octo-org/octo-repo/actions/runs/1                                   | github  | octo-org/octo-repo | 1        | 0 |
            <https://github.com/o/r/actions/runs/5>                                                  | github  | o/r                | 5        | 0 |
            https://ghe.example.com/team/svc/actions/runs/77/job/88                                 | ghe     | team/svc           | 77       | 0 | 88
            https://gitlab.com/group/sub/project/-/pipelines/287                                    | gitlab  | group/sub/project  | 287      | 0 |
            https://gitlab.com/group/project/-/pipelines/287/failures                               | gitlab  | group/project      | 287      | 0 |
            https://gitlab.com/a/b/c/d/-/jobs/8                                                     | gitlab  | a/b/c/d            |          | 0 | 8
            https://gitlab.com/group/project/-/jobs/8/raw                                           | gitlab  | group/project      |          | 0 | 8
            https://ci.example.com/jenkins/job/fish/10/                                             | jenkins | fish               | 10       | 0 |
            https://ci.example.com/jenkins/job/team/job/fish/10/console                             | jenkins | team/fish          | 10       | 0 |
            https://ci.example.com/jenkins/job/team/job/fish/10/consoleText                         | jenkins | team/fish          | 10       | 0 |
            https://ci.example.com/jenkins/view/All/job/fish/10/pipeline-console/                   | jenkins | fish               | 10       | 0 |
            https://ci.example.com/jenkins/job/fish/10/execution/node/23/                           | jenkins | fish               | 10       | 0 |
            https://ci.example.com/jenkins/job/org/job/repo/job/feature%252Flogin/4/console         | jenkins | org/repo/feature%2Flogin | 4  | 0 |
            https://ci.example.com/jenkins/blue/organizations/jenkins/org%2Frepo/detail/feature%2Flogin/4/pipeline | jenkins | org/repo/feature%2Flogin | 4 | 0 |
            https://ci.example.com/jenkins/blue/organizations/jenkins/fish/detail/fish/10/pipeline/23 | jenkins | fish             | 10       | 0 |
            https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_build/results?buildId=391            | azure   | Fabrikam-Fiber-Git | 391      | 0 |
            https://dev.azure.com/fabrikam/Fabrikam%20Fiber/_build/results?buildId=391&view=logs&j=045f4ce9-cb71-424f-84de-4ab19281dc70&t=bcddc27d-c891-4209-85d6-387e155439b0 | azure | Fabrikam Fiber | 391 | 0 | 045f4ce9-cb71-424f-84de-4ab19281dc70
            https://contoso.visualstudio.com/Web/_build/results?buildId=12                          | vsts    | Web                | 12       | 0 |
            https://tfs.example.com/tfs/DefaultCollection/Web/_build/results?buildId=12             | tfs     | Web                | 12       | 0 |
            https://dev.azure.com/fabrikam/Web/_apis/build/builds/391/logs/4                        | azure   | Web                | 391      | 0 |
            """)
    void validLinksParseToTheirIds(String url, String instance, String project, String runId, int attempt, String jobId) {
        var routed = router.route(url);

        assertThat(routed).isInstanceOf(FailedJobLogs.RoutedTo.class);
        CiLink link = ((FailedJobLogs.RoutedTo) routed).link();
        assertThat(link.instance()).isEqualTo(instance);
        assertThat(link.project()).isEqualTo(project);
        assertThat(link.runId()).isEqualTo(runId);
        assertThat(link.attempt()).isEqualTo(attempt);
        assertThat(link.jobId()).isEqualTo(jobId);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://github.com.evil.com/o/r/actions/runs/1                | Unknown CI host 'github.com.evil.com'
            https://evil.example/o/r/actions/runs/1                       | Unknown CI host 'evil.example'
            https://github.com@evil.com/o/r/actions/runs/1                | user name or password before the host
            https://user:pass@github.com/o/r/actions/runs/1               | user name or password before the host
            https://github.com\\@evil.com/o/r/actions/runs/1              | backslashes
            https://evil.com#github.com/o/r/actions/runs/1                | Unknown CI host 'evil.com'
            https://xn--gthub-cta.com/o/r/actions/runs/1                  | internationalised host names
            http://169.254.169.254/latest/meta-data/                      | Unknown CI host '169.254.169.254'
            http://[::ffff:127.0.0.1]/o/r/actions/runs/1                  | Unknown CI host
            http://2130706433/o/r/actions/runs/1                          | Unknown CI host
            https://127.0.0.1/o/r/actions/runs/1                          | Unknown CI host '127.0.0.1'
            https://0177.0.0.1/o/r/actions/runs/1                         | Unknown CI host
            https://0x7f.1/o/r/actions/runs/1                             | no valid host name
            https://localhost/o/r/actions/runs/1                          | Unknown CI host 'localhost'
            https://github.com:8443/o/r/actions/runs/1                    | Unknown CI host 'github.com:8443'
            https://github.com/o/r/actions/runs/../../../admin            | path traversal
            https://github.com/o/r/actions/runs/%2e%2e/1                  | path traversal
            https://github.com/o%2Fr/x/actions/runs/1                     | encoded slash
            https://github.com/o/r/actions/runs/-1                        | run id must be a positive number
            https://github.com/o/r/actions/runs/1e3                       | run id must be a positive number
            https://github.com/o/r/actions/runs/99999999999999999999      | run id must be a positive number
            https://github.com/o/r/actions/runs/1/attempts/0              | attempt must be a positive number
            https://github.com/o/r/pull/5/checks                          | names no check
            https://github.com/o/r/issues/5                               | GitHub link not recognised
            ftp://github.com/o/r/actions/runs/1                           | only http and https
            https://gitlab.com/group/project/-/pipelines/abc              | pipeline id must be a positive number
            https://gitlab.com/group/project/-/merge_requests/3           | GitLab link not recognised
            https://gitlab.com/group/pro%252Fject/-/jobs/8                | is not a valid name
            https://ci.example.com/job/fish/10/                           | Unknown CI host 'ci.example.com'
            https://ci.example.com/jenkins/job/fish/lastFailedBuild/      | names no build number
            https://ci.example.com/jenkins/job/a%2Fb/10/                  | encoded slash
            https://ci.example.com/jenkins/blue/organizations/jenkins/..%2F..%2Fscript/detail/x/1/pipeline | is not valid
            https://dev.azure.com/fabrikam/Web/_build/results?buildId=12;drop | buildId must be a positive number
            https://dev.azure.com/fabrikam/Web/_build/results?buildId=1&j=../x | not a GUID
            https://dev.azure.com/other-org/Web/_build/results?buildId=1  | not one of the configured instances
            not a link                                                    | spaces
            """)
    void refusedLinksSayWhy(String url, String reason) {
        var routed = router.route(url.replace("\\\\", "\\"));

        assertThat(routed).isInstanceOf(FailedJobLogs.Unrouted.class);
        assertThat(((FailedJobLogs.Unrouted) routed).reason()).contains(reason);
    }

    /**
     * A link shaped like a configured kind's run, build or job link on a host or port no instance serves is a CI link
     * worth telling the poster about; any other link to an unknown host is not a CI link at all.
     */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://github.com.evil.com/o/r/actions/runs/1                | FOREIGN_HOST
            https://github.com:8443/o/r/actions/runs/1                    | FOREIGN_HOST
            https://ghe.example.com:8443/team/svc/actions/runs/77/job/88  | FOREIGN_HOST
            https://gitea.example.com/o/r/actions/runs/1                  | FOREIGN_HOST
            https://gitlab.evil.com/group/project/-/jobs/8                | FOREIGN_HOST
            https://gitlab.com:444/group/project/-/pipelines/287          | FOREIGN_HOST
            https://jenkins.other.example/jenkins/job/fish/10/            | FOREIGN_HOST
            https://ci.example.com/job/fish/10/                           | FOREIGN_HOST
            https://other.visualstudio.com/Web/_build/results?buildId=12  | FOREIGN_HOST
            https://docs.example.com/guide/getting-started                | UNKNOWN_HOST
            https://evil.example/o/r                                      | UNKNOWN_HOST
            http://169.254.169.254/latest/meta-data/                      | UNKNOWN_HOST
            https://github.com.evil.com/o/r/issues/5                      | UNKNOWN_HOST
            """)
    void ciShapedLinksToHostsNoInstanceServesAreToldApartFromOtherLinks(String url, FailedJobLogs.Unused kind) {
        var routed = router.route(url);

        assertThat(routed).isInstanceOf(FailedJobLogs.Unrouted.class);
        assertThat(((FailedJobLogs.Unrouted) routed).kind()).isEqualTo(kind);
    }

    @Test
    void aGitHubComRunLinkIsACiLinkWhereOnlyAnEnterpriseServerIsConfigured() {
        var gheOnly = new FailedJobLogs(CiWiring.providers(ConfigLoader.parse("""
                ci:
                  instances:
                    - {name: ghe, type: github, webUrl: 'https://ghe.example.com', token: {env: T}}
                """).ci(), Map.of("T", "token"), HttpClients.newShared(), Clock.systemUTC(), d -> {
                    throw new AssertionError("no waiting while parsing links");
                }), 1 << 20);

        var routed = (FailedJobLogs.Unrouted) gheOnly.route("https://github.com/octo-org/octo-repo/actions/runs/30433642");

        assertThat(routed.kind()).isEqualTo(FailedJobLogs.Unused.FOREIGN_HOST);
        assertThat(routed.reason()).isEqualTo("Unknown CI host 'github.com': it is not one of the configured instances (ghe).");
    }

    @Test
    void unknownHostListsTheConfiguredInstances() {
        var routed = (FailedJobLogs.Unrouted) router.route("https://gitea.example.com/o/r/actions/runs/1");

        assertThat(routed.reason()).isEqualTo("Unknown CI host 'gitea.example.com': it is not one of the configured "
                + "instances (github, ghe, gitlab, jenkins, azure, vsts, tfs).");
    }
}
