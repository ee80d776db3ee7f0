package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.chart.AwtVerdictChart;
import dev.pipelinetriage.app.HealthReport;
import dev.pipelinetriage.app.HealthReports;
import dev.pipelinetriage.app.port.TicketRecord;
import dev.pipelinetriage.app.port.TicketRef;
import dev.pipelinetriage.boot.config.StoreSection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Composes {@code pipeline-triage report}: the health report from the store the bot writes to. */
public final class ReportWiring {
    public static final int CHART_WIDTH = 640;
    public static final int CHART_HEIGHT = 320;

    private ReportWiring() {
    }

    /** The report and its chart as PNG. */
    public record Rendered(HealthReport report, byte[] chart) {
    }

    /**
     * Reads the period that ends now from the configured store: PostgreSQL while the bot runs; the embedded store is
     * locked by a running bot, so with it this runs beside a stopped bot or on a copy of its data directory.
     */
    public static Rendered last(StoreSection store, Map<String, String> env, Duration period, Clock clock) {
        try (Stores opened = Stores.open(store, env, CaBundle.fromEnv(env))) {
            HealthReport report = new HealthReports(opened.history(), opened.state(), opened.audit(),
                    signature -> opened.state().ticket(signature).map(TicketRecord::ticket).map(TicketRef::key), clock)
                    .last(period);
            return new Rendered(report, new AwtVerdictChart().verdictsPerDay(report.days(), CHART_WIDTH, CHART_HEIGHT));
        }
    }
}
