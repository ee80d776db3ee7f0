package dev.pipelinetriage.boot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinetriage.app.WebhookRoutes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhooksConfigTest {
    private static final String CI = """
            ci:
              instances:
                - name: github
                  type: github
                  token: {env: GITHUB_TOKEN}
            """;

    private static WebhooksSection parse(String webhooks) {
        String yaml = CI + webhooks;
        return WebhooksConfigLoader.parse(yaml, ConfigLoader.parse(yaml).ci()).orElseThrow();
    }

    private static void rejected(String webhooks, String key, String words) {
        String yaml = CI + webhooks;
        assertThatThrownBy(() -> WebhooksConfigLoader.parse(yaml, ConfigLoader.parse(yaml).ci()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(key).hasMessageContaining(words);
    }

    @Test
    void aFileWithoutAWebhooksSectionHasNoWebhooks() {
        assertThat(WebhooksConfigLoader.parse(CI, ConfigLoader.parse(CI).ci())).isEmpty();
    }

    @Test
    void sourcesRoutesTheDefaultChannelAndTheOutageSettingsAreRead() {
        WebhooksSection section = parse("""
                webhooks:
                  sources:
                    - instance: github
                      secret: {env: GITHUB_WEBHOOK_SECRET}
                  routes:
                    - repository: "acme/payments-*"
                      branch: "release/*"
                      channel: slack:C0PAYMENTS
                    - repository: "acme/**"
                      channel: teams:72f988bf-86f1-41af-91ab-2d7cd011db47:19:abc@thread.tacv2
                  defaultChannel: slack:C0DEFAULT
                  outage: {threshold: 7, windowMinutes: 15}
                """);

        assertThat(section.sources()).containsExactly(new WebhooksSection.Source("github",
                new CredentialSource.FromEnv("GITHUB_WEBHOOK_SECRET")));
        assertThat(section.routes().get(0)).isEqualTo(new WebhookRoutes.Rule(0, "acme/payments-*", "release/*",
                new WebhookRoutes.ChatChannel("slack", "", "C0PAYMENTS")));
        assertThat(section.routes().get(1).branchGlob()).isEqualTo("**");
        assertThat(section.routes().get(1).channel()).isEqualTo(new WebhookRoutes.ChatChannel("teams",
                "72f988bf-86f1-41af-91ab-2d7cd011db47", "19:abc@thread.tacv2"));
        assertThat(section.defaultChannel()).isEqualTo(new WebhookRoutes.ChatChannel("slack", "", "C0DEFAULT"));
        assertThat(section.outageThreshold()).isEqualTo(7);
        assertThat(section.outageWindow()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theOutageDefaultsAreFiveJobsInTenMinutes() {
        WebhooksSection section = parse("""
                webhooks:
                  sources: [{instance: github, secret: {env: S}}]
                """);

        assertThat(section.outageThreshold()).isEqualTo(5);
        assertThat(section.outageWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(section.defaultChannel()).isNull();
    }

    @Test
    void rerunOutcomesCallASignatureFlakyAfterTwoPassesInFourteenDaysUnlessConfiguredOtherwise() {
        WebhooksSection defaults = parse("webhooks:\n  sources: [{instance: github, secret: {env: S}}]\n");
        WebhooksSection configured = parse("webhooks:\n  sources: [{instance: github, secret: {env: S}}]\n"
                + "  rerunOutcomes: {flakyAfter: 3, windowDays: 30}\n");
        WebhooksSection off = parse("webhooks:\n  sources: [{instance: github, secret: {env: S}}]\n"
                + "  rerunOutcomes: {flakyAfter: 0}\n");

        assertThat(defaults.flakyAfter()).isEqualTo(2);
        assertThat(defaults.flakyWindow()).isEqualTo(Duration.ofDays(14));
        assertThat(configured.flakyAfter()).isEqualTo(3);
        assertThat(configured.flakyWindow()).isEqualTo(Duration.ofDays(30));
        assertThat(off.learnsFromReruns()).isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        rejected("webhooks:\n  sources: [{instance: jenkins, secret: {env: S}}]\n", "webhooks.sources[0].instance",
                "must name one of ci.instances (github)");
        rejected("webhooks:\n  sources: [{instance: github, secret: inline-secret}]\n", "webhooks.sources[0].secret",
                "inline secrets are not allowed");
        rejected("webhooks:\n  sources: [{instance: github, secret: {env: S}}]\n  routes: [{repository: a/b, channel: "
                + "'#general'}]\n", "webhooks.routes[0].channel", "slack:CHANNEL_ID");
        rejected("webhooks:\n  sources: [{instance: github, secret: {env: S}}]\n  outage: {threshold: 1}\n",
                "webhooks.outage.threshold", "2..10000");
        rejected("webhooks:\n  sources: [{instance: github, secret: {env: S}}]\n  route: []\n", "webhooks.route",
                "unknown key");
        rejected("webhooks:\n  sources: []\n", "webhooks.sources", "at least one source");
        rejected("webhooks:\n  sources: [{instance: github, secret: {env: S}}]\n  rerunOutcomes: {windowDays: 0}\n",
                "webhooks.rerunOutcomes.windowDays", "1..365");
        rejected("webhooks:\n  sources: [{instance: github, secret: {env: S}}]\n  rerunOutcomes: {after: 2}\n",
                "webhooks.rerunOutcomes.after", "unknown key");
    }
}
