package io.tongxin.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.tongxin.shared.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The poller's batches ({@link InboxPoller}): claims due messages (retries, re-drives, a backlog
 * stored {@code pending}, anything left behind by a crash or restart) and has {@link InboxProcessor}
 * process them on its worker threads, several messages to a transaction where they can share one.
 */
@ApplicationScoped
public class InboxBatches {

    private static final Logger LOG = Logger.getLogger(InboxBatches.class);

    /** {@link #processTogether}'s batch committed as a whole (else the index of the message to split at, or -1). */
    private static final int TOGETHER_DONE = -2;

    @Inject
    InboxProcessor processor;

    @Inject
    InboxWork store;

    @Inject
    InboxConfig config;

    @Inject
    MeterRegistry registry;

    /**
     * The poller's groups running or handed to the worker threads, one permit each (as many as the
     * threads): kept across polls, so the next poll's claims go on while a slow group still runs.
     */
    private Semaphore free;

    /** Messages the poller claimed that are not processed yet (running, or waiting for a thread or a lane). */
    private final AtomicInteger inFlight = new AtomicInteger();

    /** The poller's last claim took every due message (it found fewer than a batch). */
    private volatile boolean claimedAll;

    /**
     * {@code n} claimed messages are done: when none is left and the last claim took every due one,
     * the backlog is over now, not at the next poll.
     */
    private void processed(int n) {
        if (inFlight.addAndGet(-n) == 0 && claimedAll) {
            processor.claimedDue(0);
        }
    }

    /** {@code r}, then the one claimed message it ends counted {@link #processed}, whatever happens. */
    private Runnable counted(Runnable r) {
        return () -> {
            try {
                r.run();
            } finally {
                processed(1);
            }
        };
    }

    @PostConstruct
    void create() {
        free = new Semaphore(Math.max(1, config.workers()));
    }

    /**
     * Claims due messages and hands them to the worker threads (this thread runs a group when their
     * queue is full) until none is due; returns how many were claimed. It does not wait for them to
     * be processed: the groups run on, and the next poll claims beside them. A backlog stored
     * {@code pending} (see {@link InboxProcessor#claimsOnArrival}) is thus drained by every worker, not
     * by the poller's thread alone. Nobody waits for these replies: they go through the outbox.
     *
     * <p>Claims are a pipeline, not rounds: a claim's groups go to the worker threads as threads free
     * up (at most {@code tongxin.inbox.workers} of the poller's groups at once), and the next claim
     * follows as soon as the last group of the previous one has a thread, so a slow group never
     * leaves the other threads idle until it ends. Up to {@code tongxin.inbox.messages-per-transaction}
     * messages share one transaction ({@link #processTogether}), one sender's messages always in the
     * same group and in order, so a later one sees the earlier one processed; a sender's message
     * claimed while an earlier one of theirs is still running here waits for it in their lane
     * ({@link SenderLanes}). A message whose sender has an earlier one unfinished elsewhere is
     * processed on its own (it is deferred, as {@code DialogueHandler} does).
     */
    public int drain() {
        if (!config.process()) {
            return 0; // accept-only: the instances that process claim this instance's messages
        }
        int claimed = 0;
        while (true) {
            InboxWork.Claim claim = store.claimDue(config.batchSize());
            // the backlog: what this claim found and what earlier claims left running or waiting here
            processor.claimedDue(inFlight.addAndGet(claim.ids().size()));
            claimedAll = claim.ids().size() < config.batchSize();
            claimed += claim.ids().size();
            start(claim);
            if (claimedAll || processor.stopping()) {
                // nothing more is due now (the next poll claims what arrives meanwhile, while these
                // groups still run), or this instance is shutting down: the rest stays due
                break;
            }
        }
        return claimed;
    }

    /**
     * Hands a claim's groups to the worker threads, each holding one of {@link #free}'s permits until
     * it ends (a group waits here for a permit: the poller's groups never outnumber the worker threads).
     */
    private void start(InboxWork.Claim claim) {
        Map<Long, String> senders = new HashMap<>();
        for (int i = 0; i < claim.ids().size(); i++) {
            senders.put(claim.ids().get(i), claim.senders().get(i));
        }
        SenderLanes lanes = processor.lanes(); // a call: the injected processor is a client proxy
        for (List<Long> group : groups(claim, config.messagesPerTransaction(), config.workers())) {
            // a message whose sender has an ordered one running or waiting here waits in that lane
            List<String> keys = group.stream().map(senders::get).toList();
            List<SenderLanes.Waiting> entries = group.stream()
                    .map(id -> new SenderLanes.Waiting(
                            id,
                            counted(() -> processor.process(id, claim.token(), null)),
                            counted(() -> store.release(id, claim.token()))))
                    .toList();
            List<Boolean> kept = lanes.admit(keys, entries);
            List<Long> mine = new ArrayList<>();
            List<String> senderKeys = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                if (kept.get(i)) {
                    mine.add(group.get(i));
                    senderKeys.add(keys.get(i));
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            free.acquireUninterruptibly();
            Runnable work = () -> {
                try {
                    processTogether(mine, claim.token());
                } finally {
                    processed(mine.size());
                    try {
                        // every sender released first, then their next ordered messages, right after
                        Map<String, SenderLanes.Waiting> next = new LinkedHashMap<>();
                        for (String key : senderKeys) {
                            SenderLanes.Waiting w = lanes.release(key);
                            if (w != null) {
                                next.put(key, w);
                            }
                        }
                        next.forEach(processor::runLane);
                    } finally {
                        free.release();
                    }
                }
            };
            try {
                CompletableFuture.runAsync(work, processor.workers()).exceptionally(e -> {
                    LOG.warnf(e, "inbox batch: a worker ended abnormally: %s", LogText.escape(e.getMessage()));
                    return null;
                });
            } catch (RejectedExecutionException full) {
                work.run();
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
            processor.process(ids.get(0), token, null);
            return;
        }
        AtomicReference<List<Long>> alone = new AtomicReference<>(List.of());
        int outcome = processor.turn(ids.size(), sample -> {
            try {
                // those whose sender has an earlier message unfinished outside the batch are not run there
                alone.set(store.runHandlersTogether(ids, token));
                sample.stop(registry.timer("tongxin.inbox.processing", "outcome", "processed-together"));
                return TOGETHER_DONE;
            } catch (ProcessAlone one) {
                return ids.indexOf(one.messageId()); // -1 (not one of them): one by one
            } catch (Exception e) {
                // rolled back as a whole: each message gets its own transaction and its own outcome
                LOG.debugf(
                        "inbox batch of %d: %s; processing them one by one",
                        ids.size(), LogText.escape(e.getClass().getSimpleName()));
                return -1;
            }
        });
        if (outcome >= 0) {
            // one message must not wait for its locks inside a batch: it alone now, the others together
            processTogether(ids.subList(0, outcome), token);
            processor.process(ids.get(outcome), token, null);
            processTogether(ids.subList(outcome + 1, ids.size()), token);
            return;
        }
        // each waits for its sender's earlier message (deferred, as DialogueHandler does), or the batch failed
        for (Long id : outcome == TOGETHER_DONE ? alone.get() : ids) {
            processor.process(id, token, null);
        }
    }
}
