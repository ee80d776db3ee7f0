package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.kb.KnowledgeBaseLoader;
import dev.pipelinetriage.app.EntryDraft;
import dev.pipelinetriage.app.KnowledgeBaseCheck;
import dev.pipelinetriage.app.EntryCheck;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code kb lint} and {@code kb test} on one drafted entry, in-process: the entry and its runbook stub are written
 * to a scratch knowledge base laid out as the repository is ({@code knowledge-base/<id>.yaml} next to
 * {@code runbooks/<id>.md}), loaded by the same loader, and checked by the same {@link KnowledgeBaseCheck} over a
 * triage service built on it. The scratch folder is removed afterwards.
 */
final class DraftedEntryCheck implements EntryCheck {
    private static final int MAX_LINES = 30;

    @Override
    public List<String> problems(EntryDraft draft) {
        Path root;
        try {
            root = Files.createTempDirectory("kb-draft-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for a drafted entry", e);
        }
        try {
            Path kb = Files.createDirectories(root.resolve("knowledge-base"));
            Files.createDirectories(root.resolve("runbooks"));
            Files.writeString(kb.resolve(draft.id() + ".yaml"), draft.yaml(), StandardCharsets.UTF_8);
            Files.writeString(root.resolve("runbooks").resolve(draft.id() + ".md"), draft.runbook(), StandardCharsets.UTF_8);
            KnowledgeBaseLoad load = new KnowledgeBaseLoader().load(kb);
            KnowledgeBaseCheck check = Bootstrap.knowledgeBaseCheck();
            List<String> problems = new ArrayList<>();
            check.lint(load).forEach(p -> problems.add("kb lint: " + p.message()));
            if (problems.isEmpty() && load instanceof KnowledgeBaseLoad.Loaded loaded) {
                check.test(loaded, KnowledgeBaseCheck.inMemory(Bootstrap.triageService(loaded.knownErrors()), MAX_LINES))
                        .forEach(p -> problems.add("kb test: " + p.message()));
            }
            return List.copyOf(problems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a drafted entry to " + root, e);
        } finally {
            delete(root);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a scratch folder left in the temporary directory harms nothing
        }
    }
}
