package dev.pipelinetriage.boot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.boot.ServeWiring;
import dev.pipelinetriage.chat.RefusedLinks;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The slack: and store: sections, and serve refusing to start without its secrets. */
class SlackConfigTest {
    private static final String CI = """
            ci:
              instances:
                - name: github
                  type: github
                  token: {env: GITHUB_TOKEN}
            """;

    @Test
    void theSlackSectionIsReadWithDefaults() {
        AppConfig config = ConfigLoader.parseForServe(CI + """
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {file: /run/secrets/slack-bot-token}
                  rerun: {users: [U012AB3CD], userGroups: [S0614TZR7]}
                store: {directory: /var/lib/pipeline-triage}
                """);

        SlackSection slack = config.slackSection().orElseThrow();
        assertThat(slack.signingSecret()).isEqualTo(new CredentialSource.FromEnv("SLACK_SIGNING_SECRET"));
        assertThat(slack.rerunUsers()).containsExactly("U012AB3CD");
        assertThat(slack.rerunUserGroups()).containsExactly("S0614TZR7");
        assertThat(slack.apiBaseUrl()).hasToString("https://slack.com/api");
        assertThat(slack.maxLinksPerMessage()).isEqualTo(3);
        assertThat(slack.postInterval()).as("posts go out at once; Slack's 429 Retry-After paces them").isZero();
        assertThat(slack.socketModeToken()).isEmpty();
        assertThat(slack.refusedLinks()).isEqualTo(RefusedLinks.EPHEMERAL);
        assertThat(config.store().directory()).isEqualTo(Path.of("/var/lib/pipeline-triage"));
    }

    @Test
    void anInlineSecretIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + """
                slack:
                  signingSecret: 8f742231b10e8888abcd99yyyzzz85a5
                  botToken: {env: SLACK_BOT_TOKEN}
                """)).isInstanceOf(ConfigException.class).hasMessageStartingWith("slack.signingSecret:")
                .hasMessageNotContaining("8f742231b10e8888abcd99yyyzzz85a5");
    }

    @Test
    void aTypoOrABadIdNamesTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "slack: {signingSecret: {env: A}, botToken: {env: B}, maxLink: 3}\n"))
                .hasMessageStartingWith("slack.maxLink: unknown key");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "slack: {signingSecret: {env: A}, botToken: {env: B}, rerun: {users: [alice]}}\n"))
                .hasMessageStartingWith("slack.rerun.users[0]:");
    }

    @Test
    void howRefusedLinksInPassingAreAnsweredIsOneOfThreeWords() {
        String slack = "slack: {signingSecret: {env: A}, botToken: {env: B}, refusedLinks: %s}\n";

        assertThat(ConfigLoader.parseForServe(CI + slack.formatted("reaction")).slack().refusedLinks())
                .isEqualTo(RefusedLinks.REACTION);
        assertThat(ConfigLoader.parseForServe(CI + slack.formatted("silent")).slack().refusedLinks())
                .isEqualTo(RefusedLinks.SILENT);
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + slack.formatted("shout")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("slack.refusedLinks: must be ephemeral, reaction or silent, got 'shout'");
    }

    @Test
    void serveRefusesToStartWithoutTheSlackSectionOrItsSecrets() {
        var setup = ServeWiring.Setup.production("127.0.0.1", 0, java.util.OptionalInt.of(0));
        assertThatThrownBy(() -> ServeWiring.start(ConfigLoader.parseForServe(CI), Map.of("GITHUB_TOKEN", "t"), setup))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("slack:");
        AppConfig config = ConfigLoader.parseForServe(CI + "slack: {signingSecret: {env: SLACK_SIGNING_SECRET}, botToken: {env: SLACK_BOT_TOKEN}}\n");
        assertThatThrownBy(() -> ServeWiring.start(config, Map.of("GITHUB_TOKEN", "t", "SLACK_BOT_TOKEN", "xoxb-1"), setup))
                .isInstanceOf(ConfigException.class).hasMessageContaining("slack.signingSecret")
                .hasMessageContaining("SLACK_SIGNING_SECRET");
        assertThatThrownBy(() -> ServeWiring.start(config, Map.of("GITHUB_TOKEN", "t", "SLACK_SIGNING_SECRET", "s"), setup))
                .isInstanceOf(ConfigException.class).hasMessageContaining("slack.botToken");
    }

    @Test
    void notifiersAreOffByDefaultAndReadWhenBothListsAreGiven() {
        String slack = """
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                """;
        assertThat(ConfigLoader.parseForServe(CI + slack).slack().notifiers()).isEqualTo(NotifierSection.off());

        NotifierSection notifiers = ConfigLoader.parseForServe(CI + slack + """
                  notifiers:
                    channels: [C0BUILDS1]
                    bots: [B0GITHUB1, A0JENKINS1]
                """).slack().notifiers();

        assertThat(notifiers.channels()).containsExactly("C0BUILDS1");
        assertThat(notifiers.bots()).containsExactly("B0GITHUB1", "A0JENKINS1");
    }

    @Test
    void aNotifierSectionWithoutBotsOrWithAUserIdIsRefusedNamingTheKey() {
        String slack = """
                slack:
                  signingSecret: {env: SLACK_SIGNING_SECRET}
                  botToken: {env: SLACK_BOT_TOKEN}
                  notifiers:
                """;
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + slack + "    channels: [C0BUILDS1]\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("slack.notifiers:").hasMessageContaining("both");
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + slack + "    channels: [C0BUILDS1]\n    bots: [U012AB3CD]\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("slack.notifiers.bots[0]:");
    }
}
