package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Verdict;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Draws the health report's chart; the report itself stays free of any graphics library. */
public interface ChartRenderer {

    /** A day and how many failed jobs got each verdict on it. */
    record Day(LocalDate date, Map<Verdict, Integer> counts) {
        public Day {
            counts = Map.copyOf(counts);
        }

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A PNG of stacked bars, one per day, {@code width} x {@code height} pixels. */
    byte[] verdictsPerDay(List<Day> days, int width, int height);
}
