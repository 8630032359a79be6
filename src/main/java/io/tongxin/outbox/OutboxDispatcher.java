package io.tongxin.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.tongxin.channel.ChannelCredentials;
import io.tongxin.outbox.senders.SendRequest;
import io.tongxin.outbox.senders.SendResult;
import io.tongxin.outbox.senders.SendingChannel;
import io.tongxin.shared.BackgroundConfig;
import io.tongxin.shared.BackgroundThreads;
import io.tongxin.shared.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Delivers due outbox messages. Every instance runs one: it claims a batch (row locks with
 * SKIP LOCKED plus a lease, so instances never claim the same row and a crashed instance's claims
 * come back after the lease), sends each part outside any transaction on a small pool of worker
 * threads (messages to the same target stay in order), and records the outcome (the batch's sent
 * messages together, every {@link #RECORD_EVERY_MS} ms and when the batch is done): {@code sent},
 * {@code retrying} with exponential backoff and jitter, or {@code dead}. A message over its
 * target's rate limit waits for the window without counting as an attempt.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    @Inject
    OutboxConfig config;

    @Inject
    OutboxStore store;

    @Inject
    RateLimiter limiter;

    @Inject
    DeliveryRoutes routes;

    @Inject
    ChannelCredentials channels;

    @Inject
    OutboxMetrics metrics;

    @Inject
    Clock clock;

    @Inject
    BackgroundConfig background;

    @Inject
    jakarta.enterprise.inject.Instance<OutboundImages> images;

    /**
     * How often, ms, the dispatching thread records the deliveries of the batch it waits for (and once
     * more when the batch is done): the batch's sent messages share one commit, and a delivered
     * message stays unmarked at most about this long behind a slow one.
     */
    static final long RECORD_EVERY_MS = 50;

    /** Batches being dispatched now: shutdown waits for their sent marks before it releases claims. */
    private final AtomicInteger dispatching = new AtomicInteger();

    private String instanceId;
    private ExecutorService pool;
    private volatile boolean stopping;

    @PostConstruct
    void init() {
        instanceId = config.instanceId().orElseGet(OutboxDispatcher::defaultInstanceId);
        pool = Executors.newFixedThreadPool(
                Math.max(1, config.concurrency()), new BackgroundThreads("outbox-sender", background.nice()));
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "instance";
        }
        String id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() > 100 ? id.substring(id.length() - 100) : id;
    }

    /** This instance's name in claims and attempt history. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Claims one batch of due messages and delivers them (returns when the batch is done).
     *
     * @return how many messages were claimed
     */
    public int dispatchOnce() {
        dispatching.incrementAndGet(); // counted before the stop check: shutdown waits for this batch
        try {
            return stopping ? 0 : dispatchBatch();
        } finally {
            dispatching.decrementAndGet();
        }
    }

    private int dispatchBatch() {
        List<ClaimedMessage> batch = store.claim(instanceId, clock.instant(), config.lease(), config.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        // One task per target: parts and messages to the same target go out in order.
        Map<String, List<ClaimedMessage>> byTarget = new LinkedHashMap<>();
        for (ClaimedMessage m : batch) {
            byTarget.computeIfAbsent(m.channelKey() + "|" + m.targetKind() + "|" + m.targetId(), k -> new ArrayList<>())
                    .add(m);
        }
        Map<String, Optional<SendingChannel>> channelCache = new ConcurrentHashMap<>();
        Queue<OutboxStore.Sent> sent = new ConcurrentLinkedQueue<>();
        boolean interrupted = false;
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<ClaimedMessage> group : byTarget.values()) {
                try {
                    running.add(pool.submit(() -> deliverAll(group, channelCache, sent)));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    store.release(
                            instanceId, group.stream().map(ClaimedMessage::id).toList());
                }
            }
            interrupted = awaitAll(running, sent);
        } finally {
            recordSent(sent, true);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return batch.size();
    }

    /**
     * Waits for every delivery task of a batch (each ends within its sends' timeouts), recording the
     * batch's deliveries whenever {@link #RECORD_EVERY_MS} have passed since the last record; an
     * interrupt does not stop the wait (the deliveries still get their marks); returns whether one came.
     */
    private boolean awaitAll(List<Future<?>> running, Queue<OutboxStore.Sent> sent) {
        boolean interrupted = false;
        long every = TimeUnit.MILLISECONDS.toNanos(RECORD_EVERY_MS);
        long last = System.nanoTime();
        for (Future<?> task : running) {
            while (true) {
                long wait = every - (System.nanoTime() - last);
                if (wait <= 0) {
                    recordSent(sent, false);
                    last = System.nanoTime();
                    continue;
                }
                try {
                    task.get(wait, TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException e) {
                    // time to record: the loop does
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    LOG.errorf(e.getCause(), "outbox delivery task failed");
                    break;
                }
            }
        }
        return interrupted;
    }

    /**
     * Marks sent, in one transaction, the messages delivered since the last call. If that fails they
     * are tried again at the next record (none follows the {@code last} one: they then stay claimed
     * and are delivered again after their lease): never lost, at worst sent twice.
     */
    private void recordSent(Queue<OutboxStore.Sent> sent, boolean last) {
        List<OutboxStore.Sent> done = new ArrayList<>();
        for (OutboxStore.Sent s; (s = sent.poll()) != null; ) {
            done.add(s);
        }
        if (done.isEmpty()) {
            return;
        }
        try {
            store.sent(done);
        } catch (RuntimeException e) {
            if (!last) {
                sent.addAll(done);
                LOG.warnf(
                        "outbox: %d delivered message(s) not marked sent yet (%s); trying again",
                        done.size(), LogText.escape(e.getMessage()));
                return;
            }
            LOG.errorf(
                    e,
                    "outbox: %d delivered message(s) could not be marked sent; they are sent again after their lease",
                    done.size());
        }
    }

    /** Dispatches batches until none is due (tests, benchmarks, catching up). */
    public int drain() {
        int total = 0;
        int n;
        while ((n = dispatchOnce()) > 0) {
            total += n;
        }
        return total;
    }

    private void deliverAll(
            List<ClaimedMessage> group,
            Map<String, Optional<SendingChannel>> channelCache,
            Queue<OutboxStore.Sent> sent) {
        for (int i = 0; i < group.size(); i++) {
            ClaimedMessage m = group.get(i);
            if (stopping) {
                store.release(
                        instanceId,
                        group.subList(i, group.size()).stream()
                                .map(ClaimedMessage::id)
                                .toList());
                return;
            }
            try {
                Optional<SendingChannel> ch = channelCache.computeIfAbsent(
                        m.channelKey(), k -> channels.find(k).map(SendingChannel::of));
                deliver(m, ch.orElse(null), sent);
            } catch (RuntimeException e) {
                // Leave the claim to expire: the message is retried after the lease, never lost.
                LOG.errorf(e, "outbox message %d: unexpected error while delivering", m.id());
            }
        }
    }

    /** Delivers a message's parts; the last one's success goes to {@code sent}, recorded with the batch's. */
    private void deliver(ClaimedMessage m, SendingChannel ch, Queue<OutboxStore.Sent> sent) {
        int attempt = m.attempts() + 1;
        if (ch == null) {
            fail(
                    m,
                    attempt,
                    0,
                    1,
                    "none",
                    SendResult.permanent("channel-missing", "channel '" + m.channelKey() + "' does not exist"),
                    0,
                    false);
            return;
        }
        List<String> texts = TextSplitter.split(m.body(), routes.maxBytes(ch, m));
        DeliveryRoutes.PhotoMode photo = routes.photoMode(ch, m);
        // the photo, when it travels on its own, is one more part after the text: sent once, retried from there
        int total = texts.size() + (photo == DeliveryRoutes.PhotoMode.OWN_PART ? 1 : 0);
        for (int part = Math.min(m.partsSent(), total - 1); part < total; part++) {
            boolean photoPart = photo == DeliveryRoutes.PhotoMode.OWN_PART && part == texts.size();
            boolean photoWithText = photo == DeliveryRoutes.PhotoMode.WITH_LAST_TEXT && part == texts.size() - 1;
            OutboundImages.Image image = null;
            if (photoPart || photoWithText) {
                image = findImage(m.imageMediaId()).orElse(null);
                if (image == null && photoPart) {
                    photoGone(m, attempt, part, total, sent);
                    return;
                }
            }
            Instant now = clock.instant();
            DeliveryRoutes.Route route = routes.route(ch, m, part, now);
            if (route == null) {
                fail(
                        m,
                        attempt,
                        part,
                        total,
                        "wecom-reply",
                        SendResult.permanent(
                                "reply-expired",
                                "the response_url is used or expired and no robot webhook was given to fall back to"),
                        0,
                        false);
                return;
            }
            if (!route.limits().isEmpty()) {
                Optional<Instant> wait = limiter.reserve(route.rateKey(), route.limits(), now);
                if (wait.isPresent()) {
                    metrics.deferred();
                    store.defer(m.id(), instanceId, wait.get(), total, now);
                    return;
                }
            }
            SendRequest request = new SendRequest(
                    m.id(),
                    ch,
                    route.targetKind(),
                    route.targetId(),
                    m.format(),
                    photoPart ? null : texts.get(part),
                    m.mentionUserIds(),
                    m.mentionMobiles(),
                    part,
                    total,
                    image);
            long t0 = System.nanoTime();
            SendResult result = route.sender().send(request);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            metrics.recorded(route.sender().name(), result);
            if (!result.isSent()) {
                boolean viaResponseUrl = "reply".equals(route.targetKind());
                fail(m, attempt, part, total, route.sender().name(), result, ms, viaResponseUrl);
                return;
            }
            String detail = result.detail();
            if (photoWithText && image == null) {
                detail = "the photo (media item " + m.imageMediaId() + ") is no longer stored; the text went without it"
                        + (detail == null ? "" : ": " + detail);
            }
            Instant at = clock.instant();
            OutboxStore.Attempt a = new OutboxStore.Attempt(
                    attempt, part, route.sender().name(), "sent", null, detail, instanceId, at, ms);
            if (part == total - 1) {
                sent.add(new OutboxStore.Sent(m.id(), total, a, detail));
            } else if (!store.partSent(m.id(), instanceId, total, a, config.lease())) {
                LOG.warnf("outbox message %d: claim lost after part %d; another instance continues", m.id(), part + 1);
                return;
            }
        }
    }

    /** The message's photo as stored now; empty when it is gone (its concern deleted) or nobody keeps photos. */
    private Optional<OutboundImages.Image> findImage(Long mediaItemId) {
        if (mediaItemId == null || !images.isResolvable()) {
            return Optional.empty();
        }
        return images.get().find(mediaItemId);
    }

    /**
     * The photo part of a message whose photo is no longer stored: the text went, so the message is
     * sent, and its history says the photo was not.
     */
    private void photoGone(ClaimedMessage m, int attempt, int part, int total, Queue<OutboxStore.Sent> sent) {
        String detail = "the photo (media item " + m.imageMediaId() + ") is no longer stored; the text went without it";
        OutboxStore.Attempt a = new OutboxStore.Attempt(
                attempt, part, "photo", "sent", "photo-gone", detail, instanceId, clock.instant(), 0);
        sent.add(new OutboxStore.Sent(m.id(), total, a, detail));
        LOG.infof("outbox message %d: %s", m.id(), detail);
    }

    private void fail(
            ClaimedMessage m,
            int attempt,
            int part,
            int parts,
            String sender,
            SendResult r,
            long ms,
            boolean viaResponseUrl) {
        Instant now = clock.instant();
        int failures = m.failures();
        Instant next;
        String outcome;
        boolean fallBackToRobot =
                viaResponseUrl && m.fallbackRobotKey() != null && r.outcome() != SendResult.Outcome.THROTTLED;
        if (fallBackToRobot) {
            // A used or expired response_url: go to the group's robot right away; not the message's fault.
            next = now;
            outcome = "failed";
        } else {
            switch (r.outcome()) {
                case THROTTLED -> {
                    next = now.plus(config.throttleDelay());
                    outcome = "throttled";
                }
                case TEMPORARY -> {
                    failures++;
                    next = failures >= config.maxAttempts() ? null : now.plus(backoff(failures));
                    outcome = next == null ? "dead" : "failed";
                }
                default -> {
                    failures++;
                    next = null;
                    outcome = "dead";
                }
            }
        }
        OutboxStore.Attempt a =
                new OutboxStore.Attempt(attempt, part, sender, outcome, r.code(), r.detail(), instanceId, now, ms);
        store.failed(m.id(), instanceId, parts, a, failures, next, viaResponseUrl);
        if (next == null) {
            LOG.warnf("outbox message %d dead after %d failure(s): %s", m.id(), failures, LogText.escape(r.code()));
        }
    }

    /** 10 s, 20 s, 40 s ... up to the maximum, each shortened by a random share (jitter). */
    Duration backoff(int failures) {
        long initial = config.backoffInitial().toMillis();
        long max = config.backoffMax().toMillis();
        long delay = initial;
        for (int i = 1; i < failures && delay < max; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, max);
        double jitter = Math.max(0, Math.min(1, config.backoffJitter()));
        long jittered =
                (long) (delay * (1 - jitter * ThreadLocalRandom.current().nextDouble()));
        return Duration.ofMillis(Math.max(1, jittered));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a batch still being recorded: its deliveries get their sent marks first (else released, unmarked,
        // another instance would send them again)
        long until = System.nanoTime() + config.shutdownGrace().toNanos();
        while (dispatching.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            int released = store.release(instanceId, null);
            if (released > 0) {
                LOG.infof("outbox: released %d claimed message(s) on shutdown", released);
            }
        } catch (RuntimeException e) {
            LOG.warn("outbox: could not release claims on shutdown; they return after the lease", e);
        }
    }
}
