package dev.pipelinetriage.app;

import dev.pipelinetriage.domain.Verdict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The health report as plain text with light Markdown (headings, bullets), readable in a terminal, a file and a
 * chat message alike.
 */
public final class HealthReportText {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private HealthReportText() {
    }

    public static String render(HealthReport r) {
        return render(r, false);
    }

    /**
     * @param proposals true when curators may propose entries from chat: each unexplained group then names the
     *     request that proposes one ({@code propose fp-...})
     */
    public static String render(HealthReport r, boolean proposals) {
        StringBuilder s = new StringBuilder(2_000);
        s.append("# CI/CD health report\n")
                .append(DAY.format(r.from())).append(" to ").append(DAY.format(r.to())).append("\n\n");
        s.append("## Failures triaged: ").append(r.failures()).append('\n');
        for (Verdict v : List.of(Verdict.PLATFORM, Verdict.CODE, Verdict.FLAKY, Verdict.UNKNOWN)) {
            s.append("- ").append(v.wireName()).append(": ").append(r.byVerdict().getOrDefault(v, 0))
                    .append(" (").append(percent(r.share(v))).append(")\n");
        }
        s.append("\n## Top recurring failures\n");
        list(s, r.recurring(), true);
        s.append("\n## Knowledge base\n")
                .append("- coverage: ").append(percent(r.coverage())).append(" of failures explained by a known error (")
                .append(r.explained()).append(" of ").append(r.failures()).append(")\n")
                .append("- biggest unexplained groups (candidates for new entries):\n");
        if (r.unexplained().isEmpty()) {
            s.append("  - none\n");
        }
        for (HealthReport.Recurring g : r.unexplained()) {
            s.append("  - ").append(g.count()).append("x `").append(g.title().replace('`', '\'')).append("` (")
                    .append(g.repositories()).append(g.repositories() == 1 ? " repository" : " repositories")
                    .append("), e.g. ").append(g.example());
            if (proposals && g.signature().startsWith("fp-")) {
                s.append(" -- propose an entry: `propose ").append(g.signature()).append('`');
            }
            s.append('\n');
        }
        s.append("\n## Feedback (all time)\n");
        s.append("- helpful: ").append(r.helpful()).append(", not right: ").append(r.notRight());
        r.accuracy().ifPresentOrElse(a -> s.append(", accuracy ").append(percent(a)).append('\n'),
                () -> s.append(", accuracy: no feedback yet\n"));
        s.append("\n## Reruns\n");
        if (r.reruns().isEmpty()) {
            s.append("- none requested\n");
        }
        for (Map.Entry<String, Long> e : r.reruns().entrySet()) {
            s.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return s.toString();
    }

    private static void list(StringBuilder s, List<HealthReport.Recurring> groups, boolean withTicket) {
        if (groups.isEmpty()) {
            s.append("- none\n");
        }
        int i = 1;
        for (HealthReport.Recurring g : groups) {
            s.append(i++).append(". ").append(g.title()).append(" -- ").append(g.verdict().wireName()).append(", ")
                    .append(g.count()).append("x in ").append(g.repositories())
                    .append(g.repositories() == 1 ? " repository" : " repositories");
            if (withTicket) {
                s.append(g.ticket() == null ? ", no ticket" : ", ticket " + g.ticket());
            }
            s.append('\n');
        }
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
