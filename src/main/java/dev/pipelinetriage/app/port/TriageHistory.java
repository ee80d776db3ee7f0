package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.List;

/** Every failed job the bot triaged: what the weekly health report is made of. */
public interface TriageHistory {

    /** Records one triaged job; the same job attempt recorded again changes nothing. */
    void record(TriageRecord record);

    /** Records at or after {@code from}, oldest first. */
    List<TriageRecord> since(Instant from);

    /** Keeps nothing: for the command line, which triages without a store. */
    static TriageHistory none() {
        return Nothing.INSTANCE;
    }

    /** Stateless, so a shared instance is safe. */
    enum Nothing implements TriageHistory {
        INSTANCE;

        @Override
        public void record(TriageRecord record) {
        }

        @Override
        public List<TriageRecord> since(Instant from) {
            return List.of();
        }
    }
}
