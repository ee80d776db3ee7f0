package dev.pipelinetriage.adapter.kb;

import java.util.List;

/**
 * A YAML value with the 1-based line it starts on. Jackson's tree model drops locations, and every
 * knowledge-base problem must name its line, so the loader reads the token stream into these instead.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

    int line();

    /** What a person would call this node in an error message. */
    String kind();

    /** A scalar; {@code text} is null for an empty value or {@code null}. */
    record Scalar(String text, boolean isString, int line) implements YamlNode {
        @Override
        public String kind() {
            return text == null ? "an empty value" : isString ? "text" : "a number or boolean";
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping with its keys in file order; duplicates are kept so that validation can report them. */
    record Mapping(List<Field> fields, int line) implements YamlNode {
        public Mapping {
            fields = List.copyOf(fields);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Field(String key, int line, YamlNode value) {
    }
}
