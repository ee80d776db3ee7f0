package dev.pipelinetriage.engine.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split into shell words, each with its place in the line: whitespace separates words except inside
 * quotes, and {@code |}, {@code ;} and {@code &} (also doubled) are separators of their own. Not a shell parser:
 * enough to tell a command's options and their values apart on a log line.
 */
record Words(String line, List<Word> list) {

    /** Characters {@code [start, end)} of the line; a separator when {@code separator}. */
    record Word(int start, int end, boolean separator) {
    }

    static Words of(String line) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '|' || c == ';' || c == '&') {
                int start = i;
                while (i < n && (line.charAt(i) == c)) {
                    i++;
                }
                words.add(new Word(start, i, true));
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i)) && "|;&".indexOf(line.charAt(i)) < 0) {
                    char q = line.charAt(i);
                    if (q == '\'' || q == '"') {
                        int close = line.indexOf(q, i + 1);
                        i = close < 0 ? n : close + 1;
                    } else {
                        i++;
                    }
                }
                words.add(new Word(start, i, false));
            }
        }
        return new Words(line, List.copyOf(words));
    }

    int size() {
        return list.size();
    }

    Word get(int index) {
        return list.get(index);
    }

    String text(int index) {
        Word w = list.get(index);
        return line.substring(w.start(), w.end());
    }

    boolean isSeparator(int index) {
        return list.get(index).separator();
    }

    /** The index of the separator that ends the command starting at {@code from}, or the number of words. */
    int commandEnd(int from) {
        int i = from;
        while (i < list.size() && !list.get(i).separator()) {
            i++;
        }
        return i;
    }

    /** A word's program name: without quotes, directories and {@code .exe}. */
    String program(int index) {
        String text = unquote(text(index));
        int slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
        String name = text.substring(slash + 1);
        return name.endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
    }

    static String unquote(String text) {
        if (text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')
                && text.charAt(text.length() - 1) == text.charAt(0)) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
