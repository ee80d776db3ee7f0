package dev.pipelinetriage.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.app.EntryDraft;
import dev.pipelinetriage.app.EvidencePattern;
import dev.pipelinetriage.domain.Verdict;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A knowledge-base entry drafted from an unexplained failure passes {@code kb lint} and {@code kb test} on its own
 * examples, run in-process on a scratch knowledge base laid out like the repository's.
 */
class EntryDraftTest {
    private final DraftedEntryCheck check = new DraftedEntryCheck();

    private static EntryDraft widgetSync() {
        return EntryDraft.of(new EntryDraft.Input("fp-0123456789abcdef",
                "widget-sync: handshake with peer node- _num_ failed after _num_ attempts",
                "widget-sync: handshake with peer node-7 failed after 30 attempts",
                List.of("Starting widget service", "widget-sync: handshake with peer node-7 failed after 30 attempts",
                        "Process completed with exit code 3."),
                List.of("Run ./scripts/integration.sh", "Starting widget service", "Installed 42 packages in 3.2s"),
                List.of("test failure"), Verdict.CODE, "https://github.com/octo-org/widgets/actions/runs/30433642"));
    }

    @Test
    void aDraftFromAnUnexplainedFailurePassesLintAndTestOnItsOwnExamples() {
        EntryDraft draft = widgetSync();

        assertThat(check.problems(draft)).isEmpty();
        assertThat(draft.id()).matches("widget-sync-handshake-with-peer-[0-9a-f]{6}");
        assertThat(draft.yaml()).contains("id: " + draft.id() + "\n", "category: code\n", "subcategory: test\n",
                "  - 'widget-sync: handshake with peer node-7 failed after 30 attempts'\n",
                "  - 'widget-sync: handshake with peer node-8 failed after 41 attempts'\n",
                "  - 'Installed 42 packages in 3.2s'\n", "runbook: runbooks/" + draft.id() + ".md\n", "rerun: never\n");
        assertThat(draft.runbook()).contains("https://github.com/octo-org/widgets/actions/runs/30433642");
    }

    @Test
    void theRegexKeepsTheLiteralPartsEscapedAndGeneralizesWhatVaries() {
        EvidencePattern pattern = EvidencePattern.of(
                "cache.restore(key='linux-deps') failed: /var/cache/deps/0x7ffd9e.tar (build 1.2.3, id deadbeef42)");

        assertThat(pattern.regex()).isEqualTo("cache\\.restore\\(key='[^']*'\\)\\s+failed:\\s+\\S+\\s+\\(build\\s+"
                + "\\d+(?:\\.\\d+)*,\\s+id\\s+[0-9a-fA-F]+\\)");
        assertThat(Pattern.compile(pattern.regex()).matcher(pattern.variant()).find()).isTrue();
        assertThat(pattern.variant()).isNotEqualTo("cache.restore(key='linux-deps') failed: /var/cache/deps/0x7ffd9e.tar"
                + " (build 1.2.3, id deadbeef42)");
    }

    @Test
    void aQuoteInTheEvidenceIsDoubledInTheYamlAndTheEntryStillLoads() {
        EntryDraft draft = EntryDraft.of(new EntryDraft.Input("fp-fedcba9876543210", "can''t reach the widget broker",
                "widget-client: can't reach the widget broker at queue _num_", List.of(), List.of("Starting widget service"),
                List.of("network"), Verdict.PLATFORM, null));

        assertThat(draft.yaml()).contains("can''t reach the widget broker").contains("category: platform\n");
        assertThat(check.problems(draft)).isEmpty();
    }

    @Test
    void aDraftWhoseRegexWouldFireOnPassingBuildsIsRefusedByLint() {
        EntryDraft draft = EntryDraft.of(new EntryDraft.Input("fp-1111111111111111", "done",
                "Done", List.of(), List.of(), List.of(), Verdict.UNKNOWN, null));

        assertThat(check.problems(draft)).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("kb "));
    }
}
