package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.HealthReport;
import dev.pipelinetriage.app.HealthReportText;
import dev.pipelinetriage.app.HealthReports;
import dev.pipelinetriage.app.port.ChartRenderer;
import dev.pipelinetriage.app.port.EventClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly health digest in a configured channel: the report as text with its chart (Slack: a message, then the
 * chart uploaded; Teams: one Adaptive Card holding both). Each week's digest is
 * claimed in the shared store first, so with several replicas exactly one of them posts it.
 */
public final class WeeklyDigest {
    private static final Logger LOG = LoggerFactory.getLogger(WeeklyDigest.class);
    static final Duration WEEK = Duration.ofDays(7);
    static final int CHART_WIDTH = 640;
    static final int CHART_HEIGHT = 320;

    private final HealthReports reports;
    private final ChartRenderer chart;
    private final EventClaims store;
    private final ChatSurface surface;
    private final Place channel;
    private final Clock clock;
    private final boolean proposals;

    public WeeklyDigest(HealthReports reports, ChartRenderer chart, EventClaims store, ChatSurface surface, Place channel,
            Clock clock) {
        this(reports, chart, store, surface, channel, clock, false);
    }

    /** @param proposals true when curators may propose entries: each unexplained group says how ({@link ProposeCommand}) */
    public WeeklyDigest(HealthReports reports, ChartRenderer chart, EventClaims store, ChatSurface surface, Place channel,
            Clock clock, boolean proposals) {
        this.proposals = proposals;
        this.reports = Objects.requireNonNull(reports, "reports");
        this.chart = Objects.requireNonNull(chart, "chart");
        this.store = Objects.requireNonNull(store, "store");
        this.surface = Objects.requireNonNull(surface, "surface");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public sealed interface Outcome permits Posted, AlreadyPosted {
    }

    /** @param textPosted whether the channel took the text; {@code chartPosted} likewise for the image */
    public record Posted(boolean textPosted, boolean chartPosted) implements Outcome {
    }

    /** Another replica (or an earlier run) already posted this week's digest. */
    public record AlreadyPosted(String week) implements Outcome {
    }

    /** Posts this week's digest unless it was posted already. */
    public Outcome post() {
        var today = clock.instant().atZone(ZoneOffset.UTC);
        String week = today.get(IsoFields.WEEK_BASED_YEAR) + "-W" + today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        if (!store.claimEvent("digest:" + channel.platform() + ":" + channel.channel() + ":" + week, clock.instant(),
                WEEK.plusDays(1))) {
            return new AlreadyPosted(week);
        }
        HealthReport report = reports.last(WEEK);
        ChatSurface.ReportPosted posted = surface.postReport(channel,
                ChatText.of(HealthReportText.render(report, proposals)),
                new Chart("Failed jobs per day, by verdict", "verdicts-per-day.png",
                        chart.verdictsPerDay(report.days(), CHART_WIDTH, CHART_HEIGHT)));
        boolean text = posted.text() instanceof dev.pipelinetriage.chat.Posted.Delivered;
        boolean image = posted.chart() instanceof dev.pipelinetriage.chat.Posted.Delivered;
        LOG.info("weekly digest {} posted to {}: text {}, chart {}", week, channel.channel(), text, image);
        return new Posted(text, image);
    }
}
