package dev.pipelinetriage.adapter.store;

import dev.pipelinetriage.app.port.AuditLog;
import dev.pipelinetriage.app.port.OutageStore;
import dev.pipelinetriage.app.port.PendingWork;
import dev.pipelinetriage.app.port.StateStore;
import dev.pipelinetriage.app.port.TriageHistory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * An opened, migrated database and the ports over it. The embedded and PostgreSQL stores differ only in how
 * the pool is opened; everything they offer once open is here, once.
 */
public abstract sealed class JdbcStore implements AutoCloseable permits EmbeddedStore, PostgresStore {
    private final DataSource pool;
    private final Runnable closePool;
    private final JdbcStateStore state;
    private final JdbcAuditLog audit;
    private final JdbcTriageHistory history;
    private final JdbcOutageStore outages;
    private final JdbcPendingWork work;

    /** @param closePool releases the pool's connections when the store closes */
    JdbcStore(DataSource pool, Dialect dialect, Runnable closePool) {
        this.pool = pool;
        this.closePool = closePool;
        this.state = new JdbcStateStore(pool);
        this.audit = new JdbcAuditLog(pool, dialect);
        this.history = JdbcTriageHistory.create(pool);
        this.outages = new JdbcOutageStore(pool);
        this.work = new JdbcPendingWork(pool);
    }

    public StateStore stateStore() {
        return state;
    }

    public AuditLog auditLog() {
        return audit;
    }

    /** Walks the audit log's hash chain: whether any entry was changed or removed since it was written. */
    public AuditChainCheck verifyAuditLog() {
        return audit.verify();
    }

    public TriageHistory triageHistory() {
        return history;
    }

    /** Outage grouping's hits and banners (CI webhooks). */
    public OutageStore outageStore() {
        return outages;
    }

    /** Acknowledged work until its card is posted, leased to one process at a time. */
    public PendingWork pendingWork() {
        return work;
    }

    /** True when the database answers a trivial query (readiness). */
    public boolean reachable() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            return s.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closePool.run();
    }
}
