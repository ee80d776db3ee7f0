package dev.pipelinetriage.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.boot.Bootstrap;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.text.LinePattern;
import dev.pipelinetriage.engine.text.UnsupportedPatternException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every regex of the bundled knowledge base runs on the linear-time engine, so no line can make it backtrack. Before
 * (issue 12, item 4; issue 17, item 3) the patterns ran on java.util.regex under a step budget, and lines crafted from
 * their own parts made four of them exceed it; now the same crafted lines go through one scan of the whole knowledge
 * base, which answers each without a budget.
 */
class KnowledgeBaseRegexCostTest {

    @Test
    void everyStockRegexCompilesOnTheLinearTimeEngine() {
        var refused = new ArrayList<String>();
        for (String pattern : stockPatterns()) {
            try {
                LinePattern.compile(pattern);
            } catch (UnsupportedPatternException e) {
                refused.add(e.getMessage());
            }
        }
        assertThat(stockPatterns()).hasSizeGreaterThan(300);
        assertThat(refused).isEmpty();
    }

    @Test
    void linesCraftedFromEveryStockRegexsPartsAreScannedToTheEnd() {
        var load = (KnowledgeBaseLoad.Loaded) Bootstrap.knowledgeBase(Optional.empty());
        var matcher = new IndicationMatcher(load.knownErrors());
        var lastLineHits = new ArrayList<IndicationHit>();
        // Every crafted line is 4 KB and there are about 39,000 (160 MB): every 20th, plus all of the entries issue 17
        // found over the old budget.
        List<String> all = stockPatterns().stream().flatMap(p -> CraftedLines.forRegex(p).stream()).toList();
        var crafted = new ArrayList<String>();
        for (int i = 0; i < all.size(); i += 20) {
            crafted.add(all.get(i));
        }
        load.entries().stream().map(KnowledgeBaseLoad.Entry::knownError)
                .filter(e -> Set.of("yarn-network-trouble", "generated-files-not-committed", "shell-command-not-found")
                        .contains(e.id()))
                .flatMap(e -> e.indications().stream())
                .flatMap(i -> CraftedLines.forRegex(switch (i) {
                    case Indication.LineRegex r -> r.pattern();
                    case Indication.MultiLineRegex r -> r.pattern();
                    case Indication.Phrase phrase -> phrase.text();
                }).stream())
                .forEach(crafted::add);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            var scan = matcher.newScan(hit -> {
                if (hit.firstLine().number() == crafted.size() + 1L) {
                    lastLineHits.add(hit);
                }
            });
            int number = 0;
            for (String line : crafted) {
                scan.accept(new LogLine(++number, line));
            }
            scan.accept(new LogLine(++number, "npm ERR! nospc ENOSPC: no space left on device, write"));
            scan.finish();
        });
        assertThat(crafted).hasSizeGreaterThan(1_000);
        assertThat(lastLineHits).as("the real failure on the last line is still named")
                .anySatisfy(hit -> assertThat(hit.knownError().id()).isEqualTo("disk-full"));
    }

    static Set<String> stockPatterns() {
        var load = Bootstrap.knowledgeBase(Optional.empty());
        assertThat(load).isInstanceOf(KnowledgeBaseLoad.Loaded.class);
        Set<String> patterns = new LinkedHashSet<>();
        for (KnownError entry : ((KnowledgeBaseLoad.Loaded) load).knownErrors()) {
            for (Indication indication : entry.indications()) {
                switch (indication) {
                    case Indication.LineRegex r -> patterns.add(r.pattern());
                    case Indication.MultiLineRegex r -> patterns.add(r.pattern());
                    case Indication.Phrase ignored -> {
                    }
                }
            }
        }
        return patterns;
    }
}
