package dev.pipelinetriage.app.port;

import dev.pipelinetriage.domain.Verdict;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What the bot counts about itself, in its own words. The use cases report through this port; an adapter maps
 * it to a metrics library. Label values come from bounded sets (stages, verdicts, configured instance names,
 * fixed outcome words), never from user input, so the number of series stays small.
 */
public interface TriageMetrics {

    /** The three parts of a triage's latency: talking to the CI, the engine, and answering in chat. */
    enum Stage {
        FETCH, ANALYZE, POST;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Runs {@code work} and records how long it took under {@code stage}, also when it throws. */
    <T> T time(Stage stage, Supplier<T> work);

    /** One failed job triaged: its verdict, and whether a known error explained it. */
    void triaged(Verdict verdict, boolean knownErrorMatched);

    /** A CI instance answered with a problem ({@code kind} is the problem's kind, e.g. {@code rate_limited}). */
    void providerError(String provider, String kind);

    /** The bot waited for a CI instance's rate limit before asking again. */
    void rateLimitWait(String provider, Duration waited);

    /** A rerun reached {@code outcome}: {@code requested}, {@code denied}, {@code started}, {@code failed}, ... */
    void rerun(String outcome);

    /** A ticket was filed in a tracker. */
    void ticketFiled();

    /** A platform redelivered an event the bot had already taken. */
    void duplicateEvent();

    /** A knowledge-base reload was accepted (it serves from now on) or refused (the older one keeps serving). */
    void knowledgeBaseReload(boolean accepted);

    /** Reports {@code entries} (known errors in the knowledge base that serves) whenever metrics are read. */
    void knowledgeBaseSize(IntSupplier entries);

    /** Reports {@code depth} (tasks accepted and not finished) whenever metrics are read. */
    void queueDepth(IntSupplier depth);

    /** A chat platform's request passed its signature or token check ({@code platform}: slack, teams). */
    default void chatEventReceived(String platform) {
    }

    /** A chat request was refused for a missing, stale or wrong signature or token. */
    default void signatureRejected(String platform) {
    }

    /** A chat request handler or a chat task threw ({@code where}: slack, teams, or worker). */
    default void handlerError(String where) {
    }

    /** A message, card or notice did not reach the chat platform after the adapter's retries. */
    default void undeliveredPost(String platform) {
    }

    /**
     * Acknowledged work another process left unfinished (it stopped, or crashed and its lease ran out) was taken
     * over here ({@code kind}: the work's kind, such as a platform's pastes or webhook deliveries).
     */
    default void workTakenOver(String kind) {
    }

    /** Counts nothing: for the command line and for tests that do not look at metrics. */
    static TriageMetrics none() {
        return NoMetrics.INSTANCE;
    }

    /** Stateless, so a shared instance is safe. */
    enum NoMetrics implements TriageMetrics {
        INSTANCE;

        @Override
        public <T> T time(Stage stage, Supplier<T> work) {
            return work.get();
        }

        @Override
        public void triaged(Verdict verdict, boolean knownErrorMatched) {
        }

        @Override
        public void providerError(String provider, String kind) {
        }

        @Override
        public void rateLimitWait(String provider, Duration waited) {
        }

        @Override
        public void rerun(String outcome) {
        }

        @Override
        public void ticketFiled() {
        }

        @Override
        public void duplicateEvent() {
        }

        @Override
        public void knowledgeBaseReload(boolean accepted) {
        }

        @Override
        public void knowledgeBaseSize(IntSupplier entries) {
        }

        @Override
        public void queueDepth(IntSupplier depth) {
        }
    }
}
