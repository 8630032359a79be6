package io.tongxin.inbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * One sender's ordered messages on this instance, one at a time and in arrival order (issue 16). A
 * handler that keeps a sender's messages in order ({@link InboundHandler#ordered}, the bot) defers a
 * message whose sender has an earlier one unfinished: its transaction is rolled back and the message
 * waits for a retry. On one instance that is avoidable: a message whose sender already has one
 * running here (or a poller transaction holding that sender's messages) waits in the sender's lane,
 * in memory, and the worker that finishes the running one runs it right after, in the same thread.
 * The database's per-sender order check stays the rule (across instances, after a restart); a lane
 * only spares it from saying no.
 *
 * <p>Three kinds of entry: an ordered message accepted here ({@link #enter}: runs now or waits), a
 * message the poller claimed ({@link #admit}: waits when a message of its sender is running, waiting
 * or held by another poller transaction here, else the poller's transaction holds the sender until it
 * ends, {@link #release}), and messages not for an ordered handler, which never look at the lanes. The
 * poller's claims are a pipeline ({@link InboxBatches#drain}): a later claim of a sender whose earlier
 * message a running poller transaction holds waits for it here instead of running beside it and being
 * deferred.
 */
final class SenderLanes {

    /** A message waiting in a lane: {@code run} processes it; {@code giveBack} returns its claim unprocessed. */
    record Waiting(long id, Runnable run, Runnable giveBack) {}

    private static final class Lane {
        /** Poller transactions running messages of this sender. */
        int holds;
        /** A lane entry is running. */
        boolean running;

        final PriorityQueue<Waiting> waiting = new PriorityQueue<>(Comparator.comparingLong(Waiting::id));

        boolean idle() {
            return holds == 0 && !running && waiting.isEmpty();
        }
    }

    private final Map<String, Lane> lanes = new HashMap<>();
    private int waiting;

    /**
     * Senders with an ordered message stored {@code pending} here (the poller takes it: processing
     * was behind), by the highest such id: their next message is stored pending too, so it is claimed
     * after that one (in the same poll, in order) instead of running first and being deferred.
     */
    private final Map<String, Long> pendingHere = new HashMap<>();

    /** Bound of {@link #pendingHere}: its markers of messages claimed by another instance never clear here. */
    private static final int MAX_PENDING_SENDERS = 10_000;

    /**
     * An ordered message: true when it may run now (the caller runs it, then {@link #next}); false
     * when it waits in its sender's lane for the worker that finishes the one before it.
     */
    synchronized boolean enter(String key, Waiting w) {
        Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
        if (lane.idle()) {
            lane.running = true;
            return true;
        }
        lane.waiting.add(w);
        waiting++;
        return false;
    }

    /**
     * Messages the poller claimed, with their senders' keys: those whose sender has a message running,
     * waiting or held by another poller transaction here are queued behind it (their {@code waiting}
     * entry, run by the thread that ends it); the others' senders are held by the poller's transaction
     * until {@link #release}. Returns, per message, whether the
     * poller keeps it (release its key once per kept message).
     */
    synchronized List<Boolean> admit(List<String> keys, List<Waiting> entries) {
        List<Boolean> kept = new ArrayList<>(keys.size());
        Set<String> mine = new HashSet<>(); // a sender's messages of this one transaction stay together
        for (int i = 0; i < keys.size(); i++) {
            Long pending = pendingHere.get(keys.get(i));
            if (pending != null && pending <= entries.get(i).id()) {
                pendingHere.remove(keys.get(i)); // claimed: the sender's next message may be claimed on arrival
            }
            Lane lane = lanes.get(keys.get(i));
            boolean ours = mine.contains(keys.get(i));
            if (!ours && lane != null && (lane.running || lane.holds > 0 || !lane.waiting.isEmpty())) {
                lane.waiting.add(entries.get(i));
                waiting++;
                kept.add(false);
            } else {
                lanes.computeIfAbsent(keys.get(i), k -> new Lane()).holds++;
                mine.add(keys.get(i));
                kept.add(true);
            }
        }
        return kept;
    }

    /** Whether the sender has an ordered message stored pending here that the poller has not claimed yet. */
    synchronized boolean pendingHere(String key) {
        return pendingHere.containsKey(key);
    }

    /** An ordered message of {@code key} was stored pending (for the poller). */
    synchronized void storedPending(String key, long id) {
        if (pendingHere.size() >= MAX_PENDING_SENDERS) {
            pendingHere.clear(); // at worst a later message runs first and is deferred, as without lanes
        }
        pendingHere.merge(key, id, Math::max);
    }

    /** A poller transaction holding {@code key} ended: the entry to run next in this thread, or null. */
    synchronized Waiting release(String key) {
        Lane lane = lanes.get(key);
        lane.holds--;
        return advance(key, lane);
    }

    /** The running entry of {@code key} ended: the entry to run next in this thread, or null. */
    synchronized Waiting next(String key) {
        Lane lane = lanes.get(key);
        lane.running = false;
        return advance(key, lane);
    }

    private Waiting advance(String key, Lane lane) {
        if (lane.holds == 0 && !lane.running && !lane.waiting.isEmpty()) {
            waiting--;
            lane.running = true;
            return lane.waiting.poll();
        }
        if (lane.idle()) {
            lanes.remove(key);
        }
        return null;
    }

    /** Messages waiting in a lane (accepted or claimed here, not yet started). */
    synchronized int waiting() {
        return waiting;
    }

    /** Senders with a lane open (for tests: 0 once everything here is done). */
    synchronized int open() {
        return lanes.size();
    }
}
