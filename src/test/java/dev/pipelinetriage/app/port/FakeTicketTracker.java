package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tracker in memory that remembers every call. {@link #failNext} makes calls fail like a tracker outage;
 * {@link #searchLagging} hides new tickets from search, like Jira's eventually consistent index.
 */
public final class FakeTicketTracker implements TicketTracker {
    public record Ticket(TicketRef ref, TicketDraft draft, boolean open, List<TicketDocument> comments) {
    }

    private final List<Ticket> tickets = new ArrayList<>();
    private final AtomicInteger creates = new AtomicInteger();
    private int failures;
    private TrackerResult.Problem failure = TrackerResult.Problem.SERVER_ERROR;
    private boolean searchLagging;
    private int reopens;

    @Override
    public String name() {
        return "fake";
    }

    public synchronized void failNext(int calls, TrackerResult.Problem problem) {
        failures = calls;
        failure = problem;
    }

    public synchronized void searchLagging(boolean lagging) {
        searchLagging = lagging;
    }

    public synchronized List<Ticket> tickets() {
        return List.copyOf(tickets);
    }

    public int createCalls() {
        return creates.get();
    }

    public synchronized int reopens() {
        return reopens;
    }

    public synchronized void close(String key) {
        replace(key, false);
    }

    private <T> TrackerResult.Failed<T> failure() {
        failures--;
        return new TrackerResult.Failed<>(failure, "HTTP " + switch (failure) {
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case RATE_LIMITED -> 429;
            case SERVER_ERROR -> 503;
            case UNREACHABLE -> 0;
            case REJECTED -> 400;
        }, failure == TrackerResult.Problem.RATE_LIMITED ? Duration.ofSeconds(30) : null);
    }

    @Override
    public synchronized TrackerResult<TicketRef> create(TicketDraft draft) {
        creates.incrementAndGet();
        if (failures > 0) {
            return failure();
        }
        String key = "OPS-" + (tickets.size() + 1);
        TicketRef ref = new TicketRef(key, "https://tracker.example/browse/" + key);
        tickets.add(new Ticket(ref, draft, true, new ArrayList<>()));
        return new TrackerResult.Ok<>(ref);
    }

    @Override
    public synchronized TrackerResult<List<TicketRef>> findByLabel(String label) {
        if (failures > 0) {
            return failure();
        }
        if (searchLagging) {
            return new TrackerResult.Ok<>(List.of());
        }
        return new TrackerResult.Ok<>(tickets.stream().filter(t -> t.draft().labels().contains(label)).map(Ticket::ref).toList());
    }

    @Override
    public synchronized TrackerResult<Boolean> isOpen(TicketRef ticket) {
        if (failures > 0) {
            return failure();
        }
        return new TrackerResult.Ok<>(find(ticket.key()).open());
    }

    @Override
    public synchronized TrackerResult<TicketRef> comment(TicketRef ticket, TicketDocument text) {
        if (failures > 0) {
            return failure();
        }
        find(ticket.key()).comments().add(text);
        return new TrackerResult.Ok<>(ticket);
    }

    @Override
    public synchronized TrackerResult<TicketRef> reopen(TicketRef ticket) {
        if (failures > 0) {
            return failure();
        }
        reopens++;
        replace(ticket.key(), true);
        return new TrackerResult.Ok<>(ticket);
    }

    private Ticket find(String key) {
        return tickets.stream().filter(t -> t.ref().key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ticket " + key));
    }

    private void replace(String key, boolean open) {
        Ticket t = find(key);
        tickets.set(tickets.indexOf(t), new Ticket(t.ref(), t.draft(), open, t.comments()));
    }
}
