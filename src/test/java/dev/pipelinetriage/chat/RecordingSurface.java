package dev.pipelinetriage.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A chat platform in memory, for tests: records what the conversation layer posts, shows and tells. */
class RecordingSurface implements ChatSurface {
    record Post(Place place, String text, String id) {
    }

    record Shown(Place place, String replacing, CardView card) {
    }

    record Told(Place place, String user, String text) {
    }

    final List<Post> posts = new CopyOnWriteArrayList<>();
    final List<Shown> cards = new CopyOnWriteArrayList<>();
    final List<Told> told = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Duration placeholderAfter;

    RecordingSurface() {
        this(Duration.ZERO);
    }

    /** A platform that posts a placeholder only for a triage still running after {@code placeholderAfter}. */
    RecordingSurface(Duration placeholderAfter) {
        this.placeholderAfter = placeholderAfter;
    }

    @Override
    public Duration placeholderAfter() {
        return placeholderAfter;
    }

    @Override
    public Posted post(Place place, ChatText text) {
        String id = "m" + ids.incrementAndGet();
        posts.add(new Post(place, text.plain(), id));
        return new Posted.Delivered(id);
    }

    @Override
    public Posted showCard(Place place, String replacing, CardView card) {
        cards.add(new Shown(place, replacing, card));
        return new Posted.Delivered(replacing == null ? "m" + ids.incrementAndGet() : replacing);
    }

    @Override
    public Posted tell(Place place, String user, ChatText text) {
        told.add(new Told(place, user, text.plain()));
        return new Posted.Delivered("e" + ids.incrementAndGet());
    }
}
