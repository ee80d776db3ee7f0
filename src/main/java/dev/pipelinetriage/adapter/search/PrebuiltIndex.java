package dev.pipelinetriage.adapter.search;

import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * The search index of the bundled knowledge base, built during {@code mvnw package} and shipped in the jar, so
 * start-up loads it instead of building it (each example line costs an analysis and a search for its self-score).
 * It is keyed by a hash of everything the index is made of; any other knowledge base -- a directory, a hot reload --
 * has another hash and is built as before.
 *
 * @param contentHash {@link #contentHash(List)} of the entries it was built from
 * @param lines per document, in document order: its line, the terms the analyzer made of it (so start-up analyzes
 *     no example again) and its self-score
 */
record PrebuiltIndex(String contentHash, Directory directory, List<Line> lines) {

    /**
     * One document: an example (or counter-example) line of the entry at {@code entry} in id order.
     *
     * @param selfScore the score of its own terms as a query
     */
    record Line(int entry, boolean counter, String text, List<String> terms, double selfScore) {
        Line {
            terms = List.copyOf(terms);
        }
    }

    /** Where the build puts it on the classpath. */
    static final String RESOURCE = "search-index/knowledge-index.bin";
    /** Bumped whenever the documents or this file's layout change, so an older file is never mistaken for current. */
    private static final int FORMAT = 2;

    PrebuiltIndex {
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(directory, "directory");
        lines = List.copyOf(lines);
    }

    /** SHA-256 over what the index holds: ids, examples, counter-examples and phrases, in id order. */
    static String contentHash(List<KnownError> entriesInIdOrder) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, "format " + FORMAT);
            for (KnownError entry : entriesInIdOrder) {
                update(digest, "id " + entry.id());
                entry.examples().forEach(e -> update(digest, "example " + e));
                entry.counterExamples().forEach(e -> update(digest, "counter " + e));
                for (Indication indication : entry.indications()) {
                    if (indication instanceof Indication.Phrase phrase) {
                        update(digest, "phrase " + phrase.text());
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(HexFormat.of().formatHex(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length}).getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    /** The one on the classpath, if the build made one. A damaged one is ignored: building is always possible. */
    static Optional<PrebuiltIndex> bundled() {
        try (InputStream in = PrebuiltIndex.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty() : Optional.of(read(in));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(FORMAT);
            out.writeUTF(contentHash);
            String[] files = directory.listAll();
            out.writeInt(files.length);
            for (String name : files) {
                try (IndexInput input = directory.openInput(name, IOContext.DEFAULT)) {
                    byte[] bytes = new byte[Math.toIntExact(input.length())];
                    input.readBytes(bytes, 0, bytes.length);
                    out.writeUTF(name);
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }
            }
            out.writeInt(lines.size());
            for (Line line : lines) {
                out.writeInt(line.entry());
                out.writeBoolean(line.counter());
                writeLong(out, line.text());
                out.writeInt(line.terms().size());
                for (String term : line.terms()) {
                    writeLong(out, term);
                }
                out.writeDouble(line.selfScore());
            }
        }
    }

    static PrebuiltIndex read(InputStream stream) throws IOException {
        var in = new DataInputStream(new BufferedInputStream(stream));
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("prebuilt index format " + format + ", expected " + FORMAT);
        }
        String hash = in.readUTF();
        var directory = new ByteBuffersDirectory();
        int files = in.readInt();
        for (int f = 0; f < files; f++) {
            String name = in.readUTF();
            byte[] bytes = in.readNBytes(in.readInt());
            try (IndexOutput output = directory.createOutput(name, IOContext.DEFAULT)) {
                output.writeBytes(bytes, bytes.length);
            }
        }
        int count = in.readInt();
        List<Line> lines = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int entry = in.readInt();
            boolean counter = in.readBoolean();
            String text = readLong(in);
            String[] terms = new String[in.readInt()];
            for (int t = 0; t < terms.length; t++) {
                terms[t] = readLong(in);
            }
            lines.add(new Line(entry, counter, text, List.of(terms), in.readDouble()));
        }
        return new PrebuiltIndex(hash, directory, lines);
    }

    /** UTF-8 with an int length: writeUTF stops at 64 KB, and an example line has no such limit. */
    private static void writeLong(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readLong(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    /** Builds the index of {@code entries} and writes it to {@code file}: the package-time step. */
    static void build(List<KnownError> entries, Path file) {
        try {
            new LuceneKnowledgeIndex(entries, Optional.empty()).toPrebuilt().write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the prebuilt search index to " + file, e);
        }
    }
}
