package io.tongxin.inbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets accepting go first on a small machine. Processing is CPU for this JVM and for PostgreSQL;
 * accepting a webhook is a few milliseconds of both, and its latency is the platform's. Two rules,
 * both applied before a message starts (never inside a transaction):
 *
 * <ul>
 *   <li>By count: while webhooks are being accepted, at most {@code whileAccepting} messages are
 *       processed at once on this instance (else up to every worker thread).
 *   <li>By measured latency: while the recent acceptance time (a moving average of how long this
 *       instance took to accept its last webhooks) is above {@code latencyTarget}, a processing turn
 *       first waits, up to {@code maxYield}, for it to come back under the target: the CPU goes to the
 *       webhooks being accepted, and the backlog is processed when they are answered.
 * </ul>
 *
 * Processing slows while webhooks arrive and never stops: at least one (and at least
 * {@code whileAccepting}) message goes on, a turn waits for the latency at most {@code maxYield}, and
 * the average decays while nothing is accepted.
 */
final class ProcessingGate {

    /** How long after the last webhook started accepting counts as still busy. */
    static final long QUIET_NANOS = 20_000_000L;

    /** Weight of the latest acceptance in the moving average (about the last 10 webhooks). */
    static final double WEIGHT = 0.1;

    private final int workers;
    private final int whileAccepting;
    private final long latencyTargetNanos;
    private final long maxYieldNanos;
    private final AtomicInteger processing = new AtomicInteger();
    private final AtomicInteger accepting = new AtomicInteger();
    private volatile long lastAccept = System.nanoTime() - QUIET_NANOS;

    /** Moving average of acceptance times, ns (only the webhook threads write it; a lost update is harmless). */
    private volatile double acceptNanos;

    /** Turns that waited for the acceptance latency (a metric). */
    private final AtomicInteger yielded = new AtomicInteger();

    ProcessingGate(int workers, int whileAccepting) {
        this(workers, whileAccepting, 0, 0);
    }

    /**
     * @param latencyTargetNanos acceptance time above which processing yields (0: never by latency)
     * @param maxYieldNanos the longest a processing turn waits for the latency to fall
     */
    ProcessingGate(int workers, int whileAccepting, long latencyTargetNanos, long maxYieldNanos) {
        this.workers = Math.max(1, workers);
        this.whileAccepting = Math.max(1, Math.min(this.workers, whileAccepting));
        this.latencyTargetNanos = Math.max(0, latencyTargetNanos);
        this.maxYieldNanos = Math.max(0, maxYieldNanos);
    }

    /** A webhook starts accepting a message; returns its start time for {@link #acceptEnded(long)}. */
    long acceptStarted() {
        long now = System.nanoTime();
        lastAccept = now;
        accepting.incrementAndGet();
        return now;
    }

    /** That webhook has stored its message (or failed); {@code started} from {@link #acceptStarted()}. */
    void acceptEnded(long started) {
        accepting.decrementAndGet();
        double took = System.nanoTime() - started;
        double before = acceptNanos;
        acceptNanos = before == 0 ? took : before + (took - before) * WEIGHT;
    }

    /** Whether webhooks are being accepted now or were within {@link #QUIET_NANOS}. */
    boolean accepting() {
        return accepting.get() > 0 || System.nanoTime() - lastAccept < QUIET_NANOS;
    }

    /**
     * Whether acceptance is slower than the target now: webhooks are being accepted and the recent
     * ones took longer on average. Once accepting is quiet the average no longer counts.
     */
    boolean slow() {
        return latencyTargetNanos > 0 && accepting() && acceptNanos > latencyTargetNanos;
    }

    /** The moving average of acceptance times, ms. */
    double acceptMillis() {
        return acceptNanos / 1e6;
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

    /**
     * Waits for a turn: first, while acceptance is {@link #slow()}, up to {@code maxYield} for it to
     * recover; then for a free turn under the limit (it rises again once accepting is quiet).
     */
    void enter() {
        if (slow() && maxYieldNanos > 0) {
            yielded.incrementAndGet();
            long until = System.nanoTime() + maxYieldNanos;
            while (slow()
                    && System.nanoTime() < until
                    && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(1_000_000L);
            }
        }
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

    /** Turns that waited for the acceptance latency since start. */
    int yielded() {
        return yielded.get();
    }
}
