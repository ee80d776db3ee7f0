package dev.pipelinetriage.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest declares exactly what the handlers use (docs.slack.dev "App manifest reference"). */
class SlackManifestTest {
    private static JsonNode manifest() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("manifest/slack-app-manifest.yaml")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    @Test
    void theManifestMatchesTheHandlers() throws Exception {
        JsonNode m = manifest();

        assertThat(m.at("/features/slash_commands/0/command").asText()).isEqualTo(SlackHandlers.COMMAND);
        assertThat(m.at("/features/shortcuts/0/callback_id").asText()).isEqualTo(SlackHandlers.SHORTCUT);
        assertThat(m.at("/features/shortcuts/0/type").asText()).isEqualTo("message");
        assertThat(texts(m.at("/settings/event_subscriptions/bot_events")))
                .containsExactlyInAnyOrder("app_mention", "message.channels", "message.groups");
        assertThat(m.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
        assertThat(m.at("/settings/interactivity/request_url").asText()).endsWith("/slack/events");
        assertThat(m.at("/settings/event_subscriptions/request_url").asText()).endsWith("/slack/events");
    }

    @Test
    void theBotAsksForTheMinimumScopesEachWithAReason() throws Exception {
        assertThat(texts(manifest().at("/oauth_config/scopes/bot"))).containsExactlyInAnyOrder("chat:write",
                "app_mentions:read", "channels:history", "groups:history", "commands", "usergroups:read");
        List<String> lines = Files.readAllLines(Path.of("manifest/slack-app-manifest.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s+- [a-z_]+:[a-z_]+|\\s+- commands")) {
                assertThat(lines.get(i - 1).strip()).as("the reason for " + lines.get(i).strip()).startsWith("#");
            }
        }
    }
}
