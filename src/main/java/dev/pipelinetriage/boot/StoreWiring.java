package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.store.AuditChainCheck;
import dev.pipelinetriage.adapter.store.EmbeddedStore;
import dev.pipelinetriage.boot.config.StoreSection;
import java.util.Map;

/**
 * What the commands that read the bot's store share: whether there is one, and the audit log's verification. The
 * embedded store is locked by a running bot, so they run beside a stopped bot or on a copy of its data directory;
 * PostgreSQL they read while the bot runs.
 */
public final class StoreWiring {

    private StoreWiring() {
    }

    /**
     * Whether the store has anything to read. An embedded store that does not exist yet has nothing, and reading it
     * would create an empty database wherever the command happens to run.
     */
    public static boolean exists(StoreSection store) {
        return store.type() != StoreSection.Type.EMBEDDED || EmbeddedStore.exists(store.directory());
    }

    /** Walks the audit log's hash chain in the configured store. */
    public static AuditChainCheck verifyAuditLog(StoreSection store, Map<String, String> env) {
        try (Stores opened = Stores.open(store, env, CaBundle.fromEnv(env))) {
            return opened.verifyAuditLog();
        }
    }
}
