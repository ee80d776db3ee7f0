package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.kb.KnowledgeBaseLoader;
import dev.pipelinetriage.adapter.search.LuceneKnowledgeIndex;
import dev.pipelinetriage.adapter.search.LucenePhraseMatcher;
import dev.pipelinetriage.app.KnowledgeBaseCheck;
import dev.pipelinetriage.app.TriageService;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.engine.classify.Classifier;
import dev.pipelinetriage.engine.extract.Tuning;
import dev.pipelinetriage.engine.match.IndicationMatcher;
import dev.pipelinetriage.engine.normalize.LogNormalizer;
import dev.pipelinetriage.engine.redact.KnownSecrets;
import dev.pipelinetriage.engine.redact.Redactor;
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
        return triageService(directory, err, new KnownSecrets());
    }

    /** As {@link #triageService(Optional, PrintWriter)}, its reports also hiding the {@code known} values. */
    public static Optional<TriageService> triageService(Optional<Path> directory, PrintWriter err, KnownSecrets known) {
        return switch (knowledgeBase(directory)) {
            case KnowledgeBaseLoad.Invalid invalid -> {
                invalid.problems().forEach(err::println);
                err.println("the knowledge base has " + invalid.problems().size()
                        + " problem(s); fix them or run 'pipeline-triage kb lint' for details");
                err.flush();
                yield Optional.empty();
            }
            case KnowledgeBaseLoad.Loaded loaded ->
                    Optional.of(triageService(loaded.knownErrors(), Tuning.DEFAULT, new Redactor(known)));
        };
    }

    /** The knowledge base in {@code directory}, or the one bundled in the jar. */
    public static KnowledgeBaseLoad knowledgeBase(Optional<Path> directory) {
        KnowledgeBaseLoader loader = new KnowledgeBaseLoader();
        return directory.map(loader::load).orElseGet(loader::loadBundled);
    }

    /** A triage service over already loaded entries. */
    public static TriageService triageService(List<KnownError> entries) {
        return triageService(entries, Tuning.DEFAULT);
    }

    /** A triage service over already loaded entries, with other extractor weights (for cross-validation). */
    public static TriageService triageService(List<KnownError> entries, Tuning tuning) {
        return triageService(entries, tuning, new Redactor());
    }

    /** A triage service over already loaded entries whose reports {@code redactor} redacts (the bot's own secrets too). */
    static TriageService triageService(List<KnownError> entries, Tuning tuning, Redactor redactor) {
        return new TriageService(new LogNormalizer(), new IndicationMatcher(entries), new LuceneKnowledgeIndex(entries),
                new Classifier(tuning.heldOut()), redactor, tuning);
    }

    public static KnowledgeBaseCheck knowledgeBaseCheck() {
        return new KnowledgeBaseCheck(new LucenePhraseMatcher());
    }
}
