package dev.pipelinetriage.adapter.search;

import dev.pipelinetriage.engine.signature.Masking;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Analysis shared by indexing and querying: {@link Masking} (lower-case, placeholders for variable
 * parts), then tokens are runs of letters, digits and '_' -- so punctuation splits words and the
 * placeholders ({@code _num_}, {@code _path_}, ...) survive as single tokens. No stemming and no stop
 * words: log vocabulary is small and exact, and "not" or "no" often carry the meaning.
 */
final class LogLineAnalyzer extends Analyzer {

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        try {
            return new StringReader(Masking.mask(readAll(reader)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = CharTokenizer.fromTokenCharPredicate(c -> Character.isLetterOrDigit(c) || c == '_');
        return new TokenStreamComponents(tokenizer);
    }

    /** The tokens of one line, in order. */
    List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = tokenStream("line", line)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing an in-memory string cannot fail", e);
        }
        return tokens;
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[1024];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }
}
