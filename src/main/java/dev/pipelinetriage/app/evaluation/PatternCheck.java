package dev.pipelinetriage.app.evaluation;

import dev.pipelinetriage.app.port.PhraseMatcher;
import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.NamedError;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Checks a named match from the outside: does one of the entry's own indications (a regex, a multi-line
 * regex over consecutive evidence lines, or a phrase) match the lines the report gives as evidence? This
 * is what {@code patternBackedShare} counts, independently of how the classifier decided.
 */
public final class PatternCheck {

    private final PhraseMatcher phrases;

    public PatternCheck(PhraseMatcher phrases) {
        this.phrases = Objects.requireNonNull(phrases, "phrases");
    }

    public boolean fired(NamedError match) {
        if (match == null || match.evidence().isEmpty()) {
            return false;
        }
        KnownError entry = match.knownError();
        List<LogLine> evidence = match.evidence().stream().map(l -> new LogLine(l.number(), l.text())).toList();
        for (Indication indication : entry.indications()) {
            if (indication instanceof Indication.Phrase phrase
                    && evidence.stream().anyMatch(l -> phrases.matches(phrase, l.text()))) {
                return true;
            }
        }
        if (!IndicationMatcher.hasRegexIndication(entry)) {
            return false;
        }
        IndicationMatcher matcher = new IndicationMatcher(List.of(entry));
        // Each run of consecutive evidence lines is checked as one text, so a multi-line indication sees its
        // window again and never a window made of lines that were not adjacent in the log.
        List<LogLine> sorted = evidence.stream().sorted(Comparator.comparingInt(LogLine::number)).toList();
        List<String> run = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && sorted.get(i).number() != sorted.get(i - 1).number() + 1) {
                if (matcher.matches(entry, String.join("\n", run))) {
                    return true;
                }
                run.clear();
            }
            run.add(sorted.get(i).text());
        }
        return matcher.matches(entry, String.join("\n", run));
    }
}
