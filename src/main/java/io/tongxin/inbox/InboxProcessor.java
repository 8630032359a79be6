package io.tongxin.inbox;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.InboundDraft;
import io.tongxin.shared.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Processes inbox messages from their stored copy: right after acceptance on a small worker pool
 * (so a handler's reply can still become the passive reply), and from {@link InboxPoller} for
 * retries, re-drives and anything left behind by a crash or restart (expired leases).
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

    private ThreadPoolExecutor workers;

    /** Ordered messages of one sender, one at a time on this instance (see {@link SenderLanes}). */
    final SenderLanes lanes = new SenderLanes();

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
        AtomicInteger n = new AtomicInteger();
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
                r -> {
                    Thread t = new Thread(r, "inbox-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
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

    /** The poller's last claim found due messages (tests: a backlog without a poller). */
    boolean behind() {
        return backlog;
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

    /**
     * Claims due messages and processes them on the worker threads (this thread too when they are
     * all taken), waiting until the batch is done; returns how many were claimed. A backlog stored
     * {@code pending} (see {@link #claimsOnArrival}) is thus drained by every worker, not by the
     * poller's thread alone. Nobody waits for these replies: they go through the outbox.
     *
     * <p>Up to {@code tongxin.inbox.messages-per-transaction} messages share one transaction
     * ({@link #processTogether}), one sender's messages always in the same group and in order, so a
     * later one sees the earlier one processed. A message whose sender has an earlier one unfinished
     * elsewhere is processed on its own (it is deferred, as {@code DialogueHandler} does).
     */
    public int drain() {
        if (!config.process()) {
            return 0; // accept-only: the instances that process claim this instance's messages
        }
        InboxWork.Claim claim = store.claimDue(config.batchSize());
        Map<Long, String> senders = new HashMap<>();
        for (int i = 0; i < claim.ids().size(); i++) {
            senders.put(claim.ids().get(i), claim.senders().get(i));
        }
        // a backlog in the database: as many due messages as would stop a webhook's wait in the queue;
        // it stays so while the batch runs and the poller claims again, until a claim finds fewer
        backlog = claim.ids().size() >= Math.max(1, Math.min(config.batchSize(), webhook.inlineMaxQueued()));
        List<CompletableFuture<?>> running = new ArrayList<>();
        for (List<Long> group : groups(claim, config.messagesPerTransaction(), config.workers())) {
            // a message whose sender has an ordered one running or waiting here waits in that lane
            List<String> keys = group.stream().map(senders::get).toList();
            List<SenderLanes.Waiting> entries = group.stream()
                    .map(id -> new SenderLanes.Waiting(
                            id, () -> process(id, claim.token(), null), () -> store.release(id, claim.token())))
                    .toList();
            List<Boolean> kept = lanes.admit(keys, entries);
            List<Long> mine = new ArrayList<>();
            List<String> held = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                if (kept.get(i)) {
                    mine.add(group.get(i));
                    held.add(keys.get(i));
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            Runnable work = () -> {
                try {
                    processTogether(mine, claim.token());
                } finally {
                    // every sender released first, then their next ordered messages, right after
                    Map<String, SenderLanes.Waiting> next = new LinkedHashMap<>();
                    for (String key : held) {
                        SenderLanes.Waiting w = lanes.release(key);
                        if (w != null) {
                            next.put(key, w);
                        }
                    }
                    next.forEach(this::runLane);
                }
            };
            try {
                running.add(CompletableFuture.runAsync(work, workers));
            } catch (RejectedExecutionException full) {
                work.run();
            }
        }
        for (CompletableFuture<?> f : running) {
            try {
                f.join();
            } catch (RuntimeException e) {
                LOG.warnf("inbox batch: a worker ended abnormally: %s", LogText.escape(e.getMessage()));
            }
        }
        return claim.ids().size();
    }

    /** Runs a lane's entries, starting with {@code first}, until nothing of that sender waits here. */
    private void runLane(String lane, SenderLanes.Waiting first) {
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

    /**
     * The claimed messages in groups of at most {@code perTransaction} (about one group per worker
     * thread when fewer are claimed): each sender's messages in one group, in the order they arrived
     * (a sender with more messages than that gets a larger group of their own).
     */
    static List<List<Long>> groups(InboxWork.Claim claim, int perTransaction, int workers) {
        if (perTransaction <= 1) {
            return claim.ids().stream().map(List::of).toList(); // one transaction per message, as claimed
        }
        Map<String, List<Long>> bySender = new LinkedHashMap<>();
        for (int i = 0; i < claim.ids().size(); i++) {
            bySender.computeIfAbsent(claim.senders().get(i), k -> new ArrayList<>())
                    .add(claim.ids().get(i));
        }
        int per = Math.max(1, Math.min(perTransaction, (claim.ids().size() + workers - 1) / Math.max(1, workers)));
        List<List<Long>> groups = new ArrayList<>();
        List<Long> current = new ArrayList<>();
        for (List<Long> one : bySender.values()) {
            one.sort(null); // a sender's messages in the order they arrived (a retried one may be claimed later)
            if (!current.isEmpty() && current.size() + one.size() > per) {
                groups.add(current);
                current = new ArrayList<>();
            }
            current.addAll(one);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    /** {@link #processTogether}'s batch committed as a whole (else the index of the message to split at, or -1). */
    private static final int TOGETHER_DONE = -2;

    /**
     * Processes claimed messages in one transaction; if that fails for any of them (or one must wait
     * for its sender's earlier message), each is processed in its own transaction instead, with the
     * usual outcome per message (processed, deferred, retrying, failed). A message that must not run
     * in a batch ({@link ProcessAlone}) is processed alone at once, the ones before and after it together.
     */
    void processTogether(List<Long> ids, String token) {
        if (ids.isEmpty()) {
            return;
        }
        if (ids.size() == 1) {
            process(ids.get(0), token, null);
            return;
        }
        List<Long> alone = store.waitingForEarlier(ids);
        List<Long> together = ids.stream().filter(id -> !alone.contains(id)).toList();
        boolean done = false;
        int split = -1;
        if (together.size() > 1) {
            int outcome = turn(together.size(), sample -> {
                try {
                    store.runHandlersTogether(together, token);
                    sample.stop(registry.timer("tongxin.inbox.processing", "outcome", "processed-together"));
                    return TOGETHER_DONE;
                } catch (ProcessAlone one) {
                    return together.indexOf(one.messageId()); // -1 (not one of them): one by one
                } catch (Exception e) {
                    // rolled back as a whole: each message gets its own transaction and its own outcome
                    LOG.debugf(
                            "inbox batch of %d: %s; processing them one by one",
                            together.size(), LogText.escape(e.getClass().getSimpleName()));
                    return -1;
                }
            });
            done = outcome == TOGETHER_DONE;
            split = outcome;
        }
        if (split >= 0) {
            // one message must not wait for its locks inside a batch: it alone now, the others together
            processTogether(together.subList(0, split), token);
            process(together.get(split), token, null);
            processTogether(together.subList(split + 1, together.size()), token);
        }
        for (Long id : done ? alone : split >= 0 ? alone : ids) {
            process(id, token, null);
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
    private <T> T turn(int messages, Function<Timer.Sample, T> work) {
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
