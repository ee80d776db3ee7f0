package dev.pipelinetriage.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HunksTest {

    private static Baseline green(String... lines) {
        var builder = Baseline.builder();
        var normalizer = new LogNormalizer();
        for (int i = 0; i < lines.length; i++) {
            builder.accept(normalizer.normalizeText(i + 1, lines[i]));
        }
        return builder.build();
    }

    private static List<LogLine> lines(String... texts) {
        List<LogLine> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(new LogLine(100 + i, texts[i]));
        }
        return out;
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }

    @Test
    void withoutAGreenRunEveryLineStays() {
        var hunks = new Hunks(Baseline.none(), 0, 2);
        assertThat(texts(hunks.of(lines("a 1", "b 2")))).containsExactly("a 1", "b 2");
        assertThat(texts(hunks.fromFirstNew(lines("a 1", "b 2")))).containsExactly("a 1", "b 2");
    }

    @Test
    void aShortStretchOfOldLinesBetweenNewOnesStaysAndALongOneGoes() {
        var hunks = new Hunks(green("old one", "old two", "old three"), 0, 2);
        assertThat(texts(hunks.of(lines("new first", "old one", "old two", "new second"))))
                .containsExactly("new first", "old one", "old two", "new second");
        assertThat(texts(hunks.of(lines("new first", "old one", "old two", "old three", "new second"))))
                .containsExactly("new first", "new second");
    }

    @Test
    void oldLinesBeforeTheFirstNewOneAndAfterTheLastAreLeftOutBeyondTheContext() {
        var hunks = new Hunks(green("old one", "old two", "old three"), 1, 6);
        assertThat(texts(hunks.of(lines("old one", "old two", "new", "old three")))).containsExactly("old two", "new");
        assertThat(hunks.of(lines("old one", "old two"))).isEmpty();
    }

    @Test
    void aBlockStaysWholeFromItsFirstNewLine() {
        var hunks = new Hunks(green("usage: tool", "--flag", "at Frame.run(Frame.java:1)"), 0, 2);
        assertThat(texts(hunks.fromFirstNew(lines("usage: tool", "--flag", "Exception: boom", "at Frame.run(Frame.java:1)"))))
                .containsExactly("Exception: boom", "at Frame.run(Frame.java:1)");
        assertThat(texts(hunks.fromFirstNew(lines("usage: tool", "--flag")))).containsExactly("usage: tool", "--flag");
    }
}
