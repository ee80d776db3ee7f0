package dev.pipelinetriage.app.port;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outage store in memory, for tests: one lock for atomicity, the same answers as the database one. */
public class InMemoryOutageStore implements OutageStore {
    private record Hit(String channel, String signature, String job, Instant at) {
    }

    private final List<Hit> hits = new ArrayList<>();
    private final Map<String, Banner> banners = new HashMap<>();

    @Override
    public synchronized boolean recordHit(String channel, String signatureKey, String jobKey, Instant at) {
        if (hits.stream().anyMatch(h -> h.channel().equals(channel) && h.signature().equals(signatureKey)
                && h.job().equals(jobKey))) {
            return false;
        }
        return hits.add(new Hit(channel, signatureKey, jobKey, at));
    }

    @Override
    public synchronized Hits hits(String channel, String signatureKey, Instant since) {
        var matching = hits.stream().filter(h -> h.channel().equals(channel) && h.signature().equals(signatureKey)
                && !h.at().isBefore(since)).toList();
        return new Hits(matching.size(), matching.stream().map(Hit::at).min(Instant::compareTo).orElse(null));
    }

    @Override
    public synchronized Optional<Banner> latestBanner(String channel, String signatureKey) {
        return banners.values().stream().filter(b -> b.channel().equals(channel) && b.signatureKey().equals(signatureKey))
                .max((a, b) -> Integer.compare(a.generation(), b.generation()));
    }

    @Override
    public synchronized boolean openBanner(Banner banner) {
        return banners.putIfAbsent(key(banner.channel(), banner.signatureKey(), banner.generation()), banner) == null;
    }

    @Override
    public synchronized void bannerPosted(String channel, String signatureKey, int generation, String messageId) {
        banners.computeIfPresent(key(channel, signatureKey, generation), (k, b) -> new Banner(b.channel(), b.signatureKey(),
                b.generation(), b.since(), b.lastHit(), messageId, b.shown()));
    }

    @Override
    public synchronized void touchBanner(String channel, String signatureKey, int generation, Instant at) {
        banners.computeIfPresent(key(channel, signatureKey, generation), (k, b) -> new Banner(b.channel(), b.signatureKey(),
                b.generation(), b.since(), b.lastHit().isBefore(at) ? at : b.lastHit(), b.messageId(), b.shown()));
    }

    @Override
    public synchronized boolean raiseShown(String channel, String signatureKey, int generation, long count) {
        Banner b = banners.get(key(channel, signatureKey, generation));
        if (b == null || b.messageId() == null || b.shown() >= count) {
            return false;
        }
        banners.put(key(channel, signatureKey, generation), new Banner(b.channel(), b.signatureKey(), b.generation(),
                b.since(), b.lastHit(), b.messageId(), count));
        return true;
    }

    @Override
    public synchronized int pruneHits(Instant before) {
        int size = hits.size();
        hits.removeIf(h -> h.at().isBefore(before));
        return size - hits.size();
    }

    private static String key(String channel, String signature, int generation) {
        return channel + "|" + signature + "|" + generation;
    }
}
