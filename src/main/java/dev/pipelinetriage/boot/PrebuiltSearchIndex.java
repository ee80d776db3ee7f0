package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.kb.KnowledgeBaseLoader;
import dev.pipelinetriage.adapter.search.LuceneKnowledgeIndex;
import dev.pipelinetriage.adapter.search.LuceneNotices;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import java.nio.file.Path;

/**
 * Build step ({@code process-classes}, see pom.xml): builds the search index of the knowledge base just copied
 * into the classes directory and writes it next to it, so the jar starts without building it.
 * Usage: {@code PrebuiltSearchIndex OUTPUT_FILE}.
 */
public final class PrebuiltSearchIndex {

    private PrebuiltSearchIndex() {
    }

    public static void main(String[] args) {
        LuceneNotices.quiet();
        if (args.length != 1) {
            System.err.println("usage: PrebuiltSearchIndex OUTPUT_FILE");
            System.exit(2);
        }
        switch (new KnowledgeBaseLoader().loadBundled()) {
            case KnowledgeBaseLoad.Invalid invalid -> {
                // The tests (kb lint) say what is wrong; without an index the jar builds it at start-up.
                System.err.println("knowledge base invalid (" + invalid.problems().size()
                        + " problem(s)); no prebuilt search index written");
            }
            case KnowledgeBaseLoad.Loaded loaded -> {
                LuceneKnowledgeIndex.writePrebuilt(loaded.knownErrors(), Path.of(args[0]));
                System.out.println("prebuilt search index of " + loaded.entries().size() + " entries: " + args[0]);
            }
        }
    }
}
