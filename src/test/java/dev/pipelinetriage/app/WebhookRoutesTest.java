package dev.pipelinetriage.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.WebhookRoutes.ChatChannel;
import dev.pipelinetriage.app.WebhookRoutes.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookRoutesTest {
    private static final ChatChannel PAYMENTS = new ChatChannel("slack", "", "C0PAYMENTS");
    private static final ChatChannel RELEASES = new ChatChannel("slack", "", "C0RELEASES");
    private static final ChatChannel FALLBACK = new ChatChannel("teams", "72f988bf-86f1-41af-91ab-2d7cd011db47",
            "19:abc@thread.tacv2");

    private final WebhookRoutes routes = new WebhookRoutes(List.of(
            new Rule(0, "acme/payments-*", "main", PAYMENTS),
            new Rule(1, "acme/**", "release/*", RELEASES),
            new Rule(2, "acme/payments-api", "**", RELEASES)), FALLBACK);

    @Test
    void theFirstRuleWhoseRepositoryAndBranchBothMatchWins() {
        assertThat(routes.route("acme/payments-api", "main").channel()).contains(PAYMENTS);
        assertThat(routes.route("acme/payments-api", "main").reason()).isEqualTo("rule 0 (acme/payments-* @ main)");
        assertThat(routes.route("acme/payments-api", "feature/x").channel()).contains(RELEASES);
    }

    @Test
    void aSingleStarStaysWithinOneSegmentAndADoubleStarCrossesThem() {
        assertThat(routes.route("acme/group/sub/app", "release/1.2").channel()).contains(RELEASES);
        assertThat(routes.route("acme/app", "release/1.2/hotfix").channel()).contains(FALLBACK);
        assertThat(WebhookRoutes.glob("acme/*").matcher("acme/group/app").matches()).isFalse();
    }

    @Test
    void globCharactersOtherThanStarsAndQuestionMarksAreLiteral() {
        assertThat(WebhookRoutes.glob("a.b/c+d").matcher("a.b/c+d").matches()).isTrue();
        assertThat(WebhookRoutes.glob("a.b/c+d").matcher("axb/cd").matches()).isFalse();
        assertThat(WebhookRoutes.glob("v?").matcher("v1").matches()).isTrue();
    }

    @Test
    void withoutAMatchingRuleTheDefaultChannelOrNothing() {
        assertThat(routes.route("other/repo", null).channel()).contains(FALLBACK);
        assertThat(routes.route("other/repo", null).reason()).isEqualTo("default channel");
        var none = new WebhookRoutes(List.of(), null).route("other/repo", "main");
        assertThat(none.channel()).isEmpty();
        assertThat(none.reason()).contains("no rule matches");
    }
}
