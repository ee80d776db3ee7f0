package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Indication;
import dev.pipelinetriage.domain.KnownError;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading a knowledge base: every entry with where it came from, or every problem found.
 * Loading never stops at the first problem, so one run of {@code kb lint} lists all that need fixing.
 */
public sealed interface KnowledgeBaseLoad permits KnowledgeBaseLoad.Loaded, KnowledgeBaseLoad.Invalid {

    /** All files were valid; entries are in id order. */
    record Loaded(List<Entry> entries) implements KnowledgeBaseLoad {
        public Loaded {
            entries = List.copyOf(entries);
        }

        public List<KnownError> knownErrors() {
            return entries.stream().map(Entry::knownError).toList();
        }
    }

    /** At least one file was invalid; problems are in file, then line order. */
    record Invalid(List<Problem> problems) implements KnowledgeBaseLoad {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid knowledge base needs at least one problem");
            }
        }
    }

    /**
     * A known error and its source position, kept so that checks of its examples can point at the line.
     *
     * @param file the file as shown to people (e.g. {@code knowledge-base/dns-resolution-failure.yaml})
     * @param line the line of the entry's {@code id}
     * @param exampleLines the 1-based line of each example, in the order of {@link KnownError#examples()}
     * @param counterExampleLines the 1-based line of each counter-example, likewise
     * @param indicationLines the 1-based line of each indication's pattern, in the order of
     *     {@link KnownError#indications()}
     */
    record Entry(KnownError knownError, String file, int line, List<Integer> exampleLines,
                 List<Integer> counterExampleLines, List<Integer> indicationLines) {
        public Entry {
            Objects.requireNonNull(knownError, "knownError");
            Objects.requireNonNull(file, "file");
            exampleLines = List.copyOf(exampleLines);
            counterExampleLines = List.copyOf(counterExampleLines);
            indicationLines = List.copyOf(indicationLines);
            if (exampleLines.size() != knownError.examples().size()
                    || counterExampleLines.size() != knownError.counterExamples().size()
                    || indicationLines.size() != knownError.indications().size()) {
                throw new IllegalArgumentException("entry " + knownError.id()
                        + ": one line number per example, counter-example and indication is needed");
            }
        }

        /** The line of the indication, which must be one of this entry's. */
        public int lineOf(Indication indication) {
            int index = knownError.indications().indexOf(indication);
            if (index < 0) {
                throw new IllegalArgumentException(indication + " is not an indication of " + knownError.id());
            }
            return indicationLines.get(index);
        }
    }

    /** One thing to fix, rendered the way compilers do: {@code file:line: message}. */
    record Problem(String file, int line, String message) implements Comparable<Problem> {
        public Problem {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(message, "message");
            if (line < 0) {
                throw new IllegalArgumentException("line must be >= 0 (0 = whole file), got " + line);
            }
        }

        @Override
        public int compareTo(Problem other) {
            int byFile = file.compareTo(other.file);
            return byFile != 0 ? byFile : Integer.compare(line, other.line);
        }

        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }
}
