package io.tongxin.inbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets accepting go first on a small machine: while webhooks are being accepted, at most
 * {@code whileAccepting} messages are processed at once on this instance (else up to every worker
 * thread). Processing is CPU for this JVM and for PostgreSQL; accepting a webhook is a few
 * milliseconds of both, and its latency is the platform's. A processing thread that would exceed the
 * limit waits for its turn before it starts a message (never inside a transaction), so at least
 * {@code whileAccepting} (at least 1) always go on: processing slows while webhooks arrive, and never
 * stops.
 */
final class ProcessingGate {

    /** How long after the last webhook started accepting counts as still busy. */
    static final long QUIET_NANOS = 20_000_000L;

    private final int workers;
    private final int whileAccepting;
    private final AtomicInteger processing = new AtomicInteger();
    private final AtomicInteger accepting = new AtomicInteger();
    private volatile long lastAccept = System.nanoTime() - QUIET_NANOS;

    ProcessingGate(int workers, int whileAccepting) {
        this.workers = Math.max(1, workers);
        this.whileAccepting = Math.max(1, Math.min(this.workers, whileAccepting));
    }

    /** A webhook starts accepting a message. */
    void acceptStarted() {
        lastAccept = System.nanoTime();
        accepting.incrementAndGet();
    }

    /** That webhook has stored its message (or failed). */
    void acceptEnded() {
        accepting.decrementAndGet();
    }

    /** Whether webhooks are being accepted now or were within {@link #QUIET_NANOS}. */
    boolean accepting() {
        return accepting.get() > 0 || System.nanoTime() - lastAccept < QUIET_NANOS;
    }

    /** How many messages may be processed at once now. */
    int limit() {
        return accepting() ? whileAccepting : workers;
    }

    /** Takes a turn if one is free under the current limit. */
    boolean tryEnter() {
        int limit = limit();
        for (int now = processing.get(); now < limit; now = processing.get()) {
            if (processing.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Waits for a turn (the limit rises again once accepting is quiet). */
    void enter() {
        while (!tryEnter()) {
            LockSupport.parkNanos(1_000_000L);
            if (Thread.currentThread().isInterrupted()) {
                processing.incrementAndGet(); // shutting down: go on, the caller exits after its message
                return;
            }
        }
    }

    /** Gives a turn back. */
    void exit() {
        processing.decrementAndGet();
    }

    /** Messages (or batches) being processed now. */
    int processing() {
        return processing.get();
    }
}
