package dev.pipelinetriage.boot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Top-level sections: a typo must not switch a feature off silently. */
class ConfigSectionsTest {
    private static final String CI = """
            ci:
              instances:
                - name: github
                  type: github
                  token: {env: GITHUB_TOKEN}
            """;

    @Test
    void typosSuggestTheSectionTheyResemble() {
        assertThat(ConfigSections.suggestion("tikets")).hasValue("tickets");
        assertThat(ConfigSections.suggestion("Slack")).hasValue("slack");
        assertThat(ConfigSections.suggestion("webhook")).hasValue("webhooks");
        assertThat(ConfigSections.suggestion("stores")).hasValue("store");
        assertThat(ConfigSections.suggestion("kubernetes")).isEmpty();
    }

    @Test
    void serveRefusesAnUnknownSectionAndNamesTheKnownOnes() {
        assertThatThrownBy(() -> ConfigLoader.parseForServe(CI + "tems:\n  appId: x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tems: unknown top-level section (did you mean 'teams'?); known sections: "
                        + String.join(", ", ConfigSections.KNOWN));
    }

    @Test
    void everyKnownSectionIsAccepted() {
        String yaml = CI + "webhooks: {}\nops: {}\n";

        assertThat(ConfigSections.unknown(new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).valueToTree(java.util.Map.of("ci", 1, "store", 2))))
                .isEmpty();
        assertThat(ConfigLoader.problemsForServe(yaml)).isEmpty();
    }

    @Test
    void theCommandLinesCiOnlyReadingStillIgnoresOtherSections() {
        assertThat(ConfigLoader.parse(CI + "somethingElse: {}\n").ci().instances()).hasSize(1);
    }
}
