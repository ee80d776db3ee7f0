package dev.pipelinetriage.adapter.kb;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Entry;
import dev.pipelinetriage.app.port.KnowledgeBaseLoad.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Loads the knowledge base: every {@code *.yaml} file of a directory, or the copy bundled in the jar.
 *
 * <p>The bundled copy is found through {@code knowledge-base/index.txt}, a list of file names the build
 * writes from the directory (see pom.xml), because a directory inside a jar cannot be listed portably.
 * Runbook paths ({@code runbooks/x.md}) are resolved against the knowledge-base directory's parent, the
 * repository root, or against the classpath for the bundled copy.
 */
public final class KnowledgeBaseLoader {

    /** Where the build puts the list of bundled entry files, one file name per line. */
    public static final String BUNDLED_INDEX = "knowledge-base/index.txt";
    private static final String BUNDLED_DIRECTORY = "knowledge-base/";

    private final YamlTreeReader treeReader = new YamlTreeReader(new YAMLFactory());

    /** Every {@code *.yaml} file in {@code directory}, in file-name order. */
    public KnowledgeBaseLoad load(Path directory) {
        String shown = directory.toString();
        if (!Files.isDirectory(directory)) {
            return new KnowledgeBaseLoad.Invalid(List.of(new Problem(shown, 0,
                    "is not a directory; pass the knowledge-base folder (one YAML file per known error)")));
        }
        Path root = directory.toAbsolutePath().normalize().getParent();
        Predicate<String> runbookExists = runbook -> root != null && Files.isRegularFile(root.resolve(runbook));
        List<Problem> problems = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yml")) {
                    problems.add(new Problem(file.toString(), 0, "knowledge-base files end in .yaml; rename it to "
                            + name.substring(0, name.length() - 4) + ".yaml"));
                } else if (name.endsWith(".yaml")) {
                    sources.add(new Source(file.toString(), name, Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read knowledge base directory " + directory, e);
        }
        if (sources.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(shown, 0, "holds no *.yaml files; is this the knowledge-base folder?"));
        }
        return parse(sources, runbookExists, problems);
    }

    /** The knowledge base bundled in the jar (what {@code pipeline-triage} uses when given no directory). */
    public KnowledgeBaseLoad loadBundled() {
        return loadBundled(KnowledgeBaseLoader.class.getClassLoader());
    }

    KnowledgeBaseLoad loadBundled(ClassLoader classLoader) {
        byte[] index = resource(classLoader, BUNDLED_INDEX);
        if (index == null) {
            return new KnowledgeBaseLoad.Invalid(List.of(new Problem(BUNDLED_INDEX, 0,
                    "is not on the classpath; build the jar with ./mvnw package, or pass a knowledge-base directory")));
        }
        List<Problem> problems = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        int lineNumber = 0;
        for (String line : new String(index, StandardCharsets.UTF_8).split("\n")) {
            lineNumber++;
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            byte[] content = resource(classLoader, BUNDLED_DIRECTORY + name);
            if (content == null) {
                problems.add(new Problem(BUNDLED_INDEX, lineNumber, "lists " + name + " but the jar does not hold it"));
            } else {
                sources.add(new Source(BUNDLED_DIRECTORY + name, name, content));
            }
        }
        return parse(sources, runbook -> classLoader.getResource(runbook) != null, problems);
    }

    private KnowledgeBaseLoad parse(List<Source> sources, Predicate<String> runbookExists, List<Problem> problems) {
        EntryReader entryReader = new EntryReader(runbookExists);
        List<Entry> entries = new ArrayList<>();
        Map<String, String> fileById = new HashMap<>();
        for (Source source : sources) {
            Optional<String> text = utf8(source, problems);
            if (text.isEmpty()) {
                continue;
            }
            YamlNode root;
            try {
                root = treeReader.read(text.get());
            } catch (YamlTreeReader.SyntaxError e) {
                problems.add(new Problem(source.shown(), e.line(), e.getMessage()));
                continue;
            }
            declaredId(root).ifPresent(id -> {
                String first = fileById.putIfAbsent(id.text(), source.shown());
                if (first != null) {
                    problems.add(new Problem(source.shown(), id.line(), "duplicate id '" + id.text()
                            + "', already used by " + first + "; ids must be unique"));
                }
            });
            String baseName = source.name().substring(0, source.name().length() - ".yaml".length());
            entryReader.read(root, source.shown(), baseName, problems).ifPresent(entries::add);
        }
        SupersedesCheck.check(entries, problems);
        if (!problems.isEmpty()) {
            return new KnowledgeBaseLoad.Invalid(problems.stream().sorted().toList());
        }
        entries.sort(Comparator.comparing(entry -> entry.knownError().id()));
        return new KnowledgeBaseLoad.Loaded(entries);
    }

    private static Optional<YamlNode.Scalar> declaredId(YamlNode root) {
        if (root instanceof YamlNode.Mapping mapping) {
            for (YamlNode.Field field : mapping.fields()) {
                if (field.key().equals("id") && field.value() instanceof YamlNode.Scalar s && s.text() != null) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> utf8(Source source, List<Problem> problems) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(source.content())).toString());
        } catch (CharacterCodingException e) {
            problems.add(new Problem(source.shown(), 0, "is not valid UTF-8; save it as UTF-8"));
            return Optional.empty();
        }
    }

    private static byte[] resource(ClassLoader classLoader, String name) {
        try (InputStream in = classLoader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + name, e);
        }
    }

    private record Source(String shown, String name, byte[] content) {
    }
}
