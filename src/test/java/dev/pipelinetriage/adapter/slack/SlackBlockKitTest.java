package dev.pipelinetriage.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.util.json.GsonFactory;
import dev.pipelinetriage.chat.CardButtons;
import dev.pipelinetriage.chat.CardVariants;
import dev.pipelinetriage.chat.CardView;
import dev.pipelinetriage.chat.ChatText;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs.slack.dev "Formatting message text": escape exactly &, <, >; code blocks in Block Kit sections. */
class SlackBlockKitTest {

    private static CardView card(List<RedactedLine> excerpt) {
        return new CardView("card-1", "octo-org/octo-repo · run 1, attempt 1", "https://github.com/octo-org/octo-repo/actions/runs/1",
                null, List.of(new CardView.Triaged("test", Verdict.FLAKY, "Flaky: the failure looks intermittent",
                "low confidence (30%)", "A <b>reason</b> & more", "Run <!here> tests", null, null, excerpt, false,
                List.of("Rerun <@U0> please"))), 0, Verdict.FLAKY, null);
    }

    private static String json(CardView card) {
        return GsonFactory.createSnakeCase().toJson(BlockKitCard.render(card));
    }

    /** The texts Slack will render, decoded from the JSON the SDK sends (it writes <, > and & as \\u escapes). */
    private static String texts(CardView card) throws Exception {
        StringBuilder sb = new StringBuilder();
        collect(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json(card)), sb);
        return sb.toString();
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode node, StringBuilder sb) {
        if (node.isObject() && node.path("text").isTextual()) {
            sb.append(node.path("text").asText()).append('\n');
        }
        node.forEach(child -> collect(child, sb));
    }

    @Test
    void theButtonsAreTheSharedOnesWithTheSharedLabelsInEveryCardState() throws Exception {
        for (var variant : CardVariants.all().entrySet()) {
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json(variant.getValue()));
            List<String> labels = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            json.forEach(block -> block.path("elements").forEach(e -> {
                if (e.path("type").asText().equals("button")) {
                    labels.add(e.at("/text/text").asText());
                    ids.add(e.path("action_id").asText());
                }
            }));
            List<CardButtons.Button> expected = CardButtons.on(variant.getValue());

            assertThat(labels).as(variant.getKey()).isEqualTo(expected.stream().map(CardButtons.Button::label).toList());
            assertThat(ids).as(variant.getKey()).isEqualTo(expected.stream().map(BlockKitCard::actionId).toList());
        }
    }

    @Test
    void aNoticeCardsNotificationTextIsItsTitleAndHeadlineRatherThanTriageOf() {
        CardView banner = new CardView(null, "Possible platform outage", null, new CardView.Notice(
                "3 jobs hit 'Container registry unavailable' since 10:02 UTC", "Rerunning will not help."), List.of(), 0,
                null, null);

        assertThat(BlockKitCard.fallback(banner))
                .isEqualTo("Possible platform outage: 3 jobs hit 'Container registry unavailable' since 10:02 UTC");
    }

    @Test
    void logLinesCannotPingMentionOrDisguiseALink() throws Exception {
        String rendered = texts(card(List.of(new RedactedLine(7, "<!channel> deploy broke, ask <@U123ABC> or <!subteam^S1>"),
                new RedactedLine(8, "see <https://evil.example|https://github.com/login> & retry"))));

        assertThat(rendered).doesNotContain("<!channel>", "<@U123ABC>", "<!subteam", "<https://evil.example", "<!here>", "<@U0>")
                .contains("&lt;!channel&gt;", "&lt;@U123ABC&gt;", "&lt;https://evil.example|https://github.com/login&gt; &amp; retry");
    }

    @Test
    void aLogLineCannotCloseTheCodeFenceEarly() {
        String lines = BlockKitCard.lines(List.of(new RedactedLine(1, "```"), new RedactedLine(2, "*bold* outside?")));

        assertThat(SlackText.codeBlock(lines)).startsWith("```\n").endsWith("\n```").satisfies(block ->
                assertThat(block.substring(3, block.length() - 3)).doesNotContain("```"));
    }

    @Test
    void theExcerptShowsAtMostThirtyLinesAndFitsASection() {
        List<RedactedLine> many = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            many.add(new RedactedLine(i, "x".repeat(500)));
        }

        String lines = BlockKitCard.lines(many);

        assertThat(lines.lines().count()).isLessThanOrEqualTo(BlockKitCard.MAX_EXCERPT_LINES + 1);
        assertThat(SlackText.codeBlock(lines).length()).isLessThan(3_000);
    }

    @Test
    void gapsInTheExcerptAreMarked() {
        assertThat(BlockKitCard.lines(List.of(new RedactedLine(9, "a"), new RedactedLine(10, "b"), new RedactedLine(40, "c"))))
                .isEqualTo(" 9  a\n10  b\n    ...\n40  c");
    }

    @Test
    void cardsWithActionsCarryTheCardIdInEveryButton() {
        String rendered = json(card(List.of()));

        assertThat(rendered).contains("\"action_id\":\"rerun_failed_jobs\"", "\"action_id\":\"not_right\"",
                "\"action_id\":\"helpful\"", "\"value\":\"card-1\"");
    }

    @Test
    void onlyTheBotsOwnPartsBecomeLinksOrMentions() {
        String text = SlackText.render(ChatText.builder().text("<!channel> by ").mention("U0ABC").text(" ")
                .link("https://ci.example/run/1?a=1&b=2", "run <1>").link("javascript:alert(1)", "x").build());

        assertThat(text).isEqualTo("&lt;!channel&gt; by <@U0ABC> <https://ci.example/run/1?a=1&amp;b=2|run &lt;1&gt;>x");
    }

    @Test
    void linesNewSinceTheLastGreenRunAreMarkedAndTheRunLinked() throws Exception {
        var green = new CardView.GreenRunNote("https://github.com/octo-org/octo-repo/actions/runs/30433600/attempts/1",
                new java.util.TreeSet<>(List.of(9, 10)));
        var job = new CardView.Triaged("test", Verdict.CODE, "Code: the failure comes from the change or its tests",
                "high confidence (80%)", "a test failed", null, null, null,
                List.of(new RedactedLine(7, "WARN cache <miss>"), new RedactedLine(9, "1) Failure:"), new RedactedLine(10, "Expected: 42")),
                false, List.of("Fix the cause first."), null, green);
        var card = new CardView("card-1", "octo-org/octo-repo · run 30433642, attempt 1",
                "https://github.com/octo-org/octo-repo/actions/runs/30433642", null, List.of(job), 0, Verdict.CODE, null);

        String rendered = texts(card);

        assertThat(rendered).contains("Lines marked ● are new since the "
                + "<https://github.com/octo-org/octo-repo/actions/runs/30433600/attempts/1|last green run>");
        assertThat(rendered).contains("   7  WARN cache &lt;miss&gt;", "●  9  1) Failure:", "● 10  Expected: 42");
    }

    @Test
    void anExcerptNotComparedWithAGreenRunHasNoMarks() throws Exception {
        String rendered = texts(card(List.of(new RedactedLine(9, "1) Failure:"))));

        assertThat(rendered).doesNotContain("●", "last green run").contains("9  1) Failure:");
    }
}
