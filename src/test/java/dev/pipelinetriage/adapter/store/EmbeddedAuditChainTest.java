package dev.pipelinetriage.adapter.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The audit chain on the embedded H2 store: H2 refuses changes through a Java trigger ({@link AppendOnlyTrigger}). */
class EmbeddedAuditChainTest extends AuditChainContract {
    private Path directory;
    private EmbeddedStore store;

    @BeforeEach
    void open() throws IOException {
        directory = Files.createTempDirectory("audit-");
        store = EmbeddedStore.open(directory);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected JdbcStore store() {
        return store;
    }

    @Override
    protected Connection owner() throws SQLException {
        return DriverManager.getConnection(EmbeddedStore.url(directory), EmbeddedStore.USER, "");
    }

    /** Whoever holds the file can drop the trigger; the chain is what still tells. */
    @Override
    protected void tamper(String sql) throws SQLException {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_log_append_only");
            s.executeUpdate(sql);
        }
    }
}
