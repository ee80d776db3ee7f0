package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Indication;

/**
 * Decides whether a phrase indication matches one log line, with the same text analysis the knowledge
 * index uses (lower-cased, split on punctuation, numbers, paths, hosts and the like masked).
 */
public interface PhraseMatcher {

    boolean matches(Indication.Phrase phrase, String line);
}
