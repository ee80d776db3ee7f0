package dev.pipelinetriage.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.domain.RedactedLine;
import dev.pipelinetriage.domain.TriageReport;
import java.util.List;

/** The report's JSON shape: field names here are a public contract, so they change only deliberately. */
@JsonPropertyOrder({"verdict", "confidence", "failedStep", "match", "excerpt", "truncated", "rerun", "reason", "signals",
        "lastGreen"})
@JsonInclude(JsonInclude.Include.ALWAYS)
record ReportJson(String verdict, double confidence, String failedStep, MatchJson match, List<LineJson> excerpt,
        boolean truncated, String rerun, String reason, List<String> signals,
        @JsonInclude(JsonInclude.Include.NON_NULL) LastGreenJson lastGreen) {

    /** Only when a green run was compared: its page and the excerpt's line numbers that are new since it. */
    record LastGreenJson(String url, List<Integer> newLines) {
    }

    record LineJson(int line, String text) {
        static List<LineJson> of(List<RedactedLine> lines) {
            return lines.stream().map(l -> new LineJson(l.number(), l.text())).toList();
        }
    }

    @JsonPropertyOrder({"id", "title", "category", "subcategory", "runbook", "score", "fix", "evidence"})
    record MatchJson(String id, String title, String category, String subcategory, String runbook, double score,
            String fix, List<LineJson> evidence) {
        static MatchJson of(NamedError m) {
            var e = m.knownError();
            return new MatchJson(e.id(), e.title(), e.category().wireName(), e.subcategory(), e.runbook(),
                    Math.round(m.score() * 100.0) / 100.0, e.fix(), LineJson.of(m.evidence()));
        }
    }

    static ReportJson of(TriageReport r) {
        return new ReportJson(r.verdict().wireName(), r.confidence(), r.step().orElse(null),
                r.match() == null ? null : MatchJson.of(r.match()), LineJson.of(r.excerpt()), r.truncated(),
                r.rerun().wireName(), r.reason(), r.signals(),
                r.lastGreen().map(g -> new LastGreenJson(g.webUrl(), List.copyOf(g.newLines()))).orElse(null));
    }
}
