package dev.pipelinetriage.boot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One configuration tree from one read of the file, with every problem in it named at once. */
class ConfigTest {
    private static final String CI = """
            ci:
              instances:
                - name: github
                  type: github
                  token: {env: GITHUB_TOKEN}
            """;
    private static final String SLACK = """
            slack:
              signingSecret: {env: SLACK_SIGNING_SECRET}
              botToken: {env: SLACK_BOT_TOKEN}
            """;

    private static Config.Parsed check(String yaml) {
        return Config.check(yaml, Map.of());
    }

    @Test
    void theShippedExampleHasEverySectionAndIsValid() throws Exception {
        String example = Files.readString(Path.of("docs/pipeline-triage.example.yaml"));

        var parsed = Config.check(example, Map.of());

        assertThat(parsed.problems()).isEmpty();
        for (String section : ConfigSections.KNOWN) {
            assertThat(example).as("the example shows " + section).containsPattern("(?m)^" + section + ":");
        }
        AppConfig config = parsed.config().orElseThrow();
        assertThat(config.ci().instances()).extracting(CiInstanceConfig::name).containsExactly("github", "gitlab", "jenkins", "azure");
        assertThat(config.webhooksSection()).isPresent();
        assertThat(config.ticketsSection()).isPresent();
        assertThat(config.proposalsSection()).hasValueSatisfying(p -> {
            assertThat(p.host()).isEqualTo(ProposalsSection.Host.GITHUB);
            assertThat(p.apiUrl()).hasToString("https://api.github.com");
            assertThat(p.slackGroups()).containsExactly("S0KBCURATE");
        });
    }

    @Test
    void theMinimalExampleForAnalyzingALinkIsValidWithOnlyItsToken() throws Exception {
        String minimal = Files.readString(Path.of("docs/pipeline-triage.minimal.yaml"));

        var parsed = Config.check(minimal, Map.of("GITHUB_TOKEN", "token-for-tests"));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.config().orElseThrow().ci().instances()).extracting(CiInstanceConfig::name).containsExactly("github");
    }

    @Test
    void theWorkLeaseAndSweepAreReadAndASweepNoShorterThanTheLeaseIsRefused() {
        var parsed = Config.check(CI + SLACK + """
                ops:
                  workLeaseSeconds: 120
                  workSweepSeconds: 30
                """, Map.of());
        assertThat(parsed.problems()).isEmpty();
        OpsSection ops = parsed.config().orElseThrow().ops();
        assertThat(ops.workLease()).hasSeconds(120);
        assertThat(ops.workSweep()).hasSeconds(30);
        assertThat(OpsSection.defaults().workLease()).isEqualTo(OpsSection.DEFAULT_WORK_LEASE);

        var refused = Config.check(CI + SLACK + """
                ops:
                  workLeaseSeconds: 20
                  workSweepSeconds: 20
                """, Map.of());
        assertThat(refused.problems()).extracting(Throwable::getMessage)
                .anySatisfy(m -> assertThat(m).startsWith("ops.workSweepSeconds").contains("shorter than"));
    }

    @Test
    void aValidFileGivesOneTreeWithEverySection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pipeline-triage.yaml");
        Files.writeString(file, CI + SLACK + """
                ops:
                  shutdownGraceSeconds: 40
                  digest: {channel: C0PLATFORM}
                webhooks:
                  sources:
                    - instance: github
                      secret: {env: GITHUB_WEBHOOK_SECRET}
                  defaultChannel: slack:C0DEFAULT
                """);

        AppConfig config = Config.load(file, Map.of());

        assertThat(config.ci().instances()).singleElement().satisfies(i -> assertThat(i.name()).isEqualTo("github"));
        assertThat(config.slackSection()).isPresent();
        assertThat(config.ops().shutdownGrace()).hasSeconds(40);
        assertThat(config.ops().digestSection()).isPresent();
        assertThat(config.webhooksSection()).hasValueSatisfying(w -> assertThat(w.sources()).hasSize(1));
    }

    @Test
    void everyProblemOfEverySectionIsNamedNotJustTheFirst() {
        var parsed = check(CI + """
                slack:
                  signingSecret: plain-text-secret
                ops:
                  shutdownGraceSeconds: 0
                tikets: {}
                """);

        assertThat(parsed.config()).isEmpty();
        assertThat(parsed.problems()).extracting(Throwable::getMessage)
                .anySatisfy(m -> assertThat(m).startsWith("tikets").contains("did you mean 'tickets'"))
                .anySatisfy(m -> assertThat(m).startsWith("slack"))
                .anySatisfy(m -> assertThat(m).startsWith("ops.shutdownGraceSeconds"));
        assertThatThrownBy(() -> Config.parse(CI + "tikets: {}\nops: {shutdownGraceSeconds: 0}\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("2 problems")
                .hasMessageContaining("tikets").hasMessageContaining("ops.shutdownGraceSeconds");
    }

    @Test
    void aYamlSyntaxErrorIsOneProblem() {
        assertThat(check(CI + "slack: [unclosed\n").problems()).singleElement()
                .satisfies(p -> assertThat(p.getMessage()).startsWith("configuration is not valid YAML"));
    }

    @Test
    void aDigestForAPlatformTheFileDoesNotConfigureIsAProblem() {
        assertThat(check(CI + """
                teams:
                  appId: 00000000-0000-0000-0000-000000000001
                  appPassword: {env: TEAMS_APP_PASSWORD}
                  allowedTenants: [72f988bf-86f1-41af-91ab-2d7cd011db47]
                ops:
                  digest: {channel: C0PLATFORM}
                """).problems()).extracting(Throwable::getMessage)
                .containsExactly("ops.digest.platform: posts to slack, but the file has no slack section");
        assertThat(check(CI + SLACK + "ops:\n  digest: {platform: teams, channel: \"" + TENANT + ":19:a@thread.tacv2\"}\n")
                .problems()).extracting(Throwable::getMessage)
                .containsExactly("ops.digest.platform: posts to teams, but the file has no teams section");
    }

    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String TEAMS = """
            teams:
              appId: 00000000-0000-0000-0000-000000000001
              appPassword: {env: TEAMS_APP_PASSWORD}
              allowedTenants: [72f988bf-86f1-41af-91ab-2d7cd011db47]
            """;

    @Test
    void aTeamsDigestTargetsAConversationOfAnAllowedTenantThroughTheProactiveConnector() {
        var parsed = check(CI + TEAMS + "  proactiveServiceUrl: https://smba.trafficmanager.net/teams/\n"
                + "ops:\n  digest: {platform: teams, channel: \"" + TENANT + ":19:abc@thread.tacv2\", day: friday}\n");

        assertThat(parsed.problems()).isEmpty();
        OpsSection.Digest digest = parsed.config().orElseThrow().ops().digestSection().orElseThrow();
        assertThat(digest.platform()).isEqualTo("teams");
        assertThat(digest.workspace()).isEqualTo(TENANT);
        assertThat(digest.channel()).isEqualTo("19:abc@thread.tacv2");
    }

    @Test
    void aTeamsDigestWithoutTenantForAnotherTenantOrWithoutProactiveConnectorIsAProblem() {
        assertThat(check(CI + TEAMS + "  proactiveServiceUrl: https://smba.trafficmanager.net/teams/\n"
                + "ops:\n  digest: {platform: teams, channel: C0PLATFORM}\n").problems())
                .extracting(Throwable::getMessage).singleElement().asString()
                .startsWith("ops.digest.channel: for teams must be TENANT_ID:CONVERSATION_ID");
        assertThat(check(CI + TEAMS + "  proactiveServiceUrl: https://smba.trafficmanager.net/teams/\n"
                + "ops:\n  digest: {platform: teams, channel: \"11111111-2222-3333-4444-555555555555:19:abc@thread.tacv2\"}\n")
                .problems()).extracting(Throwable::getMessage).containsExactly(
                        "ops.digest.channel: tenant 11111111-2222-3333-4444-555555555555 is not one of teams.allowedTenants");
        assertThat(check(CI + TEAMS + "ops:\n  digest: {platform: teams, channel: \"" + TENANT + ":19:abc@thread.tacv2\"}\n")
                .problems()).extracting(Throwable::getMessage).singleElement().asString()
                .startsWith("ops.digest.platform: a Teams digest needs teams.proactiveServiceUrl");
    }

    @Test
    void aWebhookRouteOrDefaultChannelOnAnUnconfiguredPlatformIsAProblem() {
        assertThat(check(CI + SLACK + """
                webhooks:
                  sources:
                    - instance: github
                      secret: {env: GITHUB_WEBHOOK_SECRET}
                  routes:
                    - repository: "acme/**"
                      channel: teams:72f988bf-86f1-41af-91ab-2d7cd011db47:19:abc@thread.tacv2
                  defaultChannel: slack:C0DEFAULT
                """).problems()).extracting(Throwable::getMessage)
                .containsExactly("webhooks.routes[0].channel: posts to teams, but the file has no teams section");
    }
}
