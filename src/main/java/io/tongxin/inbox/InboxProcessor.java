package io.tongxin.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tongxin.shared.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private ThreadPoolExecutor workers;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
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

    /** Starts processing a message just claimed by {@link InboxAccept#accept}; completes with its inline reply. */
    public Dispatched dispatch(long id, String token) {
        ReplyHandoff handoff = new ReplyHandoff();
        try {
            return new Dispatched(CompletableFuture.supplyAsync(() -> process(id, token, handoff), workers), handoff);
        } catch (RejectedExecutionException e) {
            store.release(id, token);
            return new Dispatched(CompletableFuture.completedFuture(Optional.empty()), handoff);
        }
    }

    /** Claims due messages and processes them; returns how many were claimed. */
    public int drain() {
        InboxWork.Claim claim = store.claimDue(config.batchSize());
        for (Long id : claim.ids()) {
            process(id, claim.token(), null); // nobody waits: replies go through the outbox
        }
        return claim.ids().size();
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
        Timer.Sample sample = Timer.start(registry);
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
