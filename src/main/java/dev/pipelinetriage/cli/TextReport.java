package dev.pipelinetriage.cli;

import dev.pipelinetriage.chat.CardView;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.TriageReport;
import java.io.PrintWriter;

/** Renders a report for a terminal: the verdict first, then what to do, then the evidence. */
final class TextReport {
    private static final String NEW = CardView.NEW_LINE_MARK;

    private TextReport() {
    }

    static void print(TriageReport r, PrintWriter out) {
        out.printf("Verdict:     %s (confidence %.0f%%)%n", r.verdict().wireName(), r.confidence() * 100);
        out.printf("Why:         %s%n", r.reason());
        if (r.failedStep() != null) {
            out.printf("Failed step: %s%n", r.failedStep());
        }
        r.bestMatch().ifPresent(m -> {
            out.printf("Known error: %s [%s, score %.2f]%n", m.knownError().title(), m.knownError().id(), m.score());
            out.printf("Runbook:     %s%n", m.knownError().runbook());
            out.printf("Fix:         %s%n", m.knownError().fix().strip());
        });
        if (r.match() == null) {
            out.printf("Known error: none%s%n", r.signals().isEmpty() ? "" : " (generic signs: " + String.join(", ", r.signals()) + ")");
        }
        out.printf("Rerun:       %s%n", switch (r.rerun()) {
            case SAFE -> "safe -- a rerun is likely to pass";
            case UNSAFE -> "unsafe -- a rerun may repeat side effects or hide the cause; look first";
            case NEVER -> "not useful -- fix the cause first";
        });
        if (r.truncated()) {
            out.println("Note:        the log was truncated before analysis; the cause may be in the missing part.");
        }
        r.lastGreen().ifPresent(g -> out.printf("Last green:  %s (lines marked %s are new since it)%n", g.webUrl(), NEW));
        out.println();
        out.println("Excerpt:");
        int width = r.excerpt().stream().mapToInt(l -> Integer.toString(l.number()).length()).max().orElse(1);
        String gap = r.lastGreen().isPresent() ? "  " : "";
        int previous = -1;
        for (RedactedLine line : r.excerpt()) {
            if (previous > 0 && line.number() > previous + 1) {
                out.printf("%s%" + width + "s  ...%n", gap, "");
            }
            String mark = r.lastGreen().map(g -> g.isNew(line) ? NEW + " " : "  ").orElse("");
            out.printf("%s%" + width + "d  %s%n", mark, line.number(), line.text());
            previous = line.number();
        }
        out.flush();
    }
}
