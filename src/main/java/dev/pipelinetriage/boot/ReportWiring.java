package dev.pipelinetriage.boot;

import dev.pipelinetriage.adapter.chart.AwtVerdictChart;
import dev.pipelinetriage.adapter.store.EmbeddedStore;
import dev.pipelinetriage.app.HealthReport;
import dev.pipelinetriage.app.HealthReports;
import dev.pipelinetriage.app.port.TicketDirectory;
import dev.pipelinetriage.boot.config.StoreSection;
import java.time.Clock;
import java.time.Duration;

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
     * Reads the period that ends now. The embedded store is locked by a running bot, so this runs beside a stopped
     * bot or against a copy of its data directory.
     */
    public static Rendered last(StoreSection store, Duration period, Clock clock) {
        try (EmbeddedStore opened = EmbeddedStore.open(store.directory())) {
            HealthReport report = new HealthReports(opened.triageHistory(), opened.stateStore(), opened.auditLog(),
                    TicketDirectory.none(), clock).last(period);
            return new Rendered(report, new AwtVerdictChart().verdictsPerDay(report.days(), CHART_WIDTH, CHART_HEIGHT));
        }
    }
}
