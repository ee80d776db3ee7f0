package dev.pipelinetriage.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.boot.config.ConfigLoader;
import dev.pipelinetriage.engine.redact.Redactor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every credential the configuration names is handed to redaction, whatever its format. */
class ConfiguredSecretsTest {

    @Test
    void everyConfiguredCredentialIsHiddenByValueAndAMissingOneIsLeftToItsOwner() {
        var config = ConfigLoader.parseForServe("""
                ci:
                  instances:
                    - {name: jenkins, type: jenkins, webUrl: 'https://ci.example.com', username: bot, token: {env: JENKINS}}
                slack: {signingSecret: {env: SIGNING}, botToken: {env: BOT}}
                store: {type: postgres, url: 'jdbc:postgresql://db/triage', user: triage, password: {env: DB}}
                tickets: {tracker: github, repository: o/r, token: {env: UNSET_TICKETS}}
                """);
        Map<String, String> env = Map.of("JENKINS", "11a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7", "SIGNING", "8f742231b10e8888abcd99yyyzzz85a5",
                "BOT", "unformatted-bot-credential", "DB", "Tr0ub4dor&3-horse");

        var redactor = new Redactor(ConfiguredSecrets.of(config, env));

        for (String value : env.values()) {
            assertThat(redactor.redactLine("connect failed: " + value + " rejected")).as(value).doesNotContain(value);
        }
    }
}
