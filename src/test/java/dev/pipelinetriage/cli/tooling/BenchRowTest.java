package dev.pipelinetriage.cli.tooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchRowTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheTwoMiddleOnes() {
        assertThat(BenchRow.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(BenchRow.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(BenchRow.median(List.of(7.0))).isEqualTo(7.0);
        assertThatThrownBy(() -> BenchRow.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void throughputAndRatioComeFromTheWholeChildRunAndAnalyzeThroughputFromItsCpuTime() {
        var rg = new BenchRow.Yardstick(0.5, 0.45, 42);
        var row = new BenchRow(100, 99_999_000, 3, 2.0, 1.5, 1.25, 1.0, 3.1, 200, 300, "yes", null, rg);
        assertThat(row.oursMbPerSecond()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(row.analyzeMbPerCpuSecond()).isCloseTo(80.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(row.warmAnalyzeMbPerCpuSecond()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(row.ratio()).isEqualTo(4.0);
        assertThat(new BenchRow(100, 1, 1, 2.0, 1.5, 1.2, 1.0, 3.1, 200, 300, "yes", null, null).ratio()).isNull();
    }

    @Test
    void theTableIsMarkdownWithOneRowPerSizeAndBothRipgrepSearches() {
        String table = BenchRow.table(List.of(
                new BenchRow(10, 9_999_990, 3, 1.234, 0.9, 0.8, 0.5, 2.5, 120.4, 310.6, "yes",
                        new BenchRow.Yardstick(0.01, 0.02, 9), new BenchRow.Yardstick(0.1, 0.19, 5)),
                new BenchRow(1000, 999_999_900, 1, 0, 0, 0, 0, 0, 0, 0, "no: out of memory (-Xmx256m)", null, null)));
        assertThat(table.lines().toList()).containsExactly(
                "| size MB | ours s | analyze s | analyze CPU s | analyze MB/CPU s | warm MB/CPU s | peak heap MB"
                        + " | peak RSS MB | completed | rg error\\|fail s (CPU) | rg -P -f kb s (CPU) | ours/rg -P |",
                "|--:|--:|--:|--:|--:|--:|--:|--:|--|--:|--:|--:|",
                "| 10 | 1.23 | 0.90 | 0.80 | 12.5 | 20.0 | 120 | 311 | yes | 0.01 (0.02) | 0.10 (0.19) | 12.34x |",
                "| 1000 | 0.00 | 0.00 | 0.00 | 0.0 | 0.0 | 0 | 0 | no: out of memory (-Xmx256m) | - | - | - |");
    }
}
