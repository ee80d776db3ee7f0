package dev.pipelinetriage.cli.tooling;

import dev.pipelinetriage.adapter.kb.KnowledgeBaseLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A large knowledge base for {@code bench --kb-entries N}: the bundled entries plus generated ones up to N, so
 * the per-line cost of a big knowledge base can be measured. Generated entries look like real ones -- a line regex
 * with a literal, a phrase, now and then a regex without any literal -- but name made-up components, so they add
 * work to every line without changing what a corpus log matches.
 */
final class BenchKnowledgeBase {

    private static final List<String> WORDS = List.of("artifact", "compiler", "network", "registry", "runner", "cache",
            "daemon", "worker", "gateway", "resolver", "linker", "bundler", "scheduler", "uploader", "indexer", "router",
            "builder", "checker", "fetcher", "signer", "packager", "migrator", "provisioner", "collector");
    private static final Pattern RUNBOOK = Pattern.compile("(?m)^runbook: (\\S+)$");
    private static final String RUNBOOK_FILE = "runbooks/runner-lost.md";
    /** One generated entry in this many has a regex without a literal, which the prefilter cannot skip. */
    static final int NO_LITERAL_EVERY = 100;

    private BenchKnowledgeBase() {
    }

    /** Writes (or reuses) {@code workDir/kb-N/knowledge-base} with {@code entries} entries; answers that folder. */
    static Path ofSize(int entries, Path workDir) throws IOException {
        Path root = workDir.resolve("kb-" + entries);
        Path kb = root.resolve("knowledge-base");
        Path done = root.resolve("complete");
        if (Files.isRegularFile(done)) {
            return kb;
        }
        Files.createDirectories(kb);
        Files.createDirectories(root.resolve("runbooks"));
        ClassLoader loader = BenchKnowledgeBase.class.getClassLoader();
        String index = new String(resource(loader, KnowledgeBaseLoader.BUNDLED_INDEX), StandardCharsets.UTF_8);
        int bundled = 0;
        for (String name : index.lines().map(String::strip).filter(n -> !n.isEmpty()).toList()) {
            String yaml = new String(resource(loader, "knowledge-base/" + name), StandardCharsets.UTF_8);
            Files.writeString(kb.resolve(name), yaml);
            Matcher runbook = RUNBOOK.matcher(yaml);
            if (runbook.find() && !Files.exists(root.resolve(runbook.group(1)))) {
                Files.write(root.resolve(runbook.group(1)), resource(loader, runbook.group(1)));
            }
            bundled++;
        }
        Path generatedRunbook = root.resolve(RUNBOOK_FILE);
        if (!Files.exists(generatedRunbook)) {
            Files.write(generatedRunbook, resource(loader, RUNBOOK_FILE));
        }
        for (int i = 0; bundled + i < entries; i++) {
            Files.writeString(kb.resolve(id(i) + ".yaml"), entry(i));
        }
        Files.writeString(done, "");
        return kb;
    }

    static String id(int i) {
        return String.format(Locale.ROOT, "generated-%05d", i);
    }

    static String entry(int i) {
        String word = WORDS.get(i % WORDS.size());
        String other = WORDS.get((i / WORDS.size()) % WORDS.size());
        String component = word + "-" + i;
        var yaml = new StringBuilder();
        yaml.append("id: ").append(id(i)).append('\n')
                .append("title: 'Generated entry ").append(i).append(" (").append(component).append(" failed)'\n")
                .append("category: platform\nsubcategory: runner\nindications:\n")
                .append("  - regex: '").append(component).append(" failed: \\S+ (?:timeout|refused)'\n")
                .append("  - phrase: '").append(other).append(' ').append(word).append(" unit ").append(i)
                .append(" unreachable'\n");
        if (i % NO_LITERAL_EVERY == 0) {
            yaml.append("  - regex: '^(?:").append(word).append('|').append(other).append(")\\d{2}x").append(i % 10)
                    .append("$'\n");
        }
        yaml.append("examples:\n")
                .append("  - '").append(component).append(" failed: step-3 timeout'\n")
                .append("  - '").append(other).append(' ').append(word).append(" unit ").append(i).append(" unreachable'\n")
                .append("counterExamples:\n")
                .append("  - '").append(component).append(" passed: step-3'\n")
                .append("runbook: ").append(RUNBOOK_FILE).append('\n')
                .append("fix: >-\n  Generated for benchmarks; nothing to fix.\n")
                .append("rerun: safe\nowner: platform-team\n");
        return yaml.toString();
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath; build the jar with ./mvnw package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + name, e);
        }
    }
}
