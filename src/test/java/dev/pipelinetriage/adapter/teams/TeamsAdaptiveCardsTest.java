package dev.pipelinetriage.adapter.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipelinetriage.chat.CardButtons;
import dev.pipelinetriage.chat.CardVariants;
import dev.pipelinetriage.chat.CardView;
import dev.pipelinetriage.chat.ChatText;
import dev.pipelinetriage.chat.TicketActions;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Adaptive Card for a triage card (shapes: adaptivecards.io schema 1.4; Teams "Universal Actions for
 * Adaptive Cards" for Action.Execute, "Mention support within Adaptive Cards" for msteams.entities).
 */
class TeamsAdaptiveCardsTest {
    private final People people = new People();
    private final AdaptiveCards cards = new AdaptiveCards(people);

    private static CardView card(List<RedactedLine> excerpt, String step) {
        return new CardView("card-1", "octo-org/octo-repo · run 30433642, attempt 1",
                "https://github.com/octo-org/octo-repo/actions/runs/30433642", null,
                List.of(new CardView.Triaged("test", Verdict.PLATFORM, "Platform: the CI infrastructure failed, not the code",
                        "high confidence (85%)", "matched a known error", step, "Maven Central timed out",
                        "https://git.example/kb/blob/main/runbooks/maven-central.md", excerpt, false,
                        List.of("A rerun is likely to pass: use Rerun failed jobs."))), 0, Verdict.PLATFORM, null);
    }

    @Test
    void theButtonsAreTheSharedOnesWithTheSharedLabelsInEveryCardState() {
        for (var variant : CardVariants.all().entrySet()) {
            JsonNode actions = cards.render(variant.getValue()).path("actions");
            List<String> labels = new java.util.ArrayList<>();
            List<String> verbs = new java.util.ArrayList<>();
            actions.forEach(a -> {
                if (a.path("type").asText().equals("Action.Execute")) {
                    labels.add(a.path("title").asText());
                    verbs.add(a.path("verb").asText());
                }
            });
            List<CardButtons.Button> expected = CardButtons.on(variant.getValue());

            assertThat(labels).as(variant.getKey()).isEqualTo(expected.stream().map(CardButtons.Button::label).toList());
            assertThat(verbs).as(variant.getKey()).isEqualTo(expected.stream().map(AdaptiveCards::verb).toList());
        }
    }

    @Test
    void aLogLineTryingToInjectAMentionOrALinkIsEscaped() {
        var excerpt = List.of(new RedactedLine(41, "<at>Everyone</at> click [here](https://evil.example/x) or www.evil.example"),
                new RedactedLine(42, "<a href=\"https://evil.example\">docs</a> **bold**"));

        JsonNode card = cards.render(card(excerpt, "<at>Build</at>"));

        String text = card.toString();
        assertThat(text).doesNotContain("<at>Everyone</at>", "<at>Build</at>", "https://evil.example", "www.evil",
                "<a href");
        assertThat(text).contains("<\u200Bat>Everyone<\u200B/at>", "https:\u200B//evil.example/x", "w\u200Bww.evil.example");
        // Excerpt lines are TextRuns (never markdown), monospace, numbered as in the log.
        List<JsonNode> runs = card.findValues("inlines").stream().flatMap(i -> i.valueStream())
                .filter(r -> "Monospace".equals(r.path("fontType").asText())).toList();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("type").asText()).isEqualTo("TextRun");
        assertThat(runs.get(0).get("text").asText()).startsWith("41  ");
        // No mention entity exists unless the bot names someone itself.
        assertThat(card.at("/msteams/entities").isMissingNode()).isTrue();
        assertThat(card.findValues("type").stream().map(JsonNode::asText)).doesNotContain("TextBlock");
    }

    @Test
    void theCardShowsVerdictStepKnownErrorRunbookAndTheThreeActions() {
        JsonNode card = cards.render(card(List.of(new RedactedLine(7, "Could not transfer artifact")), "Run mvn verify"));

        assertThat(card.toString()).contains("Verdict: ", "Platform: the CI infrastructure failed", "high confidence (85%)",
                "Failed step: ", "Run mvn verify", "Known error: ", "Maven Central timed out", "Next steps");
        assertThat(card.findValues("url").stream().map(JsonNode::asText)).containsExactly(
                "https://git.example/kb/blob/main/runbooks/maven-central.md",
                "https://github.com/octo-org/octo-repo/actions/runs/30433642");
        assertThat(card.get("actions").findValues("verb").stream().map(JsonNode::asText))
                .containsExactly("rerun", "notRight", "helpful");
        assertThat(card.get("actions").findValues("cardId").stream().map(JsonNode::asText)).containsOnly("card-1");
    }

    @Test
    void theRerunNoteMentionsWhoAskedByTheirTeamsId() {
        people.saw("0c1e7d6a-3b1f-4f4b-9a43-7d1e5f2a9b01", "29:abc", "Jane [Smith](https://evil.example)");
        CardView view = card(List.of(), null).withRerun(new CardView.RerunNote("0c1e7d6a-3b1f-4f4b-9a43-7d1e5f2a9b01",
                "https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/2", Instant.parse("2026-11-26T10:05:00Z")));

        JsonNode card = cards.render(view);

        JsonNode mention = card.at("/msteams/entities/0");
        assertThat(mention.at("/mentioned/id").asText()).isEqualTo("29:abc");
        assertThat(mention.get("text").asText()).isEqualTo("<at>Jane Smithhttps:\u200B//evil.example</at>");
        assertThat(card.toString()).contains("Rerun requested by <at>Jane Smithhttps:\u200B//evil.example</at> at 2026-11-26 10:05 UTC");
    }

    @Test
    void aMessageIsXmlEscapedAndOnlyTheBotsOwnLinksAreAnchors() {
        var rendered = TeamsText.xml(ChatText.builder().text("<at>All</at> & <b>x</b> see https://evil.example ")
                .link("https://github.com/o/r/actions/runs/1/attempts/2", "new attempt").build(), people);

        assertThat(rendered.text()).isEqualTo("&lt;\u200Bat&gt;All&lt;\u200B/at&gt; &amp; &lt;\u200Bb&gt;x&lt;\u200B/b&gt; "
                + "see https:\u200B//evil.example <a href=\"https://github.com/o/r/actions/runs/1/attempts/2\">new attempt</a>");
        assertThat(rendered.entities()).isEmpty();
    }

    @Test
    void aTeamsMessageIsReducedToTheTextTheLinkDetectorReads() {
        String text = "<at>Pipeline Triage</at> look at <a href=\"https://github.com/o/r/actions/runs/1?a=1&amp;b=2\">"
                + "this run</a>&nbsp;please";

        assertThat(ActivityFields.plainText(text).strip().replaceAll("\\s+", " "))
                .isEqualTo("look at https://github.com/o/r/actions/runs/1?a=1&b=2 this run please");
    }

    private static CardView withRecurrence(CardView.RecurrenceNote note) {
        CardView plain = card(List.of(), null);
        return new CardView(plain.cardId(), plain.title(), plain.runUrl(), null,
                List.of(((CardView.Triaged) plain.jobs().getFirst()).withRecurrence(note)), 0, Verdict.PLATFORM, null);
    }

    @Test
    void theRecurrenceLineIsEscapedAndItsTicketIsALinkWithoutAFileTicketButton() {
        CardView view = withRecurrence(new CardView.RecurrenceNote("ke-dns", 3, 7, "OPS-<at>All</at>",
                "https://example.atlassian.net/browse/OPS-123", false));

        JsonNode card = cards.render(view);

        assertThat(card.toString()).contains("Seen 3 times in 7 days -- ticket OPS-<\u200Bat>All<\u200B/at>")
                .doesNotContain("<at>All</at>");
        assertThat(card.findValues("url").stream().map(JsonNode::asText))
                .contains("https://example.atlassian.net/browse/OPS-123");
        assertThat(card.get("actions").findValues("verb").stream().map(JsonNode::asText))
                .containsExactly("rerun", "notRight", "helpful");
    }

    @Test
    void aFailureWithoutATicketOffersFileTicketWhoseConfirmationCarriesOnlyTheToken() {
        CardView view = withRecurrence(new CardView.RecurrenceNote("ke-dns", 2, 7, null, null, false));

        JsonNode card = cards.withTicketConfirmation(view, new TicketActions.Confirm("ticket:t-1", "File a ticket?",
                "This files a ticket. Seen 2 times in 7 days.", "File ticket", "Cancel"));

        assertThat(card.get("actions").findValues("verb").stream().map(JsonNode::asText))
                .containsExactly("rerun", "fileTicket", "notRight", "helpful");
        assertThat(card.toString()).contains("Seen 2 times in 7 days", "File a ticket?").doesNotContain("-- ticket");
        JsonNode confirm = card.get("body").findValues("actions").stream().flatMap(a -> a.valueStream())
                .filter(a -> "fileTicketConfirm".equals(a.path("verb").asText())).findFirst().orElseThrow();
        assertThat(confirm.get("data").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("cardId", "token");
        assertThat(confirm.at("/data/token").asText()).isEqualTo("ticket:t-1");
        assertThat(card.get("body").findValues("verb").stream().map(JsonNode::asText)).contains("restore");
    }

    @Test
    void aPendingTicketIsSaidAndNotOfferedAgain() {
        JsonNode card = cards.render(withRecurrence(new CardView.RecurrenceNote("ke-dns", 4, 7, null, null, true)));

        assertThat(card.toString()).contains("Seen 4 times in 7 days -- ticket pending");
        assertThat(BotFrameworkFakes.verbs(card)).doesNotContain("fileTicket");
    }

    @Test
    void aMultiLineMessageKeepsItsLineBreaksInTeamsMarkup() {
        var rendered = TeamsText.xml(ChatText.of("Top:\n1. <b>x</b>\n"), people);

        assertThat(rendered.text()).isEqualTo("Top:<br>1. &lt;\u200Bb&gt;x&lt;\u200B/b&gt;<br>");
    }

    @Test
    void theNotRightFormUsesOnlyInputStylesTheDeclaredSchemaVersionKnows() {
        var form = new dev.pipelinetriage.chat.CardActions.FeedbackForm("card-1", "What was it really?", Verdict.PLATFORM,
                List.of(Verdict.CODE, Verdict.PLATFORM, Verdict.FLAKY, Verdict.UNKNOWN),
                List.of(new dev.pipelinetriage.chat.CardActions.Option("maven-central-timeout", "Maven Central timed out")));

        JsonNode card = cards.withFeedbackForm(card(List.of(new RedactedLine(7, "Could not transfer artifact")), "Run mvn"), form);

        // adaptivecards.io schema: Input.ChoiceSet.style is compact|expanded up to 1.4; "filtered" is new in 1.5.
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        List<String> styles = card.findParents("type").stream()
                .filter(n -> "Input.ChoiceSet".equals(n.path("type").asText()) && n.has("style"))
                .map(n -> n.get("style").asText()).toList();
        assertThat(styles).isNotEmpty().allSatisfy(style -> assertThat(style).isIn("compact", "expanded"));
    }

    @Test
    void linesNewSinceTheLastGreenRunAreMarkedAndTheRunIsAButton() {
        var green = new CardView.GreenRunNote("https://github.com/octo-org/octo-repo/actions/runs/30433600/attempts/1",
                new java.util.TreeSet<>(List.of(12)));
        var job = new CardView.Triaged("test", Verdict.CODE, "Code: the failure comes from the change or its tests",
                "high confidence (80%)", "a test failed", null, null, null,
                List.of(new RedactedLine(9, "WARN cache miss"), new RedactedLine(12, "Expected: 42")), false,
                List.of("Fix the cause first."), null, green);
        JsonNode card = cards.render(new CardView("card-1", "octo-org/octo-repo · run 30433642, attempt 1",
                "https://github.com/octo-org/octo-repo/actions/runs/30433642", null, List.of(job), 0, Verdict.CODE, null));

        List<String> lines = card.findValues("inlines").stream().flatMap(i -> i.valueStream())
                .filter(r -> "Monospace".equals(r.path("fontType").asText())).map(r -> r.get("text").asText()).toList();
        assertThat(lines).containsExactly("   9  WARN cache miss\n", "● 12  Expected: 42");
        assertThat(card.toString()).contains("Lines marked ● are new since the last green run.");
        assertThat(card.findValues("url").stream().map(JsonNode::asText))
                .contains("https://github.com/octo-org/octo-repo/actions/runs/30433600/attempts/1");
    }
}
