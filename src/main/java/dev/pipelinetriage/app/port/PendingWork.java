package dev.pipelinetriage.app.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Work the bot acknowledged and has not finished yet (a pasted link, a webhook delivery), kept in the shared store
 * with a lease, so that what a stopped or crashed process held is finished by another one: a replica, or the same
 * bot once restarted. Every take of an item is one conditional update in the store, so however many owners race
 * for an item, one gets it.
 *
 * <p>An owner is one running process; it renews the leases it holds while it works and gives them back when it
 * stops. A finished item is kept until its {@code forgetAt}, so a redelivery of it is recognised as finished.
 */
public interface PendingWork {

    /**
     * Records acknowledged work under {@code key} (unique, at most {@link WorkItem#MAX_KEY} characters), leased to
     * {@code owner} until {@code now + lease}. When {@code key} is already there the answer says how it stands; an
     * unfinished item whose lease ran out or was given back is then taken over by {@code owner}.
     *
     * @param payload what finishing the work needs (ids and chat references, never a credential)
     */
    Enqueued enqueue(String kind, String key, String payload, String owner, Instant now, Duration lease);

    /**
     * Takes up to {@code max} unfinished items whose lease ran out or was given back, oldest first, leasing each to
     * {@code owner}; an item goes to one taker only. Also forgets finished items past their {@code forgetAt}.
     */
    List<WorkItem> takeOver(String owner, Instant now, Duration lease, int max);

    /** Extends every lease {@code owner} holds to {@code now + lease}: the owner is alive and still working. */
    int renew(String owner, Instant now, Duration lease);

    /** Remembers the placeholder message posted for item {@code id}: whoever finishes the item replaces it. */
    void placeholder(String id, String messageId);

    /** Whether {@code owner} still holds unfinished item {@code id} (no one took it over meanwhile). */
    boolean holds(String id, String owner);

    /**
     * Marks item {@code id} finished, if {@code owner} holds it; it is kept (and a redelivery of its key answered
     * {@link Enqueued.Finished}) until {@code forgetAt}.
     *
     * @return false when another owner took it over meanwhile, or it was already finished
     */
    boolean complete(String id, String owner, Instant now, Instant forgetAt);

    /** Gives item {@code id} back, if {@code owner} holds it: another owner may take it over at once. */
    void release(String id, String owner, Instant now);

    /** Gives back every lease {@code owner} holds (a graceful stop); returns how many. */
    int releaseAll(String owner, Instant now);

    /** Forgets item {@code id}, if {@code owner} holds it: the work was never acknowledged after all (refused as busy). */
    void abandon(String id, String owner);

    /** How an {@link #enqueue} went. */
    sealed interface Enqueued {
    }

    /** New work, leased to the caller. */
    record Added(WorkItem item) implements Enqueued {
    }

    /** The key was there, unfinished and free (its owner stopped or crashed): now leased to the caller. */
    record Resumed(WorkItem item) implements Enqueued {
    }

    /** The key is there and another owner holds it: it is being done. */
    record InProgress() implements Enqueued {
    }

    /** The key is there and finished. */
    record Finished() implements Enqueued {
    }
}
