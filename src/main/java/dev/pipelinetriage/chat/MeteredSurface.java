package dev.pipelinetriage.chat;

import dev.pipelinetriage.app.port.TriageMetrics;
import java.time.Duration;
import java.util.Objects;

/** A chat surface that counts what the platform did not take, per platform, for operators' alerts. */
public final class MeteredSurface implements ChatSurface {
    private final ChatSurface surface;
    private final TriageMetrics metrics;
    private final String platform;

    public MeteredSurface(ChatSurface surface, TriageMetrics metrics, String platform) {
        this.surface = Objects.requireNonNull(surface, "surface");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    @Override
    public Posted post(Place place, ChatText text) {
        return counted(surface.post(place, text));
    }

    @Override
    public Posted showCard(Place place, String replacing, CardView card) {
        return counted(surface.showCard(place, replacing, card));
    }

    @Override
    public Posted tell(Place place, String user, ChatText text) {
        return counted(surface.tell(place, user, text));
    }

    @Override
    public Duration placeholderAfter() {
        return surface.placeholderAfter();
    }

    @Override
    public Posted postImage(Place place, String title, String fileName, byte[] png) {
        return counted(surface.postImage(place, title, fileName, png));
    }

    @Override
    public ReportPosted postReport(Place place, ChatText text, Chart chart) {
        ReportPosted posted = surface.postReport(place, text, chart);
        posted.messages().forEach(this::counted);
        return posted;
    }

    private Posted counted(Posted posted) {
        if (posted instanceof Posted.Undelivered) {
            metrics.undeliveredPost(platform);
        }
        return posted;
    }
}
