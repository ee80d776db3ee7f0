package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.KnownError;
import dev.pipelinetriage.domain.LogLine;
import dev.pipelinetriage.domain.Match;
import java.util.List;

/**
 * The searchable knowledge base. Exact line-regex indications are scanned by the engine while the log
 * streams; this port answers the fuzzy part: phrase indications and similarity of the extracted failure
 * lines to known errors' examples, over normalized text (numbers, hex ids, paths, ports, durations masked).
 */
public interface KnowledgeIndex {

    /** Every loaded known error, in id order. */
    List<KnownError> entries();

    /**
     * Known errors that resemble the given failure lines, best first, at most {@code limit}. Scores are in
     * 0..1 and comparable across calls (1 = a phrase indication or an example matched verbatim after
     * normalization); evidence holds the lines that drove each score.
     */
    List<Match> search(List<LogLine> failureLines, int limit);
}
