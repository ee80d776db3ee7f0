package dev.pipelinetriage.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The scope each Web API method's docs page names (docs.slack.dev "Methods"); none for auth.test and views.open. */
    private static final Map<String, String> SCOPE_OF = Map.of("chat.postMessage", "chat:write", "chat.update",
            "chat:write", "chat.postEphemeral", "chat:write", "conversations.replies", "channels:history",
            "conversations.history", "channels:history", "usergroups.users.list", "usergroups:read",
            "files.uploadV2", "files:write", "views.open", "", "auth.test", "", "reactions.add", "reactions:write");
    /**
     * Scopes only a deployment that opts in needs, so the manifest does not ask for them: docs/slack.md says when to
     * add each (reactions.add answers refused links with {@code slack.refusedLinks: reaction}).
     */
    private static final Map<String, String> OPT_IN = Map.of("reactions.add", "reactions:write");

    @Test
    void everyWebApiMethodTheBotCallsHasItsScope() throws Exception {
        List<String> scopes = texts(manifest().at("/oauth_config/scopes/bot"));
        Matcher call = Pattern.compile("call\\(\"([a-zA-Z.0-9]+)\"").matcher(
                Files.readString(Path.of("src/main/java/dev/pipelinetriage/adapter/slack/SlackWeb.java")));
        List<String> methods = new ArrayList<>();
        while (call.find()) {
            methods.add(call.group(1));
        }

        assertThat(methods).contains("chat.postMessage", "files.uploadV2");
        for (String method : methods) {
            assertThat(SCOPE_OF).as("the scope of " + method).containsKey(method);
            if (OPT_IN.containsKey(method)) {
                assertThat(Files.readString(Path.of("docs/slack.md"))).as("docs/slack.md names the opt-in scope of " + method)
                        .contains(OPT_IN.get(method));
            } else if (!SCOPE_OF.get(method).isEmpty()) {
                assertThat(scopes).as("the scope " + method + " needs").contains(SCOPE_OF.get(method));
            }
        }
    }

    @Test
    void theBotAsksForTheMinimumScopesEachWithAReason() throws Exception {
        assertThat(texts(manifest().at("/oauth_config/scopes/bot"))).containsExactlyInAnyOrder("chat:write",
                "app_mentions:read", "channels:history", "groups:history", "commands", "usergroups:read", "files:write");
        List<String> lines = Files.readAllLines(Path.of("manifest/slack-app-manifest.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s+- [a-z_]+:[a-z_]+|\\s+- commands")) {
                assertThat(lines.get(i - 1).strip()).as("the reason for " + lines.get(i).strip()).startsWith("#");
            }
        }
    }
}
