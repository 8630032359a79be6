package io.tongxin.inbox;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.InboundDraft;
import io.tongxin.shared.BackgroundConfig;
import io.tongxin.shared.BackgroundThreads;
import io.tongxin.shared.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Processes inbox messages from their stored copy on a small worker pool: right after acceptance (so
 * a handler's reply can still become the passive reply), and for the poller's claims
 * ({@link InboxBatches}: retries, re-drives and anything left behind by a crash or restart, expired
 * leases). One attempt per message, in its sender's lane ({@link SenderLanes}), in turns the
 * {@link ProcessingGate} grants.
 */
@ApplicationScoped
public class InboxProcessor {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class);

    @Inject
    InboxWork store;

    @Inject
    InboxConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    WebhookConfig webhook;

    @Inject
    BackgroundConfig background;

    private ThreadPoolExecutor workers;

    /** Ordered messages of one sender, one at a time on this instance (see {@link SenderLanes}). */
    private final SenderLanes lanes = new SenderLanes();

    /** Messages being processed on this instance right now (on the worker threads or the poller's). */
    private final AtomicInteger running = new AtomicInteger();

    /** Recent processing time per message on this instance, ms (moving average; 0 before the first). */
    private volatile double meanMillis;

    /** Whether the poller's last claim found due messages in the database (a backlog, any instance's). */
    private volatile boolean backlog;

    /** How many messages are processed at once: fewer while webhooks are being accepted. */
    private ProcessingGate gate;

    @PostConstruct
    void start() {
        gate = new ProcessingGate(
                config.workers(),
                config.workersWhileAccepting().orElse(config.workers()),
                config.acceptLatencyTarget().orElse(Duration.ZERO).toNanos(),
                config.maxYield().toNanos());
        FunctionCounter.builder("tongxin.inbox.processing.yielded", gate, ProcessingGate::yielded)
                .description("processing turns that first waited for slow webhook acceptance to recover")
                .register(registry);
        workers = new ThreadPoolExecutor(
                config.workers(),
                config.workers(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queue()),
                new BackgroundThreads("inbox-worker", background.nice()));
        if (!config.process()) {
            LOG.info("accept-only instance (tongxin.inbox.process=false): webhooks are acknowledged at once"
                    + " and their messages left pending for the instances that process them");
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        // Graceful shutdown: let running attempts finish; anything not done stays claimed in the
        // database and is picked up again when its lease expires.
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A message being processed for a waiting webhook: its reply (if any) and the inline/outbox decision. */
    record Dispatched(CompletableFuture<Optional<String>> reply, ReplyHandoff handoff) {}

    /**
     * This instance's lanes, for the poller's claims ({@link InboxBatches}). A method, not the field: a
     * caller holds this bean's client proxy, whose own copy of the field is another, unused object
     * (reading it directly, the poller's claims never saw the messages running here, and the senders'
     * pending markers never cleared).
     */
    SenderLanes lanes() {
        return lanes;
    }

    /** Accepted messages waiting for a worker thread on this instance (not yet started), in a lane too. */
    int queued() {
        return workers.getQueue().size() + lanes.waiting();
    }

    /**
     * The lane of a message just accepted: its sender's key ({@link #senderKey}, as the poller's
     * claim names it) when a handler keeps that sender's messages in order ({@link InboxAccept#decide}
     * said so), else null.
     */
    public String lane(ChannelInfo channel, InboundDraft d, InboxAccept.Decision decision) {
        return decision.ordered()
                ? senderKey(channel.key(), InboxMessage.cut(d.chatId(), 128), InboxMessage.cut(d.senderId(), 128))
                : null;
    }

    /**
     * Whether a webhook should wait for its message's reply, i.e. processing keeps up on this
     * instance: fewer than {@code maxQueued} accepted messages wait for a worker thread, the poller's
     * last claim found fewer than that many due messages in the database (else a backlog stored
     * {@code pending} by any instance, or retries: the poller keeps claiming), and the expected wait
     * (the messages ahead of this one on the worker threads times the recent processing time per
     * message) is within the reply budget. Counters in memory, no query.
     */
    boolean keepsUp(int maxQueued, Duration budget) {
        int queued = queued();
        return queued < maxQueued && !backlog && expectedWaitMillis(queued) < budget.toMillis();
    }

    /**
     * How long a message dispatched now would wait for its reply when every worker thread is taken: its
     * turn after those ahead of it, then its own processing (0 while a thread is free: processing
     * starts at once, and the reply budget bounds the wait as before).
     */
    double expectedWaitMillis(int queued) {
        int threads = config.workers();
        int ahead = queued + running.get();
        return ahead < threads ? 0 : meanMillis * (1 + (double) (ahead - threads + 1) / threads);
    }

    /**
     * The webhook path starts accepting a message: processing yields to it ({@link ProcessingGate});
     * returns the start for {@link #acceptEnded(long)}.
     */
    long acceptStarted() {
        return gate.acceptStarted();
    }

    /** That webhook has stored its message (or failed to); {@code started} from {@link #acceptStarted()}. */
    void acceptEnded(long started) {
        gate.acceptEnded(started);
    }

    /**
     * The poller's claim found due messages: {@code due} of them, with those its earlier claims left
     * unprocessed here (running or waiting), a backlog when as many as would stop a webhook's wait in
     * the queue; it stays so until a claim counts fewer (see {@link #keepsUp}).
     */
    void claimedDue(int due) {
        backlog = due >= Math.max(1, Math.min(config.batchSize(), webhook.inlineMaxQueued()));
    }

    /** Whether this instance is shutting down (its worker threads take no new work). */
    boolean stopping() {
        return workers.isShutdown();
    }

    /** The worker threads, for the poller's batches ({@link InboxBatches#drain}). */
    Executor workers() {
        return workers;
    }

    private void processed(long startNanos, int messages) {
        double millis = (System.nanoTime() - startNanos) / 1e6 / Math.max(1, messages);
        double before = meanMillis;
        meanMillis = before == 0 ? millis : before + (millis - before) * 0.2;
    }

    /** Who sent a message, as the poller's claim names it: channel, chat ("" for direct), sender. */
    static String senderKey(String channelKey, String chatId, String senderId) {
        return channelKey + "\u0000" + (chatId == null ? "" : chatId) + "\u0000" + (senderId == null ? "" : senderId);
    }

    /**
     * Whether a message accepted now should be claimed for a worker thread (else a poller takes it:
     * this instance's, or on an accept-only instance another one's).
     */
    boolean claimsOnArrival() {
        return config.process() && queued() < Math.min(config.claimAhead(), config.queue());
    }

    /**
     * As {@link #claimsOnArrival()} for a message in {@code lane} ({@link #lane}): not while the
     * poller has yet to claim an earlier one of the sender stored pending here (this one follows it
     * through the poller, in order, instead of running first and being deferred).
     */
    boolean claimsOnArrival(String lane) {
        return claimsOnArrival() && (lane == null || !lanes.pendingHere(lane));
    }

    /** A message in {@code lane} was stored pending for the poller; see {@link #claimsOnArrival(String)}. */
    void storedPending(String lane, long id) {
        if (lane != null && config.process()) { // an accept-only instance never claims it: no marker
            lanes.storedPending(lane, id);
        }
    }

    /**
     * Starts processing a message just claimed by {@link InboxAccept#accept}, for a webhook that
     * waits for its reply ({@code wait}) or not (processing then sends any reply through the outbox),
     * in the sender's {@code lane} ({@link #lane}; null: none): when a message of the same sender runs
     * here, this one waits for it and runs right after it, on the same worker thread. Completes with
     * the inline reply.
     */
    public Dispatched dispatch(long id, String token, String lane, boolean wait) {
        ReplyHandoff handoff = new ReplyHandoff();
        if (!wait) {
            handoff.abandon(); // nobody waits: the reply goes through the outbox, as when the budget runs out
        }
        if (lane != null) {
            CompletableFuture<Optional<String>> reply = new CompletableFuture<>();
            SenderLanes.Waiting entry =
                    new SenderLanes.Waiting(id, () -> reply.complete(process(id, token, handoff)), () -> {
                        reply.complete(Optional.empty());
                        store.release(id, token);
                    });
            if (lanes.enter(lane, entry)) {
                try {
                    workers.execute(() -> runLane(lane, entry));
                } catch (RejectedExecutionException e) {
                    giveBack(lane, entry);
                }
            }
            return new Dispatched(reply, handoff);
        }
        try {
            return new Dispatched(CompletableFuture.supplyAsync(() -> process(id, token, handoff), workers), handoff);
        } catch (RejectedExecutionException e) {
            store.release(id, token);
            return new Dispatched(CompletableFuture.completedFuture(Optional.empty()), handoff);
        }
    }

    /** Runs a lane's entries, starting with {@code first}, until nothing of that sender waits here. */
    void runLane(String lane, SenderLanes.Waiting first) {
        for (SenderLanes.Waiting w = first; w != null; w = lanes.next(lane)) {
            try {
                w.run().run();
            } catch (RuntimeException | Error e) {
                LOG.warnf("inbox message %d: its worker ended abnormally: %s", w.id(), LogText.escape(e.getMessage()));
            }
        }
    }

    /** No worker thread took the lane: its entries give their claims back (the poller claims them again). */
    private void giveBack(String lane, SenderLanes.Waiting first) {
        for (SenderLanes.Waiting w = first; w != null; w = lanes.next(lane)) {
            try {
                w.giveBack().run();
            } catch (RuntimeException e) {
                LOG.warnf(
                        "inbox message %d: its claim could not be given back: %s",
                        w.id(), LogText.escape(e.getMessage()));
            }
        }
    }

    private void sendLate(long id) {
        try {
            store.sendClaimedReplyLate(id);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "inbox message %d: its reply missed the webhook's answer and could not be queued: %s",
                    id, LogText.escape(e.getMessage()));
        }
    }

    /**
     * Queues in the outbox the replies committed for a webhook's answer that no webhook confirmed (their
     * instance died in between); returns how many.
     */
    public int sweepPendingReplies() {
        if (!config.process()) {
            return 0;
        }
        return store.sweepPendingReplies(config.batchSize());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One attempt on a claimed message. Failures are recorded, never thrown. */
    Optional<String> process(long id, String token, ReplyHandoff handoff) {
        return turn(1, sample -> attempt(id, token, handoff, sample));
    }

    /**
     * One processing turn of {@code messages} messages: a turn from the {@link ProcessingGate}, counted
     * as running and timed (the moving processing time per message behind {@link #keepsUp} counts
     * every turn, whatever its outcome: a deferral or a failure took the thread too).
     */
    <T> T turn(int messages, Function<Timer.Sample, T> work) {
        gate.enter();
        Timer.Sample sample = Timer.start(registry);
        long start = System.nanoTime();
        running.addAndGet(messages);
        try {
            T result = work.apply(sample);
            processed(start, messages);
            return result;
        } finally {
            running.addAndGet(-messages);
            gate.exit();
        }
    }

    private Optional<String> attempt(long id, String token, ReplyHandoff handoff, Timer.Sample sample) {
        try {
            Optional<String> reply = store.runHandlers(id, token, handoff);
            if (reply.isPresent() && config.testPauseAfterReplyCommit().isPresent()) {
                pause(config.testPauseAfterReplyCommit().get().toMillis()); // test-only fault hook
            }
            boolean answered = reply.isPresent() && handoff.committed();
            sample.stop(registry.timer("tongxin.inbox.processing", "outcome", "processed"));
            if (reply.isPresent() && !answered) {
                // claimed for the webhook's answer, but the webhook gave up waiting for this commit
                sendLate(id);
                return Optional.empty();
            }
            return reply;
        } catch (RetryLater later) {
            store.defer(id, token, later.after(), later.getMessage());
            sample.stop(registry.timer("tongxin.inbox.processing", "outcome", "deferred"));
            return Optional.empty();
        } catch (Exception e) {
            InboxStatus now = store.recordFailure(id, token, e);
            sample.stop(registry.timer("tongxin.inbox.processing", "outcome", "failed"));
            LOG.warnf(
                    "inbox message %d: processing failed (%s), now %s: %s",
                    id,
                    e.getClass().getSimpleName(),
                    now == null ? "gone" : now.wire(),
                    LogText.escape(e.getMessage()));
            return Optional.empty();
        }
    }
}
