package dev.pipelinetriage.boot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.domain.CiKind;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    static final String COMPLETE = """
            ci:
              maxLogBytes: 8388608
              requestTimeoutSeconds: 15
              maxConcurrentRequests: 6
              instances:
                - name: github
                  type: github
                  token: {env: GITHUB_TOKEN}
                - name: ghe
                  type: github
                  webUrl: https://ghe.example.com
                  token: {file: /run/secrets/ghe-token}
                - name: gitlab
                  type: gitlab
                  token: {env: GITLAB_TOKEN}
                - name: gitlab-internal
                  type: gitlab
                  webUrl: https://gitlab.example.com
                  apiUrl: https://gitlab.example.com/api/v4
                  token: {env: GITLAB_INTERNAL_TOKEN}
                - name: jenkins
                  type: jenkins
                  webUrl: https://ci.example.com/jenkins
                  username: triage-bot
                  token: {env: JENKINS_TOKEN}
                  maxConcurrentRequests: 2
                - name: azure
                  type: azure
                  webUrl: https://dev.azure.com/fabrikam
                  token: {env: AZURE_DEVOPS_PAT}
            teams:
              appId: {env: TEAMS_APP_ID}
            metrics: {kind: prometheus}
            """;

    @Test
    void completeExampleLoadsWithDefaultsAppliedAndOtherSectionsIgnored() {
        CiConfig ci = ConfigLoader.parse(COMPLETE).ci();

        assertThat(ci.maxLogBytes()).isEqualTo(8 * 1024 * 1024);
        assertThat(ci.instances()).extracting(CiInstanceConfig::type).containsExactly(CiKind.GITHUB, CiKind.GITHUB,
                CiKind.GITLAB, CiKind.GITLAB, CiKind.JENKINS, CiKind.AZURE);
        var github = ci.instances().get(0);
        assertThat(github.webUrl()).isEqualTo(URI.create("https://github.com"));
        assertThat(github.apiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(github.logHosts()).contains("*.blob.core.windows.net", "*.actions.githubusercontent.com");
        assertThat(ci.instances().get(1).apiUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
        assertThat(ci.instances().get(2).apiUrl()).isEqualTo(URI.create("https://gitlab.com/api/v4"));
        assertThat(ci.instances().get(4).maxConcurrentRequests()).isEqualTo(2);
        assertThat(ci.instances().get(5).maxConcurrentRequests()).isEqualTo(6);
        assertThat(ci.instances().get(5).apiUrl()).isEqualTo(URI.create("https://dev.azure.com/fabrikam"));
    }

    @Test
    void failedJobsAreComparedWithTheirLastGreenRunUnlessTurnedOff() {
        String instances = "instances: [{name: gh, type: github, token: {env: T}}]";

        assertThat(ConfigLoader.parse("ci: {" + instances + "}").ci().compareLastGreenRun()).isTrue();
        assertThat(ConfigLoader.parse("ci: {compareLastGreenRun: false, " + instances + "}").ci().compareLastGreenRun())
                .isFalse();
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {compareLastGreenRun: sometimes, " + instances + "}"))
                .hasMessageContaining("ci.compareLastGreenRun").hasMessageContaining("true or false");
    }

    @Test
    void forkRunsAreRerunOnlyInTheGitHubRepositoriesNamedForIt() {
        var github = ConfigLoader.parse("ci: {instances: [{name: gh, type: github, token: {env: T}, "
                + "rerunForkRunsIn: [octo-org/octo-repo]}]}").ci().instances().getFirst();

        assertThat(github.rerunForkRunsIn()).containsExactly("octo-org/octo-repo");
        assertThat(ConfigLoader.parse("ci: {instances: [{name: gh, type: github, token: {env: T}}]}").ci().instances()
                .getFirst().rerunForkRunsIn()).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: gh, type: github, token: {env: T}, "
                + "rerunForkRunsIn: [octo-repo]}]}"))
                .hasMessageStartingWith("ci.instances[0].rerunForkRunsIn[0]: must be one of repositories as owner/repo");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: j, type: jenkins, webUrl: 'https://ci.example', "
                + "username: bot, token: {env: T}, rerunForkRunsIn: [group/project]}]}"))
                .hasMessage("ci.instances[0].rerunForkRunsIn: not used by jenkins instances");
    }

    @Test
    void forkMergeRequestPipelinesAreRetriedOnlyInTheGitLabProjectsNamedForIt() {
        var gitlab = ConfigLoader.parse("ci: {instances: [{name: gl, type: gitlab, token: {env: T}, "
                + "rerunForkRunsIn: [group/project, group/sub/project]}]}").ci().instances().getFirst();

        assertThat(gitlab.rerunForkRunsIn()).containsExactly("group/project", "group/sub/project");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: gl, type: gitlab, token: {env: T}, "
                + "rerunForkRunsIn: [project]}]}"))
                .hasMessageStartingWith("ci.instances[0].rerunForkRunsIn[0]: must be one of project paths");
    }

    @Test
    void forkPullRequestBuildsAreRetriedOnlyInTheAzureProjectsNamedForIt() {
        var azure = ConfigLoader.parse("ci: {instances: [{name: az, type: azure, webUrl: 'https://dev.azure.com/fabrikam', "
                + "token: {env: T}, rerunForkRunsIn: [Fabrikam Fiber Git]}]}").ci().instances().getFirst();

        assertThat(azure.rerunForkRunsIn()).containsExactly("Fabrikam Fiber Git");
    }

    @Test
    void inlineTokenIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: gh, type: github, token: ghp_abc}]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ci.instances[0].token: inline secrets are not allowed")
                .hasMessageNotContaining("ghp_abc");
    }

    @Test
    void invalidValuesNameTheirKeyAndTheProblem() {
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: j, type: jenkins, token: {env: T}}]}"))
                .hasMessage("ci.instances[0].webUrl: required for jenkins (e.g. https://jenkins.example.com)");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: j, type: jenkins, webUrl: 'https://j', token: {env: T}}]}"))
                .hasMessageStartingWith("ci.instances[0].username: required for jenkins");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: a, type: travis, token: {env: T}}]}"))
                .hasMessageStartingWith("ci.instances[0].type: unknown CI type 'travis'");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: a, type: gitlab, webUrl: 'https://u:p@gl.example', token: {env: T}}]}"))
                .hasMessageStartingWith("ci.instances[0].webUrl: must not contain user info");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: a, type: github, tokn: {env: T}}]}"))
                .hasMessageStartingWith("ci.instances[0].tokn: unknown key");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: a, type: github, token: {env: A, file: /b}}]}"))
                .hasMessage("ci.instances[0].token: give exactly one of env or file");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: a, type: github, token: {file: relative/t}}]}"))
                .hasMessageStartingWith("ci.instances[0].token.file: must be an absolute path");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {requestTimeoutSeconds: 0, instances: [{name: a, type: github, token: {env: T}}]}"))
                .hasMessageStartingWith("ci.requestTimeoutSeconds: must be a whole number in 1..300");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: {instances: [{name: a, type: github, token: {env: T}}, {name: b, type: github, token: {env: U}}]}"))
                .hasMessageStartingWith("ci.instances[1].webUrl: https://github.com is used by another instance");
        assertThatThrownBy(() -> ConfigLoader.parse("slack: {}"))
                .hasMessageStartingWith("ci: missing");
        assertThatThrownBy(() -> ConfigLoader.parse("ci: [unclosed"))
                .hasMessageStartingWith("configuration is not valid YAML");
    }

    @Test
    void missingCredentialNamesTheVariableButNoValue() {
        var source = new CredentialSource.FromEnv("GITHUB_TOKEN");

        assertThatThrownBy(() -> source.read("ci.instances[0].token", Map.of()))
                .hasMessage("ci.instances[0].token.env: environment variable GITHUB_TOKEN is not set or empty");
        assertThat(source.read("k", Map.of("GITHUB_TOKEN", " secret\n"))).isEqualTo("secret");
        assertThatThrownBy(() -> new CredentialSource.FromFile(Path.of("/no/such/token")).read("k", Map.of()))
                .hasMessageStartingWith("k.file: cannot read /no/such/token");
    }

    @Test
    void commandLinePathWinsOverTheEnvironmentVariable() {
        assertThat(ConfigLoader.locate(Optional.of(Path.of("/a.yaml")), Map.of(ConfigLoader.ENV_VAR, "/b.yaml")))
                .contains(Path.of("/a.yaml"));
        assertThat(ConfigLoader.locate(Optional.empty(), Map.of(ConfigLoader.ENV_VAR, "/b.yaml"))).contains(Path.of("/b.yaml"));
        assertThat(ConfigLoader.locate(Optional.empty(), Map.of())).isEmpty();
    }
}
